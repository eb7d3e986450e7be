"""Office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP): the package is rewritten.

Drops document properties, thumbnails, comments and their authors, people
lists, custom XML, printer settings and macros; blanks revision authors and
dates and removes revision session ids; re-encodes every embedded image.
Zip bombs are refused before anything is decompressed past the limits.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable

from django.conf import settings

from temoin.intake.cleaning.errors import BOMB, DAMAGED, UNSUPPORTED, CleaningFailed
from temoin.intake.cleaning.images import clean_image

MAX_ENTRIES = 5000
MAX_RATIO = 200
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")

_OOXML_DROP = re.compile(
    r"^(docProps/.*|customXml/.*|.*thumbnail.*|.*/comments[^/]*\.xml|"
    r".*/people\.xml|.*/commentAuthors\.xml|.*/threadedComments/.*|.*/persons/.*|"
    r".*/printerSettings/.*|.*vbaProject.*|.*/vbaData\.xml)$",
    re.IGNORECASE,
)
_ODF_DROP = re.compile(
    r"^(meta\.xml|settings\.xml|Thumbnails/.*|layout-cache|Configurations2/.*|"
    r"Basic/.*|Scripts/.*)$"
)
_OOXML_SCRUB = [
    (re.compile(r"<w:comment(RangeStart|RangeEnd|Reference)\b[^>]*/>"), ""),
    (re.compile(r'\s(w|w14|w15):rsid\w*="[^"]*"'), ""),
    (re.compile(r"<w:rsids>.*?</w:rsids>", re.S), ""),
    (re.compile(r'\sw:(author|initials)="[^"]*"'), ' w:\\1=""'),
    (re.compile(r'\sw:date="[^"]*"'), ""),
    (re.compile(r"<w:attachedTemplate\b[^>]*/>"), ""),
]
_ODF_SCRUB = [
    (re.compile(r"<office:annotation\b.*?</office:annotation>", re.S), ""),
    (re.compile(r"<office:annotation-end\b[^>]*/>"), ""),
    (re.compile(r"<dc:creator>.*?</dc:creator>", re.S), "<dc:creator/>"),
    (re.compile(r"<dc:date>.*?</dc:date>", re.S), ""),
    (re.compile(r"<meta:creator>.*?</meta:creator>", re.S), ""),
]
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*/>")
_TARGET = re.compile(r'Target="([^"]*)"')
_OVERRIDE = re.compile(r'<Override\b[^>]*PartName="([^"]*)"[^>]*/>')
_MANIFEST_ENTRY = re.compile(r'<manifest:file-entry\b[^>]*full-path="([^"]*)"[^>]*/>')


def clean_office(data: bytes) -> tuple[bytes, str]:
    """Return the rewritten package and its extension."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CleaningFailed(DAMAGED) from None
    with package:
        entries = _read_all(package)
    if "[Content_Types].xml" in entries:
        return _clean_ooxml(entries)
    if entries.get("mimetype", b"").startswith(b"application/vnd.oasis.opendocument"):
        return _clean_odf(entries)
    raise CleaningFailed(UNSUPPORTED)


# What zipfile can read; a member packed otherwise, or encrypted, cannot be
# cleaned, and zipfile would refuse it only once we tried to read it.
_READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
_ENCRYPTED_FLAG = 0x1


