from __future__ import annotations

from django.http import HttpRequest

from temoin.accounts import sessions
from temoin.accounts.models import Role


def staff(request: HttpRequest) -> dict[str, object]:
    """The staff navigation, for fully logged-in staff only."""
    member = sessions.staff_member(request)
    if member is None or not sessions.is_ready(request):
        return {}
    return {"staff_member": member, "staff_is_admin": member.has_role(Role.ADMIN)}
