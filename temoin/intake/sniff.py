"""Tell a file's real type from its first bytes, whatever its name says."""

from __future__ import annotations

from dataclasses import dataclass

SNIFF_BYTES = 4096


@dataclass(frozen=True)
class FileType:
    family: str  # image, video, audio, pdf, document
    mime: str
    extension: str


JPEG = FileType("image", "image/jpeg", "jpg")
PNG = FileType("image", "image/png", "png")
GIF = FileType("image", "image/gif", "gif")
WEBP = FileType("image", "image/webp", "webp")
HEIC = FileType("image", "image/heic", "heic")
AVIF = FileType("image", "image/avif", "avif")
MP4 = FileType("video", "video/mp4", "mp4")
MOV = FileType("video", "video/quicktime", "mov")
MATROSKA = FileType("video", "video/x-matroska", "mkv")
M4A = FileType("audio", "audio/mp4", "m4a")
MP3 = FileType("audio", "audio/mpeg", "mp3")
WAV = FileType("audio", "audio/wav", "wav")
OGG = FileType("audio", "audio/ogg", "ogg")
FLAC = FileType("audio", "audio/flac", "flac")
PDF = FileType("pdf", "application/pdf", "pdf")
ZIP_PACKAGE = FileType("document", "application/zip", "zip")
OLE_DOCUMENT = FileType("document", "application/x-ole-storage", "doc")

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def sniff(head: bytes) -> FileType | None:
    """The type of a file from its first bytes, or None if it is not accepted."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head[4:8] == b"ftyp":
        return _iso_media(head[8:12])
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return MATROSKA
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return ZIP_PACKAGE
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE_DOCUMENT
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith(b"fLaC"):
        return FLAC
    if head.startswith(b"ID3") or (
        len(head) > 2 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2
    ):
        return MP3
    return None


def _iso_media(brand: bytes) -> FileType:
    if brand in _HEIF_BRANDS:
        return HEIC
    if brand in (b"avif", b"avis"):
        return AVIF
    if brand in (b"M4A ", b"M4B "):
        return M4A
    if brand == b"qt  ":
        return MOV
    return MP4
