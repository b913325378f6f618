from django.urls import path

from academy.learning import case_views, exam_views, quiz_views, trainer_views, views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("runs/<int:run_id>/", views.run_page, name="run"),
    path("runs/<int:run_id>/lessons/<slug:lesson_id>/", views.lesson_page, name="lesson"),
    path("runs/<int:run_id>/cases/<slug:case_id>/", case_views.case_page, name="case"),
    path("runs/<int:run_id>/modules/<slug:module_id>/quiz/", quiz_views.start, name="quiz"),
    path(
        "runs/<int:run_id>/modules/<slug:module_id>/practice/",
        quiz_views.practice,
        name="practice",
    ),
    path("attempts/<int:attempt_id>/", quiz_views.attempt_page, name="attempt"),
    path("attempts/<int:attempt_id>/items/<int:position>/", quiz_views.feedback, name="feedback"),
    path("attempts/<int:attempt_id>/items/<int:position>/flag/", quiz_views.flag, name="flag"),
    path("attempts/<int:attempt_id>/result/", quiz_views.result, name="result"),
    path("teaching/", trainer_views.teaching, name="teaching"),
    path("runs/<int:run_id>/trainer/", trainer_views.trainer_run, name="trainer"),
    path("courses/<int:course_id>/modules/", trainer_views.course_modules, name="course_modules"),
    path(
        "courses/<int:course_id>/modules/<slug:module_id>/blueprint/",
        exam_views.blueprint,
        name="blueprint",
    ),
    path(
        "runs/<int:run_id>/modules/<slug:module_id>/standard/",
        exam_views.standard,
        name="standard",
    ),
    path(
        "runs/<int:run_id>/modules/<slug:module_id>/learners/<int:learner_id>/release/",
        exam_views.release,
        name="release",
    ),
]
