"""Background work of the witness side, run by `temoin worker`."""

from __future__ import annotations

import logging

from django_tasks import task

from temoin.core import crypto
from temoin.intake.keys import process_cleaning_keypair
from temoin.intake.models import Attachment

logger = logging.getLogger("temoin.intake.tasks")


@task()
def clean_attachment_task(attachment_id: int) -> str:
    """Clean one attachment with this worker's in-memory cleaning key.

    An original sealed only to keys this worker does not hold (it was
    uploaded before this worker started) stays "waiting": the staff side
    cleans it with the organisation's key (``clean_pending``).
    """
    # Imported here: the web server imports this module to enqueue the task,
    # and must not load the cleaners (Pillow, pikepdf, ...) for that.
    from temoin.intake.cleaning.clean import clean_attachment

    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return "gone"
    try:
        return clean_attachment(attachment, process_cleaning_keypair())
    except crypto.WrongKey:
        logger.info("an attachment waits for a key holder to be cleaned")
        return "waiting"
