"""The caseworker side: one case per testimony, with its notes and journey.

Only workflow metadata is in the clear: status, assignee, labels, an unread
marker and coarse dates (the day). Notes and journey stages are sealed
records (see ``temoin.cases.sealing``), and the search index holds keyed
tokens, never words.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from temoin.accounts.models import StaffMember
from temoin.intake.models import Submission


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the witness")
    CLOSED = "closed", _("Closed")


class Label(models.Model):
    """A short workflow label (say "urgent"); its name is stored in the clear."""

    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """The staff side's file on one testimony."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="case"
    )
    status = models.CharField(
        max_length=8, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    assignee = models.ForeignKey(
        StaffMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="cases")
    # The witness wrote something no caseworker has opened yet.
    has_unread = models.BooleanField(default=False)
    # Day precision only, like everything intake keeps in the clear.
    opened_on = models.DateField()
    updated_on = models.DateField()
    # The organisation key id the search tokens were made with ("" = none yet);
    # a case whose content changed since is marked stale.
    indexed_with = models.CharField(max_length=32, blank=True, default="")
    index_stale = models.BooleanField(default=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "-id"], name="cases_status_idx"),
            models.Index(fields=["index_stale"], name="cases_stale_idx"),
            models.Index(fields=["indexed_with"], name="cases_indexed_with_idx"),
        ]

    def __str__(self) -> str:
        return f"case {self.pk}"


class Note(models.Model):
    """An internal note, sealed to the organisation only (never to the witness)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        StaffMember, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_on = models.DateField()
    sealed_body = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"note {self.pk}"


class StageKind(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("First contact")
    IN_HIDING = "in_hiding", _("In hiding")
    LEAVING = "leaving", _("Leaving the country")
    THIRD_COUNTRY = "third_country", _("In a third country")
    APPLICATION = "application", _("Visa or asylum application")
    DECISION = "decision", _("Decision")
    RESETTLED = "resettled", _("Resettled")


class JourneyStage(models.Model):
    """One step of the person's journey. Kind, date, place and details are all
    sealed: even "in hiding" on a given day is dangerous to store in the clear.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    recorded_by = models.ForeignKey(
        StaffMember, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_on = models.DateField()
    sealed_content = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"stage {self.pk}"


class SearchToken(models.Model):
    """One keyed token of a word found in a case (a blind index entry).

    Without the organisation's secret key a token cannot be recomputed from a
    guessed word, so the table says which cases share a word, never which one.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "case"], name="cases_token_case_unique"
            )
        ]
        indexes = [models.Index(fields=["case"], name="cases_token_case_idx")]

    def __str__(self) -> str:
        return f"token of case {self.case_id}"
