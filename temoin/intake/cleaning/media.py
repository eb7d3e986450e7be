"""Audio and video: remuxed by ffmpeg without metadata, pictures or data tracks."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from temoin.intake.cleaning.errors import (
    DAMAGED,
    TOOL_FAILED,
    UNSUPPORTED,
    CleaningFailed,
)
from temoin.intake.cleaning.memory import MemoryFile, run_tool

FFMPEG = "/usr/bin/ffmpeg"
FFPROBE = "/usr/bin/ffprobe"
# Codecs of still pictures: a cover or a MOV thumbnail track, never the film.
_PICTURE_CODECS = {"mjpeg", "png", "bmp", "gif", "tiff", "webp", "jpeg2000"}

# Output container and extension by input extension.
_CONTAINERS = {
    "mp4": ("mp4", "mp4"),
    "mov": ("mp4", "mp4"),
    "m4a": ("ipod", "m4a"),
    "mkv": ("matroska", "mkv"),
    "mp3": ("mp3", "mp3"),
    "wav": ("wav", "wav"),
    "ogg": ("ogg", "ogg"),
    "flac": ("flac", "flac"),
}
_MUXER_OPTIONS = {
    "mp4": ["-movflags", "+faststart"],
    "ipod": ["-movflags", "+faststart"],
    "mp3": ["-id3v2_version", "0", "-write_id3v1", "0", "-write_xing", "0"],
}
TIMEOUT_SECONDS = 3600


def _streams(source: MemoryFile) -> list[dict[str, Any]]:
    result = run_tool(
        [FFPROBE, "-v", "error", "-show_streams", "-of", "json", source.path],
        [source],
        timeout=120,
    )
    if result.returncode != 0:
        raise CleaningFailed(DAMAGED)
    try:
        streams = json.loads(result.stdout or b"{}").get("streams", [])
    except ValueError:
        raise CleaningFailed(DAMAGED) from None
    return streams if isinstance(streams, list) else []


def clean_media(source: MemoryFile, extension: str) -> tuple[MemoryFile, str]:
    """Remux ``source`` into a new memory file; return it and its extension.

    Keeps the first real video stream and the audio streams, copied bit for
    bit; drops global, stream and chapter metadata, cover pictures, picture
    tracks, data and subtitle streams, and ffmpeg's own encoder tags.
    """
    if extension not in _CONTAINERS:
        raise CleaningFailed(UNSUPPORTED)
    container, out_extension = _CONTAINERS[extension]
    maps: list[str] = []
    video = [
        s
        for s in _streams(source)
        if s.get("codec_type") == "video"
        and s.get("codec_name") not in _PICTURE_CODECS
        and not (s.get("disposition") or {}).get("attached_pic")
    ]
    audio = [s for s in _streams(source) if s.get("codec_type") == "audio"]
    if video:
        maps += ["-map", f"0:{int(video[0]['index'])}"]
    for stream in audio:
        maps += ["-map", f"0:{int(stream['index'])}"]
    if not maps:
        raise CleaningFailed(UNSUPPORTED)
    output = MemoryFile("cleaned")
    args = [
        FFMPEG, "-nostdin", "-hide_banner", "-loglevel", "error",
        "-i", source.path,
        *maps,
        "-dn", "-sn",
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-c", "copy",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        *_MUXER_OPTIONS.get(container, []),
        "-f", container, "-y", output.path,
    ]  # fmt: skip
    try:
        result = run_tool(args, [source, output], timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        output.close()
        raise CleaningFailed(TOOL_FAILED) from None
    if result.returncode != 0 or output.size() == 0:
        output.close()
        raise CleaningFailed(TOOL_FAILED)
    return output, out_extension
