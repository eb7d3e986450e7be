"""The organisation's keys and each staff member's access to them.

Only public keys and wrapped (encrypted) secret keys are stored: a copy of the
database opens nothing without a staff member's password.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    CASEWORKER = "caseworker", _("Caseworker")
    VERIFIER = "verifier", _("Verifier")
    PUBLISHER = "publisher", _("Publisher")


class OrganisationKey(models.Model):
    """A generation of the organisation's public keys (X25519 and Ed25519)."""

    key_id = models.CharField(max_length=32, unique=True)
    encryption_public = models.BinaryField()
    signing_public = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"organisation key {self.key_id}"


class StaffMember(models.Model):
    """A staff account's roles and personal key pair (secret half wrapped).

    Change it only through temoin.accounts.actions, which audit every change.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    roles = models.JSONField(default=list)
    public_key = models.BinaryField()
    wrapped_secret_key = models.BinaryField()
    must_change_password = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Failed passwords or codes in a row; reset by a successful login.
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Bumped to end every session of this member at once (revocation, reset).
    session_generation = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"staff {self.user.get_username()}"

    @property
    def name(self) -> str:
        return str(self.user.get_username())

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles

    def role_labels(self) -> list[str]:
        return [str(Role(value).label) for value in self.roles if value in Role.values]

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def is_locked_now(self) -> bool:
        return self.is_locked(timezone.now())


class KeyGrant(models.Model):
    """The organisation's secret keys sealed to one staff member's public key."""

    member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="grants"
    )
    organisation_key = models.ForeignKey(OrganisationKey, on_delete=models.PROTECT)
    sealed_secrets = models.BinaryField()
    granted_by = models.ForeignKey(
        StaffMember, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "organisation_key"], name="one_grant_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"grant of {self.organisation_key.key_id} to {self.member_id}"
