"""Size limits for evidence files, checked before and while reading.

A source is refused by its size on disk before a byte is read, and a ZIP entry
is refused by its declared size before it is expanded and again by its actual
size while it streams, so a file that lies about its size (a ZIP bomb) stops
at the limit instead of filling memory.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from facilitator.evidence.errors import EvidenceError

MB = 1024 * 1024
#: How much is read from a ZIP entry at a time while its size is counted.
CHUNK_BYTES = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """The sizes a reader accepts. Tests pass smaller ones; the defaults suit real exports."""

    #: A transcript, CSV or JSON file, or one file of an unpacked export.
    text_bytes: int = 64 * MB
    #: A ZIP archive on disk (only the entries needed are expanded).
    archive_bytes: int = 512 * MB
    #: One expanded ZIP entry.
    entry_bytes: int = 64 * MB
    #: Everything expanded from one archive in one read.
    expanded_bytes: int = 1024 * MB
    #: Entries listed in one archive.
    entries: int = 250_000


DEFAULT_LIMITS = Limits()


def size_text(size: int) -> str:
    """Return a size for people: "64 MB", "1.2 GB", "512 KB"."""
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{max(1, size // 1024)} KB"


def check_size(path: Path, limit: int, what: str = "file") -> int:
    """Return the size of ``path``; refuse it, without reading it, when over ``limit``."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise EvidenceError(f"{path}: no such file or folder") from None
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if size > limit:
        raise EvidenceError(
            f"{path.name} is {size_text(size)}, larger than the {size_text(limit)} a {what} "
            "may be; export a shorter period or a single channel"
        )
    return size


def read_file(path: Path, limit: int, what: str = "file") -> bytes:
    """Read all of ``path`` after checking its size; never more than ``limit`` bytes."""
    check_size(path, limit, what)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise EvidenceError(f"{path} is a folder, not a {what}") from None
    except PermissionError:
        raise EvidenceError(f"{path}: permission denied") from None
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > limit:  # it grew after the size check
        raise EvidenceError(f"{path.name} is larger than the {size_text(limit)} a {what} may be")
    return data


class ExpansionBudget:
    """Counts what one read expands from an archive, so the total stays under a limit."""

    def __init__(self, limits: Limits, archive_name: str) -> None:
        self.limits = limits
        self.archive_name = archive_name
        self.used = 0

    def read_entry(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        """Expand one entry, refusing it by declared size first and by actual size as it streams."""
        limit = min(self.limits.entry_bytes, self.limits.expanded_bytes - self.used)
        if info.file_size > limit:
            raise self._bomb(info, info.file_size, limit)
        parts: list[bytes] = []
        total = 0
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                total += len(chunk)
                # zipfile stops at the declared size, but a crafted entry may claim less
                # than it holds; count what actually arrives rather than trust the header.
                if total > limit:
                    raise self._bomb(info, total, limit)
                if total > info.file_size:
                    raise EvidenceError(
                        f"{self.archive_name}: {info.filename} holds more than its header says; "
                        "the archive is damaged or crafted, so it is refused"
                    )
                parts.append(chunk)
        self.used += total
        return b"".join(parts)

    def _bomb(self, info: zipfile.ZipInfo, size: int, limit: int) -> EvidenceError:
        return EvidenceError(
            f"{self.archive_name}: {info.filename} expands to {size_text(size)} or more, past "
            f"the {size_text(limit)} limit; the archive is refused as a possible ZIP bomb"
        )
