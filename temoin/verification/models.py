"""Verification: claims recorded on a case, their keyed tokens, the checklist
and verdict, sign-offs under the two-person rule, certificates, revocations,
and the signed lists the public site publishes.

In the clear: ids, the verdict (coarse status), day-precision dates, who
signed off, certificate ids and fingerprints, keyed tokens. Sealed to the
organisation: the claims, the checklist's reasons and evidence, certificate
requests and the signed certificates (they hold identity details).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from temoin.accounts.models import StaffMember
from temoin.cases.models import Case


class Verdict(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    PARTLY = "partly_corroborated", _("Partly corroborated")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class CaseVerification(models.Model):
    """One case's claims, checklist and verdict (content sealed)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="verification"
    )
    verdict = models.CharField(
        max_length=24, choices=Verdict.choices, default=Verdict.UNVERIFIED
    )
    sealed_claims = models.BinaryField(null=True, blank=True)
    sealed_checklist = models.BinaryField(null=True, blank=True)
    # "verified" waits for a second verifier: who proposed it, if anyone.
    proposed_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ManyToManyField(StaffMember, blank=True, related_name="+")
    updated_on = models.DateField()

    def __str__(self) -> str:
        return f"verification of case {self.case_id}"


class ClaimToken(models.Model):
    """A keyed token of one claim of a case (unit, place, month...)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "case"], name="verification_claim_token_unique"
            )
        ]
        indexes = [models.Index(fields=["case"], name="verif_claim_token_case_idx")]

    def __str__(self) -> str:
        return f"claim token of case {self.case_id}"


class TextSignature(models.Model):
    """The MinHash of a testimony's keyed shingles (see temoin.core.similarity)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="+")
    signature = models.BinaryField()

    def __str__(self) -> str:
        return f"signature of case {self.case_id}"


class BandToken(models.Model):
    """One LSH band of a testimony's signature, as a keyed token."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "case"], name="verification_band_token_unique"
            )
        ]
        indexes = [models.Index(fields=["case"], name="verif_band_token_case_idx")]

    def __str__(self) -> str:
        return f"band token of case {self.case_id}"


class CertificateStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting a second verifier")
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class Certificate(models.Model):
    """A certificate: requested by one verifier, signed when a second approves."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="certificates"
    )
    certificate_id = models.CharField(max_length=32, unique=True)
    status = models.CharField(
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        StaffMember, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateField()
    issued_on = models.DateField(null=True, blank=True)
    key_id = models.CharField(max_length=32, blank=True, default="")
    fingerprint = models.CharField(max_length=64, blank=True, default="")
    sealed_request = models.BinaryField()
    sealed_signed = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"certificate {self.certificate_id}"


class RevocationReason(models.TextChoices):
    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
    NEW_EVIDENCE = "new_evidence", _("New evidence contradicts it")
    REQUESTED = "requested", _("The person asked for it")
    KEY_COMPROMISED = "key_compromised", _("The signing key is compromised")


class Revocation(models.Model):
    """A revoked certificate id; published in the revocation list."""

    certificate_id = models.CharField(max_length=32, unique=True)
    reason = models.CharField(max_length=20, choices=RevocationReason.choices)
    revoked_at = models.DateTimeField()
    revoked_by = models.ForeignKey(
        StaffMember, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["revoked_at"]

    def __str__(self) -> str:
        return f"revocation of {self.certificate_id}"


class ListKind(models.TextChoices):
    KEYS = "keys", "keys"
    REVOCATIONS = "revocations", "revocations"


class PublishedList(models.Model):
    """A signed public list, as served at /keys.json or /revocations.json.

    Signing needs the organisation's secret key, which only a staff session
    holds, so lists are signed when staff act and served from here.
    """

    kind = models.CharField(max_length=12, choices=ListKind.choices)
    body = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} list of {self.published_at:%Y-%m-%d}"
