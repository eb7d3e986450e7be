"""One case file and the changes made from it: HTTP and access only.

Each form posts to its own address and comes back to the case file: a
success redirects (so reloading sends nothing twice), a mistake shows the
case file again with the form's errors and status 400, having stored nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from temoin.accounts import keys
from temoin.accounts.access import current_member, key_holder_required, role_required
from temoin.cases import actions, casefile
from temoin.cases.access import (
    READ_ROLES,
    WORK_ROLES,
    can_open_originals,
    can_work_cases,
    get_case_for_reader,
    get_case_for_worker,
)
from temoin.cases.forms import (
    AssignForm,
    LabelsForm,
    NoteForm,
    ReplyForm,
    StageForm,
    StatusForm,
)
from temoin.cases.models import Case, CaseStatus, StageKind
from temoin.core import crypto

BAD_FORM = 400


def _case_url(case: Case, anchor: str = "") -> str:
    url = reverse("cases:case", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


def render_case(
    request: HttpRequest,
    case: Case,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The case file, decrypted if this session holds the keys."""
    member = current_member(request)
    org = keys.org_keys_for_request(request)
    context: dict[str, Any] = {
        "case": case,
        "labels": list(case.labels.all()),
        "holds_keys": org is not None,
        "can_work": can_work_cases(member),
        "can_open_originals": can_open_originals(member),
        "status_form": StatusForm(initial={"status": case.status}),
        "assign_form": AssignForm(initial={"assignee": case.assignee_id}),
        "labels_form": LabelsForm(
            initial={"labels": [x.pk for x in case.labels.all()]}
        ),
        "reply_form": ReplyForm(),
        "note_form": NoteForm(),
        "stage_form": StageForm(),
        "files_count": case.submission.attachments.count(),
    }
    context.update(bound or {})
    if org is not None:
        keypair = crypto.keypair_from_org(org)
        context["file"] = casefile.open_case_file(case, keypair, get_language() or "en")
    return render(request, "cases/case.html", context, status=status)


@never_cache
@require_GET
@role_required(*READ_ROLES)
def case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_reader(request, case_id)
    member = current_member(request)
    org = keys.org_keys_for_request(request)
    if org is not None:
        actions.do_open_case(
            case, actor=member, org=org, works_cases=can_work_cases(member)
        )
    return render_case(request, case)


@require_POST
@role_required(*WORK_ROLES)
def case_status_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_worker(request, case_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, {"status_form": form}, BAD_FORM)
    actions.do_set_case_status(
        case, CaseStatus(form.cleaned_data["status"]), actor=current_member(request)
    )
    messages.success(request, _("The status was changed."))
    return HttpResponseRedirect(_case_url(case))


@require_POST
@role_required(*WORK_ROLES)
def case_assign_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_worker(request, case_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, {"assign_form": form}, BAD_FORM)
    actions.do_assign_case(
        case, form.cleaned_data["assignee"], actor=current_member(request)
    )
    messages.success(request, _("The case was assigned."))
    return HttpResponseRedirect(_case_url(case))


@require_POST
@role_required(*WORK_ROLES)
def case_labels_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_worker(request, case_id)
    form = LabelsForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, {"labels_form": form}, BAD_FORM)
    actions.do_set_case_labels(
        case, form.cleaned_data["labels"], actor=current_member(request)
    )
    messages.success(request, _("The labels were saved."))
    return HttpResponseRedirect(_case_url(case))


def _post_sealed_text(
    request: HttpRequest,
    case_id: int,
    form_class: type[ReplyForm] | type[NoteForm],
    form_name: str,
    action: Callable[..., object],
    done: str,
    anchor: str,
) -> HttpResponse:
    """Validate one text field, hand it to an action that seals it, and
    show the case again: the shape shared by replies and notes."""
    case = get_case_for_worker(request, case_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(
                case,
                form.cleaned_data["text"],
                actor=current_member(request),
                org=keys.require_org_keys(request),
            )
        except actions.InvalidCaseChange as error:
            form.add_error("text", casefile.change_error(str(error)))
        else:
            messages.success(request, done)
            return HttpResponseRedirect(_case_url(case, anchor))
    return render_case(request, case, {form_name: form}, BAD_FORM)


@require_POST
@role_required(*WORK_ROLES)
@key_holder_required
def case_reply_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _post_sealed_text(
        request,
        case_id,
        ReplyForm,
        "reply_form",
        actions.do_post_reply,
        _("Your reply was sent to the witness."),
        "conversation",
    )


@require_POST
@role_required(*WORK_ROLES)
@key_holder_required
def case_note_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _post_sealed_text(
        request,
        case_id,
        NoteForm,
        "note_form",
        actions.do_add_note,
        _("The note was added."),
        "notes",
    )


@require_POST
@role_required(*WORK_ROLES)
@key_holder_required
def case_stage_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_worker(request, case_id)
    form = StageForm(request.POST)
    if form.is_valid():
        stage = actions.NewStage(
            kind=StageKind(form.cleaned_data["kind"]),
            date=form.cleaned_data["date"],
            place=form.cleaned_data["place"],
            details=form.cleaned_data["details"],
        )
        try:
            actions.do_add_journey_stage(
                case,
                stage,
                actor=current_member(request),
                org=keys.require_org_keys(request),
            )
        except actions.InvalidCaseChange as error:
            form.add_error(None, casefile.change_error(str(error)))
        else:
            messages.success(request, _("The stage was added to the journey."))
            return HttpResponseRedirect(_case_url(case, "journey"))
    return render_case(request, case, {"stage_form": form}, BAD_FORM)
