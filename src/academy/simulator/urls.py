from django.urls import path

from academy.simulator import views

app_name = "simulator"

urlpatterns = [
    path("", views.index, name="index"),
    path("faces/<str:view>/<str:face_id>.svg", views.face_svg, name="face_svg"),
    path("attempts/<int:attempt_id>/", views.attempt, name="attempt"),
    path("runs/<int:run_id>/", views.run, name="run"),
    path("<slug:exercise_id>/", views.exercise, name="exercise"),
    path("<slug:exercise_id>/submit/", views.submit, name="submit"),
]
