"""The organisation's keys and each staff member's access to them.

Only public keys and wrapped (encrypted) secret keys are stored: a copy of the
database opens nothing without a staff member's password.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    CASEWORKER = "caseworker", "Caseworker"
    VERIFIER = "verifier", "Verifier"
    PUBLISHER = "publisher", "Publisher"


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
    """A staff account's roles and personal key pair (secret half wrapped)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    roles = models.JSONField(default=list)
    public_key = models.BinaryField()
    wrapped_secret_key = models.BinaryField()
    must_change_password = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"staff {self.user.get_username()}"

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles


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
