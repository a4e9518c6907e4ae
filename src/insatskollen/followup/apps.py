from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "insatskollen.followup"
    label = "followup"
    verbose_name = "Uppföljning"
