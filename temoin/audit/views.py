"""The audit log page, for admins."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from temoin.accounts.access import role_required
from temoin.accounts.models import Role
from temoin.audit import queries
from temoin.audit.forms import LogFilterForm

PAGE_SIZE = 50


@never_cache
@require_GET
@role_required(Role.ADMIN)
def log_view(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    actor_id, action = None, ""
    status = 200
    if request.GET:
        if form.is_valid():
            actor_id = form.cleaned_data["actor"]
            action = form.cleaned_data["action"]
        else:
            status = 400
    paginator = Paginator(queries.entries(actor_id, action), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filters": filters.urlencode(),
    }
    return render(request, "audit/log.html", context, status=status)
