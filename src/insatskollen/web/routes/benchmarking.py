"""URLs of the comparison with other districts and of the user survey; included by web/urls.py."""

from django.urls import path

from insatskollen.web.views import benchmarking, survey, survey_public

urlpatterns: list = [
    path("jamforelse/", benchmarking.benchmark_page, name="benchmarks"),
    path("jamforelse/export/", benchmarking.benchmark_export, name="benchmark_export"),
    path("jamforelse/import/", benchmarking.benchmark_import, name="benchmark_import"),
    path("brukarenkater/", survey.survey_rounds, name="survey_rounds"),
    path("brukarenkater/<int:pk>/", survey.survey_round, name="survey_round"),
    path("enkat/<str:token>/", survey_public.survey_answer, name="survey_answer"),
]
