"""The inbox and the case file: HTTP and access only.

Every page decrypts what it shows for this request only, with the keys of
the staff member's session; a member without keys sees workflow metadata and
an explanation. Changes go through temoin.cases.actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from temoin.accounts import keys
from temoin.accounts.access import current_member, role_required
from temoin.accounts.models import StaffMember
from temoin.cases import actions, casefile, queries
from temoin.cases.access import READ_ROLES, can_work_cases
from temoin.cases.forms import InboxForm, NewLabelForm
from temoin.cases.models import Case, Label
from temoin.core import crypto

BAD_FORM = 400
# Cases indexed for search on each inbox load by a key holder: enough to catch
# up after a burst of testimony within a few page loads, small enough to
# keep the page fast.
INDEX_BATCH = 25


@dataclass(frozen=True)
class InboxRow:
    case: Case
    preview: str | None  # None: not decrypted (no keys, or unreadable)


@never_cache
@require_GET
@role_required(*READ_ROLES)
def inbox_view(request: HttpRequest) -> HttpResponse:
    member = current_member(request)
    form = InboxForm(request.GET or None)
    if request.GET and not form.is_valid():
        invalid = {"form": form, "rows": [], "counts": queries.status_counts()}
        return render(request, "cases/inbox.html", invalid, status=BAD_FORM)
    data = form.cleaned_data if form.is_bound else {}
    label = data.get("label")
    inbox = queries.InboxFilter(
        status=data.get("status") or "",
        mine=bool(data.get("mine")),
        label=label.pk if isinstance(label, Label) else None,
        unread=bool(data.get("unread")),
    )
    org = keys.org_keys_for_request(request)
    queries.ensure_cases()
    if org is not None:
        actions.index_pending_cases(org, INDEX_BATCH)
    cases = queries.inbox_cases(member, inbox)
    query = str(data.get("q") or "").strip()
    page_number = int(data.get("page") or 1)
    context: dict[str, object] = {
        "form": form,
        "query": query,
        "holds_keys": org is not None,
        "counts": queries.status_counts(),
    }
    if query:
        search = Search(member, inbox, query, page_number)
        return _search_results(request, org, search, context)
    page = Paginator(cases, queries.PAGE_SIZE).get_page(page_number)
    context.update(page=page, rows=_rows(list(page.object_list), org))
    return render(request, "cases/inbox.html", context)


@dataclass(frozen=True)
class Search:
    member: StaffMember
    inbox: queries.InboxFilter
    query: str
    page: int


def _search_results(
    request: HttpRequest,
    org: crypto.OrgSecretKeys | None,
    search: Search,
    context: dict[str, object],
) -> HttpResponse:
    if org is None:
        context.update(rows=[], search_error=_("Search needs the organisation's keys."))
        return render(request, "cases/inbox.html", context, status=403)
    tokens = queries.query_tokens(org, search.query)
    if not tokens:
        context.update(
            rows=[],
            search_error=_(
                "Type at least one word of two letters or more, or a number."
            ),
        )
        return render(request, "cases/inbox.html", context, status=BAD_FORM)
    end = search.page * queries.PAGE_SIZE
    ids = queries.search_case_ids(
        tokens, limit=end + 1, member=search.member, inbox=search.inbox
    )
    found = Case.objects.filter(pk__in=ids[end - queries.PAGE_SIZE : end])
    found_cases = list(
        found.select_related("assignee__user", "submission")
        .prefetch_related("labels")
        .order_by("-id")
    )
    context.update(
        rows=_rows(found_cases, org),
        search_page=search.page,
        search_has_next=len(ids) > end,
        not_indexed=queries.cases_not_indexed(org.public().key_id),
    )
    return render(request, "cases/inbox.html", context)


def _rows(cases: list[Case], org: crypto.OrgSecretKeys | None) -> list[InboxRow]:
    if org is None:
        return [InboxRow(case, None) for case in cases]
    keypair = crypto.keypair_from_org(org)
    return [InboxRow(case, casefile.preview(case, keypair)) for case in cases]


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*READ_ROLES)
def labels_view(request: HttpRequest) -> HttpResponse:
    """The list of labels; caseworkers and admins add new ones."""
    member = current_member(request)
    form = NewLabelForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_work_cases(member):
            raise PermissionDenied("labels are created by caseworkers")
        if form.is_valid():
            try:
                actions.do_create_label(form.cleaned_data["name"], actor=member)
            except actions.InvalidCaseChange as error:
                form.add_error("name", casefile.label_error(str(error)))
            else:
                messages.success(request, _("The label was created."))
                form = NewLabelForm()
        if form.errors:
            status = BAD_FORM
    context = {
        "form": form,
        "labels": Label.objects.all(),
        "can_work": can_work_cases(member),
    }
    return render(request, "cases/labels.html", context, status=status)
