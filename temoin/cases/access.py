"""Who may do what on the caseworker side: one rule per helper.

- Reading the inbox and case files: admins, caseworkers and verifiers
  (verifiers check the accounts). Publishers work on redacted copies in the
  publication area and never open case files.
- Changing a case (status, assignee, labels, replies, notes, journey):
  admins and caseworkers.
- Opening an original file (evidence, with its metadata): verifiers only;
  everyone else opens the cleaned copy.
- Content is shown only to a session that holds the organisation's keys;
  without them, the pages show workflow metadata and say why.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from temoin.accounts.access import current_member
from temoin.accounts.models import Role, StaffMember
from temoin.cases.models import Case
from temoin.intake.models import Attachment

READ_ROLES = (Role.ADMIN, Role.CASEWORKER, Role.VERIFIER)
WORK_ROLES = (Role.ADMIN, Role.CASEWORKER)
ORIGINAL_ROLES = (Role.VERIFIER,)


def has_any_role(member: StaffMember, roles: tuple[Role, ...]) -> bool:
    return any(member.has_role(role) for role in roles)


def can_work_cases(member: StaffMember) -> bool:
    return has_any_role(member, WORK_ROLES)


def can_open_originals(member: StaffMember) -> bool:
    return has_any_role(member, ORIGINAL_ROLES)


def get_case_for_reader(request: HttpRequest, case_id: int) -> Case:
    """A case the staff member may read, or 404 (403 without a reading role)."""
    if not has_any_role(current_member(request), READ_ROLES):
        raise PermissionDenied("no role that reads cases")
    case = (
        Case.objects.select_related("submission", "assignee__user")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404("no such case")
    return case


def get_case_for_worker(request: HttpRequest, case_id: int) -> Case:
    """A case the staff member may change, or 404 (403 without a working role)."""
    if not can_work_cases(current_member(request)):
        raise PermissionDenied("no role that changes cases")
    return get_case_for_reader(request, case_id)


def get_attachment_for_reader(
    request: HttpRequest, case_id: int, attachment_id: int
) -> Attachment:
    """An attachment of a case the member may read, or 404."""
    case = get_case_for_reader(request, case_id)
    attachment = Attachment.objects.filter(
        pk=attachment_id, submission_id=case.submission_id
    ).first()
    if attachment is None:
        raise Http404("no such attachment")
    return attachment


def get_original_for_verifier(
    request: HttpRequest, case_id: int, attachment_id: int
) -> Attachment:
    """An attachment whose original a verifier may open, or 403/404."""
    if not can_open_originals(current_member(request)):
        raise PermissionDenied("originals are for verifiers")
    return get_attachment_for_reader(request, case_id, attachment_id)
