"""Public verification URLs; the signed lists live outside the language prefix."""

from django.urls import URLPattern, path

from temoin.verification import public_views

app_name = "verification"

urlpatterns: list[URLPattern] = [
    path("", public_views.verify_view, name="verify"),
]

list_urlpatterns: list[URLPattern] = [
    path("keys.json", public_views.keys_json, name="keys-json"),
    path("revocations.json", public_views.revocations_json, name="revocations-json"),
]
