"""Anonymous in-memory files (memfd) that external tools can read and write."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator, Sequence


class MemoryFile:
    """A file that lives in RAM only; its path works for child processes."""

    def __init__(self, name: str, data: bytes = b"") -> None:
        self.fd = os.memfd_create(name, os.MFD_CLOEXEC)
        if data:
            self.write(data)

    @property
    def path(self) -> str:
        return f"/proc/self/fd/{self.fd}"

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def read_all(self) -> bytes:
        size = self.size()
        return os.pread(self.fd, size, 0) if size else b""

    def read_at(self, size: int, offset: int = 0) -> bytes:
        return os.pread(self.fd, size, offset)

    def __enter__(self) -> MemoryFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@contextlib.contextmanager
def memory_file(name: str, data: bytes = b"") -> Iterator[MemoryFile]:
    handle = MemoryFile(name, data)
    try:
        yield handle
    finally:
        handle.close()


def run_tool(
    args: Sequence[str],
    files: Sequence[MemoryFile],
    *,
    timeout: float,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run a cleaning tool that reads and writes the given memory files.

    The child's paths ``/proc/self/fd/N`` point at the same memory files,
    since the descriptors are passed with the same numbers.
    """
    return subprocess.run(  # noqa: S603 — fixed tool, arguments built here
        list(args),
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        pass_fds=[f.fd for f in files],
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": "/nonexistent"},
    )
