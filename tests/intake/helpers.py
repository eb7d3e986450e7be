"""Fixture files made by the real tools, with identifying metadata in them."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from PIL import Image

from tests.conftest import require_tool

GPS_ARGS = [
    "-GPSLatitude=48.8566",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=37.6173",
    "-GPSLongitudeRef=E",
]


def exiftool(*args: str) -> str:
    tool = require_tool("exiftool")
    result = subprocess.run([tool, *args], capture_output=True, text=True, check=True)
    return result.stdout


def make_jpeg(path: Path, size: tuple[int, int] = (64, 48)) -> Path:
    Image.new("RGB", size, (200, 30, 30)).save(path, "JPEG")
    exiftool(
        "-overwrite_original",
        *GPS_ARGS,
        "-SerialNumber=CAM-SERIAL-4242",
        "-Make=Canon",
        "-Model=Canon EOS 5D",
        "-Artist=Ivan Petrov",
        "-Software=PhotoTool 1.0",
        str(path),
    )
    return path


def make_png(path: Path) -> Path:
    Image.new("RGB", (32, 32), (10, 200, 30)).save(path, "PNG")
    exiftool("-overwrite_original", *GPS_ARGS, "-Author=Ivan Petrov", str(path))
    return path


def make_webp(path: Path) -> Path:
    image = Image.new("RGB", (32, 32), (10, 20, 230))
    exif = Image.Exif()
    exif[0x013B] = "Ivan Petrov"  # Artist
    exif[0x0131] = "PhotoTool 1.0"  # Software
    exif[0xA431] = "CAM-SERIAL-4242"  # BodySerialNumber (in IFD0 here)
    image.save(path, "WEBP", exif=exif.tobytes())
    return path


def make_heic(path: Path) -> Path:
    import pillow_heif

    pillow_heif.register_heif_opener()
    image = Image.new("RGB", (64, 64), (100, 100, 30))
    exif = Image.Exif()
    exif[0x013B] = "Ivan Petrov"
    exif[0x0110] = "iPhone 12"
    exif[0x0131] = "PhotoTool 1.0"
    image.save(path, "HEIF", exif=exif.tobytes())
    return path


def make_pdf(path: Path, jpeg: Path | None = None) -> Path:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Ivan Petrov"]
        meta["xmp:CreatorTool"] = "SecretWriter 3"
    pdf.docinfo["/Author"] = "Ivan Petrov"
    pdf.docinfo["/Creator"] = "SecretWriter 3"
    pdf.docinfo["/Producer"] = "SecretWriter 3"
    page = pdf.pages[0]
    page.obj["/Annots"] = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[10, 10, 50, 50],
                    Contents=pikepdf.String("note by Ivan Petrov"),
                    T=pikepdf.String("Ivan Petrov"),
                )
            ]
        )
    )
    if jpeg is not None:
        image = pikepdf.Stream(pdf, jpeg.read_bytes())
        image["/Type"] = pikepdf.Name.XObject
        image["/Subtype"] = pikepdf.Name.Image
        image["/Width"], image["/Height"] = 64, 48
        image["/ColorSpace"] = pikepdf.Name.DeviceRGB
        image["/BitsPerComponent"] = 8
        image["/Filter"] = pikepdf.Name.DCTDecode
        page.obj["/Resources"] = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Im0=image)
        )
        page.obj["/Contents"] = pdf.make_stream(b"q 64 0 0 48 10 10 cm /Im0 Do Q")
    pdf.save(path)
    return path


def make_docx(path: Path, jpeg: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = "Ivan Petrov"
    document.core_properties.last_modified_by = "Ivan Petrov"
    document.core_properties.comments = "secret comment"
    document.add_paragraph("A report.")
    document.add_picture(str(jpeg))
    document.save(str(path))
    return path


def ffmpeg(*args: str) -> None:
    tool = require_tool("ffmpeg")
    subprocess.run(
        [tool, "-nostdin", "-v", "error", "-y", *args], check=True, capture_output=True
    )


def make_mp4(path: Path) -> Path:
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
        "-c:v", "mpeg4", "-c:a", "aac", "-shortest",
        "-metadata", "location=+48.8566+037.6173/",
        "-metadata", "artist=Ivan Petrov",
        "-metadata", "comment=serial CAM-SERIAL-4242",
        str(path),
    )  # fmt: skip
    exiftool("-overwrite_original", "-Keys:GPSCoordinates=48.8566, 37.6173", str(path))
    return path


def make_mp3(path: Path, cover: Path) -> Path:
    ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
        "-i", str(cover),
        "-map", "0:a", "-map", "1:v", "-c:a", "libmp3lame", "-c:v", "copy",
        "-id3v2_version", "3",
        "-metadata", "artist=Ivan Petrov",
        "-metadata", "comment=recorded near the front",
        "-metadata:s:v", "title=Album cover", "-disposition:v", "attached_pic",
        str(path),
    )  # fmt: skip
    return path


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    return out.getvalue()
