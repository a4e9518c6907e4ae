from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "insatskollen.survey"
    label = "survey"
    verbose_name = "Brukarenkät"
