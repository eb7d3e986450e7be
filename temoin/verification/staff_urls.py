from django.urls import URLPattern, path

from temoin.verification import staff_views

app_name = "verification-staff"

urlpatterns: list[URLPattern] = [
    path("<int:case_id>/", staff_views.case_view, name="case"),
    path("<int:case_id>/claims/", staff_views.record_claims_view, name="claims"),
    path("<int:case_id>/claims/add/", staff_views.add_claim_view, name="add-claim"),
    path("<int:case_id>/checklist/", staff_views.checklist_view, name="checklist"),
    path("<int:case_id>/verdict/", staff_views.verdict_view, name="verdict"),
    path(
        "<int:case_id>/certificate/",
        staff_views.request_certificate_view,
        name="request-certificate",
    ),
    path(
        "certificates/<str:certificate_id>/approve/",
        staff_views.approve_certificate_view,
        name="approve",
    ),
    path(
        "certificates/<str:certificate_id>/revoke/",
        staff_views.revoke_certificate_view,
        name="revoke",
    ),
    path(
        "certificates/<str:certificate_id>/<str:kind>/",
        staff_views.certificate_file_view,
        name="file",
    ),
]
