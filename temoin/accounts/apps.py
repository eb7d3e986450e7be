from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts, roles, and the keys that let staff read testimony."""

    name = "temoin.accounts"
    label = "accounts"
