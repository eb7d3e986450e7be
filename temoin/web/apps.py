from django.apps import AppConfig


class WebConfig(AppConfig):
    """The public frame: base templates, home page, security headers, errors."""

    name = "temoin.web"
    label = "web"
