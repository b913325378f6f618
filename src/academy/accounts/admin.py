from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from academy.accounts.models import (
    PractitionerProfile,
    RoleEvent,
    TrainerProfile,
    User,
    VerificationEvent,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Group (role) changes made here are recorded as role events by a signal."""

    ordering = ["email"]
    list_per_page = 50
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "pending_email", "password")}),
        ("Person", {"fields": ("full_name",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["pending_email"]
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(PractitionerProfile)
class PractitionerProfileAdmin(SimpleHistoryAdmin):
    """Verification is decided on /accounts/practitioners/ (rules and events); read-only here."""

    list_per_page = 50
    list_display = ["user", "profession", "jurisdiction", "registration_number", "verified"]
    list_filter = ["profession", "verified"]
    search_fields = ["user__email", "registration_number"]
    readonly_fields = ["verified", "verified_at", "verified_by"]


@admin.register(TrainerProfile)
class TrainerProfileAdmin(admin.ModelAdmin):
    list_per_page = 50
    list_display = ["user", "years_in_practice", "thread_procedures_performed"]


class EventAdmin(admin.ModelAdmin):
    """Events are append-only: staff read them, nobody adds, edits or deletes them here."""

    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VerificationEvent)
class VerificationEventAdmin(EventAdmin):
    list_display = ["at", "action", "subject_email", "by_label", "evidence", "registration_number"]
    list_filter = ["action", "evidence"]
    search_fields = ["subject_email", "by_label", "registration_number"]


@admin.register(RoleEvent)
class RoleEventAdmin(EventAdmin):
    list_display = ["at", "user_email", "role", "action", "by_label"]
    list_filter = ["role", "action"]
    search_fields = ["user_email", "by_label"]
