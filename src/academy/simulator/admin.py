from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from academy.simulator.models import Attempt, SimulatorSettings


@admin.register(SimulatorSettings)
class SimulatorSettingsAdmin(admin.ModelAdmin):
    """A course's simulator rules; blank numbers keep the core's defaults (our policy)."""

    list_display = ["course", "exercises_required", "consecutive", "min_faces"]
    raw_id_fields = ["course"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Read-only: attempts are the learners' record and are written by scoring only."""

    list_per_page = 50
    list_display = ["learner", "exercise_id", "face_id", "mode", "overall", "passed", "critical"]
    list_filter = ["mode", "passed", "critical", "by_trainer"]
    raw_id_fields = ["learner", "run"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
