from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "insatskollen.accounts"
    label = "accounts"
    verbose_name = "Enhet, team och användare"
