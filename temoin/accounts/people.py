"""Admin pages: the staff list, creating accounts, roles, access and resets.

Every change goes through an action in temoin.accounts.actions, which
writes its audit entry in the same transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from temoin.accounts import actions, keys, queries, twofactor
from temoin.accounts.access import (
    current_member,
    get_staff_member_for_admin,
    key_holder_required,
    role_required,
)
from temoin.accounts.forms import CreateStaffForm, RolesForm
from temoin.accounts.models import Role

BAD_FORM = 400


@never_cache
@require_GET
@role_required(Role.ADMIN)
def people_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/people.html", {"rows": queries.staff_rows()})


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
def person_new_view(request: HttpRequest) -> HttpResponse:
    """Create an account; its one-time password is shown in this answer only."""
    form = CreateStaffForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                member, password = actions.do_create_staff_member(
                    form.cleaned_data["username"],
                    form.cleaned_data["roles"],
                    created_by=current_member(request),
                )
            except actions.AccountError as error:
                form.add_error("username", str(error))
            else:
                context = {"person": member, "password": password, "created": True}
                return render(request, "accounts/one_time_password.html", context)
        return render(
            request, "accounts/person_new.html", {"form": form}, status=BAD_FORM
        )
    return render(request, "accounts/person_new.html", {"form": form})


@never_cache
@require_GET
@role_required(Role.ADMIN)
def person_view(request: HttpRequest, member_id: int) -> HttpResponse:
    person = get_staff_member_for_admin(request, member_id)
    context = {
        "person": person,
        "is_self": person.pk == current_member(request).pk,
        "roles_form": RolesForm(initial={"roles": person.roles}),
        "has_grant": queries.is_key_holder(person),
        "two_factor": twofactor.has_two_factor(person),
        "locked": person.is_locked_now(),
        "admin_holds_keys": keys.holds_keys(request),
    }
    return render(request, "accounts/person.html", context)


@require_POST
@role_required(Role.ADMIN)
def person_roles_view(request: HttpRequest, member_id: int) -> HttpResponse:
    person = get_staff_member_for_admin(request, member_id)
    form = RolesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one role."))
        return redirect("accounts:person", member_id=person.pk)
    try:
        actions.do_change_roles(
            person, form.cleaned_data["roles"], changed_by=current_member(request)
        )
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The roles are saved."))
    return redirect("accounts:person", member_id=person.pk)


@require_POST
@role_required(Role.ADMIN)
@key_holder_required
def person_grant_view(request: HttpRequest, member_id: int) -> HttpResponse:
    """Seal the organisation's keys, from this admin's session, to a member."""
    person = get_staff_member_for_admin(request, member_id)
    key = queries.current_organisation_key()
    if key is None:
        messages.error(request, _("The organisation has no keys: run temoin init."))
        return redirect("accounts:person", member_id=person.pk)
    actions.do_grant_access(
        person, key, keys.require_org_keys(request), granted_by=current_member(request)
    )
    messages.success(
        request,
        _("Access granted. It opens at this person's next login."),
    )
    return redirect("accounts:person", member_id=person.pk)


@require_POST
@role_required(Role.ADMIN)
def person_revoke_view(request: HttpRequest, member_id: int) -> HttpResponse:
    person = get_staff_member_for_admin(request, member_id)
    try:
        actions.do_revoke_access(person, revoked_by=current_member(request))
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Access revoked. Their sessions have ended."))
    return redirect("accounts:person", member_id=person.pk)


def _refuse_self(request: HttpRequest, person_id: int) -> HttpResponse | None:
    if person_id == current_member(request).pk:
        messages.error(request, _("Use your own account pages to change your account."))
        return redirect("accounts:person", member_id=person_id)
    return None


@never_cache
@require_POST
@role_required(Role.ADMIN)
def person_reset_password_view(request: HttpRequest, member_id: int) -> HttpResponse:
    """A new one-time password and key pair; re-granted if this admin holds keys."""
    person = get_staff_member_for_admin(request, member_id)
    refused = _refuse_self(request, person.pk)
    if refused is not None:
        return refused
    password = actions.do_reset_password(
        person,
        reset_by=current_member(request),
        org_secrets=keys.org_keys_for_request(request),
    )
    context = {
        "person": person,
        "password": password,
        "created": False,
        "regranted": queries.is_key_holder(person),
    }
    return render(request, "accounts/one_time_password.html", context)


@require_POST
@role_required(Role.ADMIN)
def person_reset_two_factor_view(request: HttpRequest, member_id: int) -> HttpResponse:
    person = get_staff_member_for_admin(request, member_id)
    refused = _refuse_self(request, person.pk)
    if refused is not None:
        return refused
    actions.do_reset_two_factor(person, reset_by=current_member(request))
    messages.success(
        request, _("Two-factor login is reset: they set it up again at next login.")
    )
    return redirect("accounts:person", member_id=person.pk)


@require_POST
@role_required(Role.ADMIN)
def person_unlock_view(request: HttpRequest, member_id: int) -> HttpResponse:
    person = get_staff_member_for_admin(request, member_id)
    actions.do_unlock_member(person, unlocked_by=current_member(request))
    messages.success(request, _("The account is unlocked."))
    return redirect("accounts:person", member_id=person.pk)
