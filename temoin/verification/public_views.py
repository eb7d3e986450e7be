"""The public side of verification: the verify page, where an authority
pastes or uploads a certificate, and the signed key and revocation lists.

No login, no JavaScript; the page keeps nothing of what it is given.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from temoin.core.certificates import MAX_CERTIFICATE_BYTES, Status, verify_certificate
from temoin.verification import queries
from temoin.verification.models import ListKind
from temoin.verification.uploads import SmallMemoryUploadHandler


def _reason(status: Status) -> str:
    return {
        Status.VALID: _("Genuine: signed by the organisation and unaltered."),
        Status.TAMPERED: _(
            "Invalid: the certificate was altered after it was signed (tampered)."
        ),
        Status.UNKNOWN_KEY: _(
            "Invalid: it is signed with a key this organisation has not published "
            "(unknown key)."
        ),
        Status.REVOKED: _("Invalid: the organisation has revoked this certificate."),
        Status.MALFORMED: _(
            "Invalid: this is not a certificate, or its JSON is damaged (malformed)."
        ),
    }[status]


@csrf_exempt  # the handler must be set before the CSRF check reads the body
@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """Check a pasted or uploaded certificate JSON."""
    handler = SmallMemoryUploadHandler(request)
    request.upload_handlers = [handler]
    return _verify(request, handler)


@csrf_protect
def _verify(request: HttpRequest, handler: SmallMemoryUploadHandler) -> HttpResponse:
    context: dict[str, object] = {"max_kib": MAX_CERTIFICATE_BYTES // 1024}
    if request.method != "POST":
        return render(request, "verification/verify.html", context)
    pasted = request.POST.get("certificate", "")
    upload = request.FILES.get("file")
    if handler.too_large or len(pasted.encode("utf-8")) > MAX_CERTIFICATE_BYTES:
        context["error"] = _("The certificate is larger than %(kib)s KiB.") % {
            "kib": MAX_CERTIFICATE_BYTES // 1024
        }
        return render(request, "verification/verify.html", context, status=413)
    data: bytes | str = upload.read() if upload is not None else pasted
    if not data or (isinstance(data, str) and not data.strip()):
        context["error"] = _("Paste the certificate's JSON or choose its file.")
        return render(request, "verification/verify.html", context, status=400)
    result = verify_certificate(data, queries.trusted_keys(), queries.revoked_ids())
    context.update(
        result=result,
        message=_reason(result.status),
        status=result.status.value,
        pasted=pasted if upload is None else "",
    )
    return render(
        request,
        "verification/verify.html",
        context,
        status=200 if result.status is not Status.MALFORMED else 400,
    )


def _json(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def keys_json(request: HttpRequest) -> HttpResponse:
    """The organisation's public keys, signed with its current key."""
    return _json(queries.published_json(ListKind.KEYS))


@require_GET
def revocations_json(request: HttpRequest) -> HttpResponse:
    """The revoked certificate ids, signed with the organisation's key."""
    return _json(queries.published_json(ListKind.REVOCATIONS))
