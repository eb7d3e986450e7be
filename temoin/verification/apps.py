from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "temoin.verification"
    label = "verification"
    verbose_name = "Verification and certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from temoin.verification import signals

        signals.connect()
