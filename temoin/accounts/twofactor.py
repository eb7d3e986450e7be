"""Two-factor authentication: an authenticator app (TOTP) and recovery codes.

Built on django-otp's TOTP and static devices. Recovery codes are 80 random
bits each and only a hash of each is stored (django-otp would keep them in
the clear), so a copy of the database gives no usable code.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from temoin.accounts.models import StaffMember
from temoin.audit.actions import record

RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_GROUPS = 4
_RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l, o, 0, 1
_RECOVERY_CODE_LENGTH = 16  # 16 symbols of 5 bits: 80 bits
TOTP_CODE = re.compile(r"^\d{6}$")
DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"


def generate_recovery_code() -> str:
    """A random code such as ``k7dq-2mxa-p9rt-hh3e`` (80 bits)."""
    raw = "".join(
        secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_CODE_LENGTH)
    )
    return "-".join(raw[i : i + 4] for i in range(0, _RECOVERY_CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """Lower case, without spaces or dashes, as people type codes."""
    return re.sub(r"[\s-]+", "", text).lower()


def recovery_token(code: str) -> str:
    """What is stored for a recovery code: 64 bits of its SHA-256."""
    digest = hashlib.sha256(b"temoin recovery code\n" + normalise_code(code).encode())
    return digest.hexdigest()[:16]


def confirmed_totp_device(member: StaffMember) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=member.user, confirmed=True).first()


def has_two_factor(member: StaffMember) -> bool:
    return bool(TOTPDevice.objects.filter(user=member.user, confirmed=True).exists())


def pending_totp_device(member: StaffMember) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=member.user, confirmed=False).first()


def remaining_recovery_codes(member: StaffMember) -> int:
    return int(StaticToken.objects.filter(device__user=member.user).count())


def secret_for_display(device: TOTPDevice) -> str:
    """The TOTP secret in base32, in groups of four, for typing by hand."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> bytes:
    """The enrolment QR code (the otpauth:// URI) as a standalone SVG."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=8,
        border=4,  # the quiet zone scanners expect
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def do_start_totp_enrolment(member: StaffMember) -> TOTPDevice:
    """The member's unconfirmed authenticator, created on the first visit.

    The same secret is shown until it is confirmed, so reloading the page
    does not invalidate a code already scanned.
    """
    device = pending_totp_device(member)
    if device is None:
        device = TOTPDevice.objects.create(
            user=member.user, name=DEVICE_NAME, confirmed=False
        )
        record(member, "staff.two_factor_enrolment_started", member)
    return device


@transaction.atomic
def do_confirm_totp_enrolment(member: StaffMember, code: str) -> list[str] | None:
    """Confirm the pending authenticator with a code it shows.

    Returns the new recovery codes (shown once, never stored in the clear),
    or None when the code is wrong.
    """
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=member.user, confirmed=False)
        .first()
    )
    code = normalise_code(code)
    if device is None or not TOTP_CODE.match(code) or not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=member.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(member)
    record(member, "staff.two_factor_enrolled", member)
    return codes


@transaction.atomic
def do_regenerate_recovery_codes(member: StaffMember) -> list[str]:
    """Replace a member's recovery codes; the old ones stop working."""
    codes = _replace_recovery_codes(member)
    record(member, "staff.recovery_codes_regenerated", member)
    return codes


def _replace_recovery_codes(member: StaffMember) -> list[str]:
    StaticDevice.objects.filter(user=member.user).delete()
    device = StaticDevice.objects.create(
        user=member.user, name=RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [generate_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_token(code)) for code in codes
    )
    return codes


def verify_code(member: StaffMember, code: str) -> Device | None:
    """The device that accepts this code (authenticator or recovery code).

    Callers count failures: see temoin.accounts.login.do_verify_second_factor.
    """
    code = normalise_code(code)
    if TOTP_CODE.match(code):
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=member.user, confirmed=True)
            .first()
        )
        return device if device is not None and device.verify_token(code) else None
    static = StaticDevice.objects.select_for_update().filter(user=member.user).first()
    if static is not None and static.verify_token(recovery_token(code)):
        return static
    return None
