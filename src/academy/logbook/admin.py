from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from academy.logbook.models import Case, CompetencyRule, Dops


@admin.register(CompetencyRule)
class CompetencyRuleAdmin(SimpleHistoryAdmin):
    list_display = ("course", "kind", "count", "supervision", "indication", "min_level")


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "learner", "run", "date", "supervision", "signed_at")
    readonly_fields = [f.name for f in Case._meta.fields]


@admin.register(Dops)
class DopsAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "case", "trainer", "status", "signed_at")
    readonly_fields = [f.name for f in Dops._meta.fields]
