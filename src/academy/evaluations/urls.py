from django.urls import path

from academy.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("enrolments/<int:enrolment_id>/", views.evaluate, name="evaluate"),
    path("courses/<int:course_id>/questions/", views.questions, name="questions"),
    path("runs/<int:run_id>/", views.results, name="results"),
    path("runs/<int:run_id>/results.csv", views.results_csv, name="results_csv"),
]
