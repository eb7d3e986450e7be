from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "temoin.cases"
    label = "cases"
    verbose_name = "Caseworker workspace"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The witness side must never import the staff side, so the staff side
        # listens to the witness side's saves instead.
        from temoin.cases import signals

        signals.connect()
