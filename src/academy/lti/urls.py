from django.urls import path

from academy.lti import admin_views, views

app_name = "lti"

urlpatterns = [
    path("jwks.json", views.jwks, name="jwks"),
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("deep-link/<int:launch_id>/", views.deep_link, name="deep_link"),
    path("roster/<int:launch_id>/", views.roster, name="roster"),
    path("registrations/", admin_views.registrations, name="registrations"),
    path(
        "registrations/new/<int:provider_id>/",
        admin_views.registration_create,
        name="registration_create",
    ),
    path(
        "registrations/<int:platform_id>/edit/",
        admin_views.registration_edit,
        name="registration_edit",
    ),
    path("academies/<int:provider_id>/keys/rotate/", admin_views.key_rotate, name="key_rotate"),
]
