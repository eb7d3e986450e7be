"""Who may open which staff page: decorators for views, and one
``get_<object>_for_<role>()`` helper per authorisation rule.

Stack them on function-based views (the outer ones run first)::

    @require_GET
    @role_required(Role.CASEWORKER)
    @key_holder_required
    def inbox(request: HttpRequest) -> HttpResponse:
        org = keys.require_org_keys(request)
        ...

- :func:`staff_required`: logged in, second factor given in this session,
  one-time password replaced, authenticator set up. Otherwise the browser is
  sent to the step it must take (login, code, new password, enrolment).
- :func:`role_required`: staff_required, and at least one of the roles (403).
- :func:`key_holder_required`: staff_required, and this session holds the
  organisation's keys (a 403 page that explains how to get them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from temoin.accounts import keys, sessions
from temoin.accounts.models import Role, StaffMember

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def staff_required(view: View[P]) -> View[P]:
    """Only for a fully logged-in staff member (see the module docstring)."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponse:
        step = sessions.next_step(request)
        if step is not None:
            return sessions.redirect_to_step(request, step)
        return view(request, *args, **kwargs)

    return wrapper


def role_required(*roles: Role) -> Callable[[View[P]], View[P]]:
    """Only for staff holding at least one of ``roles``; 403 for others."""
    if not roles:
        raise ValueError("role_required needs at least one role")

    def decorator(view: View[P]) -> View[P]:
        @staff_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            member = current_member(request)
            if not any(member.has_role(role) for role in roles):
                raise PermissionDenied("missing role")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def key_holder_required(view: View[P]) -> View[P]:
    """Only for staff whose session holds the organisation's keys."""

    @staff_required
    @wraps(view)
    def wrapper(
        request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponse:
        if not keys.holds_keys(request):
            return render(request, "accounts/keys_needed.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def current_member(request: HttpRequest) -> StaffMember:
    """The logged-in staff member; PermissionDenied if there is none."""
    member = sessions.staff_member(request)
    if member is None:
        raise PermissionDenied("not a staff member")
    return member


def get_staff_member_for_admin(request: HttpRequest, member_id: int) -> StaffMember:
    """A staff account an admin may manage (any account), or 404."""
    if not current_member(request).has_role(Role.ADMIN):
        raise PermissionDenied("admins only")
    member = StaffMember.objects.select_related("user").filter(pk=member_id).first()
    if member is None:
        raise Http404("no such staff member")
    return member
