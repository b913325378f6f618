from django.urls import path

from academy.cpd import admin_views, views

app_name = "cpd"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("ledger.csv", views.ledger_csv, name="ledger_csv"),
    path("ledger.pdf", views.ledger_pdf, name="ledger_pdf"),
    path("statement/", views.statement, name="statement"),
    path("external/new/", views.external_new, name="external_new"),
    path("external/<int:external_id>/evidence/", views.external_evidence, name="external_evidence"),
    path("reflections/new/", views.reflection_new, name="reflection_new"),
    path("feedback/new/", views.feedback_new, name="feedback_new"),
    path("goals/new/", views.goal_new, name="goal_new"),
    path("goals/<int:goal_id>/status/", views.goal_status, name="goal_status"),
    path("academies/<int:provider_id>/", admin_views.academy_ledger, name="academy_ledger"),
    path(
        "academies/<int:provider_id>/ledger.csv",
        admin_views.academy_ledger_csv,
        name="academy_ledger_csv",
    ),
    path(
        "academies/<int:provider_id>/ledger.pdf",
        admin_views.academy_ledger_pdf,
        name="academy_ledger_pdf",
    ),
    path(
        "academies/<int:provider_id>/activities/<int:run_id>/pars.csv",
        admin_views.activity_pars,
        name="activity_pars",
    ),
    path(
        "academies/<int:provider_id>/entries/<int:entry_id>/reverse/",
        admin_views.entry_reverse,
        name="entry_reverse",
    ),
]
