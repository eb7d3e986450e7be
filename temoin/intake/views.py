"""Witness pages: no JavaScript, no third-party request, Russian first.

Views parse HTTP, check the witness session and call actions or queries.
Multipart forms are parsed by our encrypting upload handler *before* the CSRF
check (Django must read the body to find the token), and every file of a
request that is not stored is removed before the response is sent.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    UnreadablePostError,
)
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from temoin.core import crypto
from temoin.intake import actions, keys, queries
from temoin.intake.forms import CodenameForm, ReplyForm, TestimonyForm
from temoin.intake.sessions import (
    current_witness,
    end_witness_session,
    start_witness_session,
)
from temoin.intake.uploads import (
    EncryptingUploadHandler,
    UploadProblem,
    release_upload_memory,
)
from temoin.intake.witnesses import TooManyGuesses, find_witness, new_witness

# Room for the form fields around the files.
_BODY_SLACK = 8 * 1024 * 1024


def problem(
    request: HttpRequest, status: int, title: str, message: str
) -> HttpResponse:
    return render(
        request,
        "intake/problem.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def _not_configured(request: HttpRequest) -> HttpResponse:
    return problem(
        request,
        503,
        _("Testimony cannot be received yet"),
        _("This site is not ready to receive testimony. Please come back later."),
    )


def _too_large(request: HttpRequest) -> HttpResponse:
    limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
    return problem(
        request,
        413,
        _("A file is too large"),
        _(
            "Each file may be at most %(limit)s MiB, and at most %(count)s files "
            "can be sent at once. Nothing was stored: please try again with "
            "smaller or fewer files."
        )
        % {"limit": limit, "count": settings.INTAKE_MAX_FILES},
    )


def _upload_problem(request: HttpRequest, code: str) -> HttpResponse:
    if code in (UploadProblem.TOO_LARGE, UploadProblem.TOO_MANY):
        return _too_large(request)
    if code == UploadProblem.REFUSED_TYPE:
        return problem(
            request,
            415,
            _("This kind of file is not accepted"),
            _(
                "We accept photos, videos, sound recordings, PDF files and office "
                "documents. A file's type is read from its content, not its name. "
                "Nothing was stored."
            ),
        )
    return _malformed(request)


def _malformed(request: HttpRequest) -> HttpResponse:
    return problem(
        request,
        400,
        _("The form did not arrive complete"),
        _(
            "The connection may have been cut. Nothing was stored: please send "
            "the form again."
        ),
    )


def _parse_with_encryption(
    request: HttpRequest, recipients: list[bytes]
) -> tuple[EncryptingUploadHandler, HttpResponse | None]:
    """Parse the body, encrypting files as they arrive; return an error page or None."""
    handler = EncryptingUploadHandler(
        request,
        recipients,
        max_bytes=settings.MAX_UPLOAD_BYTES,
        max_files=settings.INTAKE_MAX_FILES,
    )
    request.upload_handlers = [handler]
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return handler, _malformed(request)
    if declared > settings.MAX_UPLOAD_BYTES * settings.INTAKE_MAX_FILES + _BODY_SLACK:
        return handler, _too_large(request)
    try:
        request.POST  # noqa: B018 — reading it runs the parser
        request.FILES  # noqa: B018
    except RequestDataTooBig:
        return handler, _too_large(request)
    except (MultiPartParserError, TooManyFieldsSent, UnreadablePostError, OSError):
        return handler, _malformed(request)
    finally:
        if handler.received_files:
            release_upload_memory()
    if handler.problem:
        return handler, _upload_problem(request, handler.problem)
    return handler, None


def _multipart_view(
    inner: Callable[
        [HttpRequest, EncryptingUploadHandler, crypto.OrgPublicKeys], HttpResponse
    ],
) -> Callable[[HttpRequest], HttpResponse]:
    """Wrap a POST handler: encrypting parse, then CSRF check, then cleanup."""
    protected = csrf_protect(inner)

    @csrf_exempt
    def view(request: HttpRequest) -> HttpResponse:
        try:
            org = keys.current_org_public()
        except keys.NotConfigured:
            return _not_configured(request)
        handler, error = _parse_with_encryption(request, keys.original_recipients(org))
        try:
            if error is not None:
                return error
            response: HttpResponse = protected(request, handler, org)
            return response
        finally:
            # Whatever was recorded was published; anything else goes now.
            handler.discard()

    return view


# --- Pages ---------------------------------------------------------------


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """What happens to a testimony, and the risks, before anything is asked."""
    return render(request, "intake/start.html")


def _form_page(
    request: HttpRequest, form: TestimonyForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "intake/form.html",
        {
            "form": form,
            "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
            "max_files": settings.INTAKE_MAX_FILES,
        },
        status=status,
    )


def _questions() -> tuple[object, list[queries.QuestionView]]:
    questionnaire = queries.active_questionnaire()
    if questionnaire is None:
        return None, []
    return questionnaire, queries.questions_for(questionnaire, get_language() or "ru")


@csrf_protect
@require_GET
def testimony_form(request: HttpRequest) -> HttpResponse:
    _, questions = _questions()
    return _form_page(request, TestimonyForm(questions))


def _submit(
    request: HttpRequest,
    handler: EncryptingUploadHandler,
    org: crypto.OrgPublicKeys,
) -> HttpResponse:
    questionnaire, questions = _questions()
    form = TestimonyForm(questions, request.POST)
    if not form.is_valid():
        if handler.uploads:
            form.add_error(None, _("Please choose your files again."))
        return _form_page(request, form, status=400)
    language = get_language() or "ru"
    codename, witness = new_witness(language)
    testimony = actions.NewTestimony(
        language=language,
        text=form.cleaned_data["text"],
        answers=form.answers(),
        questionnaire=questionnaire,  # type: ignore[arg-type]
    )
    try:
        actions.do_submit_testimony(
            testimony,
            handler.uploads,
            org_public=org,
            witness=witness,
            destroy_originals=form.cleaned_data["destroy_originals"],
        )
    except actions.InvalidTestimony:
        form.add_error(None, _("Please write your testimony before sending it."))
        return _form_page(request, form, status=400)
    handler.uploads = []  # stored: not to be discarded
    return render(
        request,
        "intake/receipt.html",
        {"codename": codename},
        status=201,
    )


submit_testimony = _multipart_view(_submit)


@csrf_exempt  # the POST branch checks CSRF after the encrypting parse
@require_http_methods(["GET", "POST"])
def testimony(request: HttpRequest) -> HttpResponse:
    """GET shows the questionnaire; POST receives it (with files)."""
    if request.method == "POST":
        return submit_testimony(request)
    return testimony_form(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def come_back(request: HttpRequest) -> HttpResponse:
    """Enter the codename to read replies and answer."""
    if request.method == "GET":
        return render(request, "intake/come_back.html", {"form": CodenameForm()})
    form = CodenameForm(request.POST)
    if not form.is_valid():
        return _wrong_codename(request, form)
    try:
        witness = find_witness(form.cleaned_data["codename"])
    except TooManyGuesses:
        return problem(
            request,
            429,
            _("Too many attempts"),
            _(
                "Too many wrong codenames were tried. "
                "Please wait 15 minutes and try again."
            ),
        )
    if witness is None:
        return _wrong_codename(request, CodenameForm())
    response = HttpResponseRedirect(reverse("intake:conversation"))
    start_witness_session(request, response, witness)
    return response


def _wrong_codename(request: HttpRequest, form: CodenameForm) -> HttpResponse:
    return render(
        request,
        "intake/come_back.html",
        {
            "form": CodenameForm(),
            "wrong": _(
                "This codename does not open any testimony. "
                "Check each word and try again."
            ),
        },
        status=403,
    )


@csrf_protect
@require_GET
def conversation(request: HttpRequest) -> HttpResponse:
    witness = current_witness(request)
    if witness is None:
        return HttpResponseRedirect(reverse("intake:come-back"))
    return _conversation_page(request, witness, ReplyForm())


def _conversation_page(
    request: HttpRequest, witness: object, form: ReplyForm, status: int = 200
) -> HttpResponse:
    from temoin.intake.witnesses import Witness

    assert isinstance(witness, Witness)
    return render(
        request,
        "intake/conversation.html",
        {
            "messages_": queries.witness_conversation(witness),
            "form": form,
            "files": witness.submission.attachments.count(),
            "destroy_requested": witness.submission.attachments.filter(
                destroy_original_requested=True
            ).exists(),
            "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
        },
        status=status,
    )


def _reply(
    request: HttpRequest,
    handler: EncryptingUploadHandler,
    org: crypto.OrgPublicKeys,
) -> HttpResponse:
    witness = current_witness(request)
    if witness is None:
        return HttpResponseRedirect(reverse("intake:come-back"))
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _conversation_page(request, witness, form, status=400)
    try:
        actions.do_post_witness_reply(
            witness, form.cleaned_data["text"], handler.uploads, org_public=org
        )
    except actions.InvalidTestimony:
        form.add_error(None, _("Please write a message or choose a file."))
        return _conversation_page(request, witness, form, status=400)
    handler.uploads = []
    return HttpResponseRedirect(reverse("intake:conversation") + "#last")


reply = csrf_exempt(require_POST(_multipart_view(_reply)))


@csrf_protect
@require_POST
def destroy_originals(request: HttpRequest) -> HttpResponse:
    witness = current_witness(request)
    if witness is None:
        return HttpResponseRedirect(reverse("intake:come-back"))
    actions.do_request_original_destruction(witness.submission)
    return HttpResponseRedirect(reverse("intake:conversation"))


@csrf_protect
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect(reverse("intake:start"))
    end_witness_session(request, response)
    return response
