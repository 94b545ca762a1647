"""A Slack export as a ZIP file or an unpacked folder, read one member at a time.

Member names are checked before anything is read: an absolute path, a ".."
step or (in a folder) a link that leads outside the export refuses the whole
export, because a tool that follows such a name could be made to read any file.
Sizes are checked against :class:`~facilitator.evidence.limits.Limits`.
"""

from __future__ import annotations

import lzma
import os
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.limits import (
    DEFAULT_LIMITS,
    ExpansionBudget,
    Limits,
    check_size,
    read_file,
)


def _escapes(name: str) -> bool:
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return True
    return ".." in PurePosixPath(unified).parts


class ExportArchive:
    """Read-only access to the members of an export, by their "/"-separated names."""

    def __init__(self, name: str, members: list[str]) -> None:
        self.name = name
        self.members = members

    def read(self, member: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        """Release the file handle, if any."""


class _ZipArchive(ExportArchive):
    def __init__(self, path: Path, limits: Limits) -> None:
        check_size(path, limits.archive_bytes, "Slack export")
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise EvidenceError(
                f"{path.name} is not a complete ZIP file (it may be cut short); "
                "download the export again"
            ) from None
        except OSError as exc:
            raise EvidenceError(f"{path}: cannot read it ({exc.strerror or exc})") from None
        infos = self._zip.infolist()
        if len(infos) > limits.entries:
            self._zip.close()
            raise EvidenceError(
                f"{path.name} lists {len(infos):,} files, more than the {limits.entries:,} "
                "an export may hold"
            )
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if _escapes(info.filename):
                self._zip.close()
                raise EvidenceError(
                    f"{path.name} holds “{info.filename}”, a path that would lead outside "
                    "the export; it is refused"
                )
            if not info.is_dir():
                self._infos[info.filename.replace("\\", "/")] = info
        self._budget = ExpansionBudget(limits, path.name)
        super().__init__(path.name, sorted(self._infos))

    def read(self, member: str) -> bytes:
        info = self._infos[member]
        if info.flag_bits & 0x1:
            raise EvidenceError(f"{self.name}: {member} is encrypted; export without a password")
        try:
            return self._budget.read_entry(self._zip, info)
        except zipfile.BadZipFile as exc:
            raise EvidenceError(
                f"{self.name}: {member} is damaged ({exc}); download the export again"
            ) from None
        except (EOFError, OSError, zlib.error, lzma.LZMAError, zipfile.LargeZipFile):
            raise EvidenceError(
                f"{self.name} is cut short or damaged at {member}; download the export again"
            ) from None
        except NotImplementedError:
            raise EvidenceError(
                f"{self.name}: {member} uses a compression this cannot read; "
                "zip the export again with ordinary settings"
            ) from None

    def close(self) -> None:
        self._zip.close()


class _FolderArchive(ExportArchive):
    def __init__(self, path: Path, limits: Limits) -> None:
        self._root = path.resolve()
        self._limits = limits
        members: list[str] = []
        for folder, dirs, files in os.walk(self._root, followlinks=False):
            here = Path(folder)
            for name in [*dirs, *files]:
                full = here / name
                if full.is_symlink() and not _inside(full.resolve(), self._root):
                    raise EvidenceError(
                        f"{path.name}: “{full.relative_to(self._root)}” links to a place "
                        "outside the export folder; it is refused"
                    )
            for name in files:
                members.append((here / name).relative_to(self._root).as_posix())
            if len(members) > limits.entries:
                raise EvidenceError(
                    f"{path.name} holds more than the {limits.entries:,} files an export may hold"
                )
        super().__init__(path.name, sorted(members))

    def read(self, member: str) -> bytes:
        if _escapes(member):
            raise EvidenceError(f"{self.name}: “{member}” would lead outside the export")
        full = (self._root / member).resolve()
        if not _inside(full, self._root):
            raise EvidenceError(f"{self.name}: “{member}” leads outside the export folder")
        return read_file(full, self._limits.text_bytes, "file in an export")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


@contextmanager
def open_export(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[ExportArchive]:
    """Open a ZIP or a folder; close it when done."""
    archive: ExportArchive = (
        _FolderArchive(path, limits) if path.is_dir() else _ZipArchive(path, limits)
    )
    try:
        yield archive
    finally:
        archive.close()


def export_root(members: list[str]) -> str:
    """The folder inside the export that holds channels.json ("" at the top, "" if none)."""
    best: str | None = None
    for member in members:
        if posixpath.basename(member) in {"channels.json", "users.json"}:
            folder = posixpath.dirname(member)
            if best is None or len(folder) < len(best):
                best = folder
    return best or ""