def _read_all(package: zipfile.ZipFile) -> dict[str, bytes]:
    infos = package.infolist()
    if len(infos) > MAX_ENTRIES:
        raise CleaningFailed(BOMB)
    budget = settings.INTAKE_MAX_UNZIPPED_BYTES
    entries: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        if info.file_size > budget or (
            info.file_size > 1024 * 1024
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise CleaningFailed(BOMB)
        if (
            info.compress_type not in _READABLE_METHODS
            or info.flag_bits & _ENCRYPTED_FLAG
        ):
            raise CleaningFailed(DAMAGED)
        try:
            with package.open(info) as member:
                # Never trust the declared size: read at most what is left.
                content = member.read(budget + 1)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise CleaningFailed(DAMAGED) from None
        if len(content) > budget:
            raise CleaningFailed(BOMB)
        budget -= len(content)
        entries[info.filename] = content
    return entries


def _clean_images(entries: dict[str, bytes]) -> None:
    for name in list(entries):
        if name.lower().endswith(_IMAGE_EXTENSIONS):
            entries[name], _ = clean_image(entries[name], keep_format=True)


def _clean_ooxml(entries: dict[str, bytes]) -> tuple[bytes, str]:
    dropped = {name for name in entries if _OOXML_DROP.match(name)}
    for name in dropped:
        del entries[name]
    for name, content in list(entries.items()):
        if name.endswith(".rels"):
            entries[name] = _drop_relationships(name, content, dropped)
        elif name == "[Content_Types].xml":
            entries[name] = _sub_bytes(
                _OVERRIDE,
                lambda m: "" if m.group(1).lstrip("/") in dropped else m.group(0),
                content,
            )
        elif name.endswith(".xml"):
            entries[name] = _scrub(content, _OOXML_SCRUB)
    _clean_images(entries)
    if any(name.startswith("word/") for name in entries):
        extension = "docx"
    elif any(name.startswith("xl/") for name in entries):
        extension = "xlsx"
    elif any(name.startswith("ppt/") for name in entries):
        extension = "pptx"
    else:
        raise CleaningFailed(UNSUPPORTED)
    return _write(entries, first=None), extension


def _clean_odf(entries: dict[str, bytes]) -> tuple[bytes, str]:
    dropped = {name for name in entries if _ODF_DROP.match(name)}
    for name in dropped:
        del entries[name]
    manifest = "META-INF/manifest.xml"
    if manifest in entries:
        entries[manifest] = _sub_bytes(
            _MANIFEST_ENTRY,
            lambda m: (
                ""
                if m.group(1) in dropped
                or m.group(1).startswith(("Thumbnails/", "Configurations2/"))
                else m.group(0)
            ),
            entries[manifest],
        )
    for name in ("content.xml", "styles.xml"):
        if name in entries:
            entries[name] = _scrub(entries[name], _ODF_SCRUB)
    _clean_images(entries)
    kind = entries["mimetype"].decode("ascii", "replace")
    extension = {
        "application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/vnd.oasis.opendocument.presentation": "odp",
    }.get(kind.strip(), "odt")
    return _write(entries, first="mimetype"), extension


def _drop_relationships(name: str, content: bytes, dropped: set[str]) -> bytes:
    # word/_rels/document.xml.rels targets are relative to word/.
    base = posixpath.dirname(posixpath.dirname(name))

    def keep(match: re.Match[str]) -> str:
        target = _TARGET.search(match.group(0))
        if target is None or 'TargetMode="External"' in match.group(0):
            return match.group(0)
        path = target.group(1)
        resolved = (
            path.lstrip("/")
            if path.startswith("/")
            else posixpath.normpath(posixpath.join(base, path))
        )
        return (
            "" if resolved in dropped or _OOXML_DROP.match(resolved) else match.group(0)
        )

    return _sub_bytes(_RELATIONSHIP, keep, content)


def _sub_bytes(
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], str],
    content: bytes,
) -> bytes:
    text = content.decode("utf-8", "surrogateescape")
    return pattern.sub(replace, text).encode("utf-8", "surrogateescape")


def _scrub(content: bytes, rules: list[tuple[re.Pattern[str], str]]) -> bytes:
    text = content.decode("utf-8", "surrogateescape")
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text.encode("utf-8", "surrogateescape")


def _write(entries: dict[str, bytes], first: str | None) -> bytes:
    out = io.BytesIO()
    names = list(entries)
    if first is not None and first in entries:
        names.remove(first)
        names.insert(0, first)
    with zipfile.ZipFile(out, "w") as package:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = (
                zipfile.ZIP_STORED if name == first else zipfile.ZIP_DEFLATED
            )
            package.writestr(info, entries[name])
    return out.getvalue()
