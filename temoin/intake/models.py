"""The witness side: questionnaires, submissions, messages and attachments.

Only workflow metadata is stored in the clear: ids, a coarse status, the day a
thing happened. Every piece of content (text, answers, messages, file names,
hashes, extracted metadata) is a sealed record (see ``temoin.intake.sealing``)
and every file a secretstream blob in ``settings.BLOB_DIR``.
"""

from __future__ import annotations

from django.db import models


class Installation(models.Model):
    """One row per installation: the salt of every codename derivation."""

    codename_salt = models.BinaryField()

    def __str__(self) -> str:
        return "installation"


class CleaningKey(models.Model):
    """The public half of a key pair held only in a cleaning worker's memory.

    Originals are also sealed to the recent cleaning keys, so that a worker can
    clean them without the organisation's secret key. When the worker process
    ends, its secret half is gone: a seized server opens nothing with these.
    """

    public_key = models.BinaryField(unique=True)
    registered_on = models.DateField()

    def __str__(self) -> str:
        return f"cleaning key {self.pk}"


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", "Short text"
    LONG_TEXT = "long_text", "Long text"
    CHOICE = "choice", "Choice"
    PERIOD = "period", "Date or period"


class Questionnaire(models.Model):
    """A list of questions shown to witnesses; one is active at a time."""

    slug = models.SlugField(max_length=64, unique=True)
    is_active = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.slug


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(max_length=64)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    position = models.PositiveIntegerField(default=0)
    required = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"], name="intake_question_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.slug}:{self.key}"


class QuestionText(models.Model):
    """A question's wording in one language."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(max_length=8)
    label = models.TextField()
    help_text = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="intake_question_text_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.key} [{self.language}]"


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices"
    )
    key = models.SlugField(max_length=64)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "key"], name="intake_choice_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.key}={self.key}"


class ChoiceText(models.Model):
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8)
    label = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["choice", "language"], name="intake_choice_text_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.choice.key} [{self.language}]"


class SubmissionStatus(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SubmissionSource(models.TextChoices):
    WEB = "web", "Web"
    IMPORT = "import", "Import"


class Submission(models.Model):
    """One testimony. Its content is one sealed record; nothing else is plain."""

    # Argon2id output of the codename: unique, so coming back is one lookup.
    lookup_token = models.BinaryField(unique=True, null=True)
    witness_public_key = models.BinaryField(null=True)
    questionnaire = models.ForeignKey(
        Questionnaire, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=8, choices=SubmissionSource.choices)
    status = models.CharField(
        max_length=8, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW
    )
    # Day precision only: an hour and minute could match a network observation.
    received_on = models.DateField()
    sealed_content = models.BinaryField()

    def __str__(self) -> str:
        return f"submission {self.pk}"


class Author(models.TextChoices):
    WITNESS = "witness", "Witness"
    STAFF = "staff", "Staff"


class Message(models.Model):
    """One message of the conversation between a witness and the caseworkers."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(max_length=8, choices=Author.choices)
    sent_on = models.DateField()
    sealed_body = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.author})"


class CleaningStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be cleaned"
    CLEANED = "cleaned", "Cleaned"
    NOT_CLEANED = "not_cleaned", "Not cleaned"


class Attachment(models.Model):
    """An uploaded file, kept twice: the original (evidence) and a cleaned copy."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        Message, null=True, on_delete=models.CASCADE, related_name="attachments"
    )
    # A coarse family (image, video, audio, pdf, document): the cleaner to use.
    family = models.CharField(max_length=16)
    # Name, sniffed type, size, SHA-256: sealed, since a hash confirms a file.
    sealed_details = models.BinaryField()
    original_blob = models.CharField(max_length=80, blank=True, default="")
    original_sealed_key = models.BinaryField()
    original_destroyed = models.BooleanField(default=False)
    destroy_original_requested = models.BooleanField(default=False)
    cleaning_status = models.CharField(
        max_length=16, choices=CleaningStatus.choices, default=CleaningStatus.PENDING
    )
    # A short code saying why a file was not cleaned (unsupported, damaged...).
    cleaning_problem = models.CharField(max_length=32, blank=True, default="")
    cleaned_blob = models.CharField(max_length=80, blank=True, default="")
    cleaned_extension = models.CharField(max_length=8, blank=True, default="")
    cleaned_sealed_key = models.BinaryField(null=True)
    sealed_metadata = models.BinaryField(null=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"attachment {self.pk}"
