from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from temoin.verification import urls as verification_urls
from temoin.web import views as web_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", web_views.root, name="root"),
    path("csp-report/", web_views.csp_report, name="csp-report"),
    *verification_urls.list_urlpatterns,
]

urlpatterns += i18n_patterns(
    path("", web_views.home, name="home"),
    path("testimony/", include("temoin.intake.urls")),
    path("verify/", include("temoin.verification.urls")),
    path("staff/audit/", include("temoin.audit.urls")),
    path("staff/cases/", include("temoin.cases.urls")),
    path("staff/verification/", include("temoin.verification.staff_urls")),
    path("staff/", include("temoin.accounts.urls")),
    prefix_default_language=True,
)

handler400 = "temoin.web.views.bad_request"
handler403 = "temoin.web.views.permission_denied"
handler404 = "temoin.web.views.page_not_found"
handler500 = "temoin.web.views.server_error"
