from django.urls import path

from academy.authoring import views

app_name = "authoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:provider_id>/", views.provider_content, name="provider"),
    path("<int:provider_id>/references/", views.references, name="references"),
    path("<int:provider_id>/<str:kind>/new/", views.item_edit, name="new"),
    path("<int:provider_id>/<str:kind>/<int:pk>/", views.item_edit, name="edit"),
]
