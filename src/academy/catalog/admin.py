from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from academy.catalog.models import Accreditation, Course, CourseRun, Enrolment, Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_per_page = 50
    list_display = ["name", "country", "city", "allows_unverified", "is_demo"]
    filter_horizontal = ["admins", "trainers"]


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    """History (who changed what, before and after) is under each course's "History" button."""

    list_per_page = 50
    list_display = ["title", "provider", "level", "published", "archived"]
    list_filter = ["published", "archived"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # courses are archived (the `archived` flag), never deleted

    inlines = [AccreditationInline]


@admin.register(CourseRun)
class CourseRunAdmin(SimpleHistoryAdmin):
    list_per_page = 50

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # runs are archived (the `archived` flag), never deleted

    list_display = [
        "course",
        "starts_on",
        "mode",
        "country",
        "seats",
        "seats_taken",
        "published",
        "cancelled",
        "archived",
    ]
    list_filter = ["mode", "published", "cancelled", "archived"]


@admin.register(Enrolment)
class EnrolmentAdmin(SimpleHistoryAdmin):
    list_per_page = 50
    list_select_related = ["learner", "run", "run__course"]
    list_display = ["learner", "run", "status", "created_at"]
    list_filter = ["status"]
