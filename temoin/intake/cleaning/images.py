"""Images are cleaned by decoding the pixels and encoding them again.

Re-encoding is the most reliable cleaning (no EXIF, XMP, IPTC, ICC, maker
notes or embedded thumbnails survive); the original keeps the evidence.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from temoin.intake.cleaning.errors import BOMB, DAMAGED, CleaningFailed

_heif_registered = False

# Pillow format of the cleaned copy for each input format.
_OUTPUT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG", "MPO": "JPEG"}


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def clean_image(data: bytes, keep_format: bool = False) -> tuple[bytes, str]:
    """Return the re-encoded image and its extension (jpg, png, webp).

    With ``keep_format`` the output has the input's format (for images inside
    documents, whose names and content types must not change).
    """
    _register_heif()
    Image.MAX_IMAGE_PIXELS = settings.INTAKE_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            source_format = (image.format or "").upper()
            image.load()
            image = ImageOps.exif_transpose(image) or image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CleaningFailed(BOMB) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise CleaningFailed(DAMAGED) from None
    target = _OUTPUT.get(source_format, "JPEG")
    if keep_format and source_format in ("JPEG", "PNG", "GIF", "WEBP"):
        target = source_format
    return _encode(image, target)


def _encode(image: Image.Image, target: str) -> tuple[bytes, str]:
    out = io.BytesIO()
    # A fresh image with the pixels only: no info dict, EXIF or ICC is carried.
    if target == "JPEG":
        jpeg_mode = image.mode if image.mode in ("L", "CMYK") else "RGB"
        pixels = image.convert(jpeg_mode)
        clean = Image.new(pixels.mode, pixels.size)
        clean.paste(pixels)
        clean.save(out, "JPEG", quality=92, optimize=True)
        return out.getvalue(), "jpg"
    if target == "GIF":
        clean = image.convert("RGBA") if image.mode not in ("P", "L") else image
        fresh = Image.new(clean.mode, clean.size)
        fresh.paste(clean)
        if clean.mode == "P" and clean.getpalette():
            fresh.putpalette(clean.getpalette() or [])
        fresh.save(out, "GIF")
        return out.getvalue(), "gif"
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
    pixels = image.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    if target == "WEBP":
        clean.save(out, "WEBP", quality=90)
        return out.getvalue(), "webp"
    clean.save(out, "PNG", optimize=False)
    return out.getvalue(), "png"
