"""Downloading a case's files, decrypted as a stream in constant memory.

Caseworkers get the cleaned copy, the only one meant for daily work.
Verifiers may also get the original, the evidence with its metadata. Both are
sent as downloads (never shown inline: a hostile file must not run in a staff
member's browser), and each download is recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from temoin.accounts import keys
from temoin.accounts.access import current_member, key_holder_required, role_required
from temoin.cases import actions
from temoin.cases.access import (
    ORIGINAL_ROLES,
    READ_ROLES,
    get_attachment_for_reader,
    get_original_for_verifier,
)
from temoin.core import crypto
from temoin.intake import queries as intake_queries
from temoin.intake.models import Attachment, CleaningStatus

UNAVAILABLE = 404


def _unavailable(request: HttpRequest, case_id: int, message: str) -> HttpResponse:
    return render(
        request,
        "cases/file_unavailable.html",
        {"case_id": case_id, "message": message},
        status=UNAVAILABLE,
    )


def _download(chunks: Iterator[bytes], name: str, size: int | None) -> HttpResponse:
    response = StreamingHttpResponse(chunks, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, name)
    if size is not None:
        response["Content-Length"] = str(size)
    response["Cache-Control"] = "no-store"
    # temoin.accounts.access types views as returning HttpResponse; a
    # StreamingHttpResponse is its sibling (both HttpResponseBase) and every
    # middleware here handles both.
    return cast(HttpResponse, response)


def _name(attachment: Attachment, keypair: crypto.KeyPair, prefix: str) -> str:
    try:
        details = intake_queries.open_attachment_details(attachment, keypair)
    except crypto.CryptoError:
        return f"{prefix}-{attachment.pk}"
    return f"{prefix}-{details.name}" if details.name else f"{prefix}-{attachment.pk}"


@never_cache
@require_GET
@role_required(*READ_ROLES)
@key_holder_required
def cleaned_file_view(
    request: HttpRequest, case_id: int, attachment_id: int
) -> HttpResponse:
    attachment = get_attachment_for_reader(request, case_id, attachment_id)
    if not attachment.cleaned_blob or attachment.cleaned_sealed_key is None:
        if attachment.cleaning_status == CleaningStatus.PENDING:
            message = _(
                "This file is still being cleaned of its metadata. Try again "
                "in a few minutes."
            )
        else:
            message = _(
                "This file could not be cleaned, so there is no copy safe to "
                "open. Only a verifier can open the original."
            )
        return _unavailable(request, case_id, message)
    keypair = crypto.keypair_from_org(keys.require_org_keys(request))
    actions.do_record_file_opened(
        case_id, attachment.pk, copy="cleaned", actor=current_member(request)
    )
    prefix = (
        "not-cleaned"
        if attachment.cleaning_status != CleaningStatus.CLEANED
        else "cleaned"
    )
    return _download(
        intake_queries.iter_cleaned_copy(attachment, keypair),
        _name(attachment, keypair, prefix),
        None,
    )


@never_cache
@require_GET
@role_required(*ORIGINAL_ROLES)
@key_holder_required
def original_file_view(
    request: HttpRequest, case_id: int, attachment_id: int
) -> HttpResponse:
    attachment = get_original_for_verifier(request, case_id, attachment_id)
    if attachment.original_destroyed or not attachment.original_blob:
        return _unavailable(
            request,
            case_id,
            _("The original of this file was destroyed, as the witness asked."),
        )
    keypair = crypto.keypair_from_org(keys.require_org_keys(request))
    actions.do_record_file_opened(
        case_id, attachment.pk, copy="original", actor=current_member(request)
    )
    return _download(
        intake_queries.iter_original(attachment, keypair),
        _name(attachment, keypair, "original"),
        None,
    )
