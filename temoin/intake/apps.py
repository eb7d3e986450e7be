from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "temoin.intake"
    label = "intake"
    verbose_name = "Witness intake"
    default_auto_field = "django.db.models.BigAutoField"
