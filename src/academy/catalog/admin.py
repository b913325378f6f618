from django.contrib import admin

from academy.catalog.models import Accreditation, Course, CourseRun, Enrolment, Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "city", "allows_unverified", "is_demo"]
    filter_horizontal = ["admins"]


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "level", "published"]
    inlines = [AccreditationInline]


@admin.register(CourseRun)
class CourseRunAdmin(admin.ModelAdmin):
    list_display = [
        "course",
        "starts_on",
        "mode",
        "country",
        "seats",
        "seats_taken",
        "published",
        "cancelled",
    ]
    list_filter = ["mode", "published", "cancelled"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["learner", "run", "status", "created_at"]
    list_filter = ["status"]
