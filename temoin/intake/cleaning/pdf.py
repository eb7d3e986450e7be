"""PDF: rewritten whole by pikepdf (qpdf), never updated in place.

Drops the document information dictionary, every XMP stream, annotations,
page thumbnails, embedded files, scripts and private application data, and
re-encodes embedded JPEG images (which carry their own EXIF). Only objects
reachable from the new trailer are written, so the old metadata is gone.
"""

from __future__ import annotations

import io

import pikepdf

from temoin.intake.cleaning.errors import DAMAGED, ENCRYPTED, CleaningFailed
from temoin.intake.cleaning.images import clean_image

_DROP_FROM_EVERY_OBJECT = ("/Metadata", "/PieceInfo", "/LastModified")
_DROP_FROM_ROOT = ("/OpenAction", "/AA", "/Names", "/StructTreeRoot", "/SpiderInfo")
_DROP_FROM_PAGES = ("/Annots", "/Thumb", "/AA", "/B")


def clean_pdf(data: bytes) -> bytes:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise CleaningFailed(ENCRYPTED) from None
    except pikepdf.PdfError:
        raise CleaningFailed(DAMAGED) from None
    with pdf:
        try:
            _scrub(pdf)
            out = io.BytesIO()
            pdf.save(
                out,
                compress_streams=True,
                deterministic_id=True,
                fix_metadata_version=False,
            )
        except (pikepdf.PdfError, ValueError, KeyError) as exc:
            raise CleaningFailed(DAMAGED) from exc
    return out.getvalue()


def _scrub(pdf: pikepdf.Pdf) -> None:
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    for key in _DROP_FROM_ROOT:
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        for key in _DROP_FROM_PAGES:
            if key in page.obj:
                del page.obj[key]
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        for key in _DROP_FROM_EVERY_OBJECT:
            if key in obj:
                del obj[key]
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            _clean_embedded_jpeg(obj)


def _clean_embedded_jpeg(image: pikepdf.Stream) -> None:
    filters = image.get("/Filter")
    if filters != pikepdf.Name.DCTDecode:
        return
    cleaned, _ = clean_image(image.read_raw_bytes(), keep_format=True)
    image.write(cleaned, filter=pikepdf.Name.DCTDecode)
