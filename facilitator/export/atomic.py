"""Writing an export file all at once, with failures told in plain words.

The document is written to a temporary file beside the target and moved into
place with ``os.replace``, so a reader never sees half a file and a failed
export leaves any earlier copy untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


class ExportError(Exception):
    """An export failed for a reason the user can act on; ``str()`` is the sentence to show."""


def _explain(error: OSError, out: Path, *, replacing: bool) -> ExportError:
    folder = out.parent
    if isinstance(error, FileNotFoundError):
        return ExportError(f"The folder “{folder}” does not exist. Choose another folder.")
    if error.errno == errno.EROFS:
        return ExportError(f"The folder “{folder}” is on a read-only drive. Choose another folder.")
    if error.errno == errno.ENOSPC:
        return ExportError(f"There is no space left on the drive that holds “{folder}”.")
    if isinstance(error, IsADirectoryError):
        return ExportError(f"“{out}” is a folder. Choose a file name instead.")
    if isinstance(error, PermissionError):
        if replacing:
            # On Windows a file open in Word cannot be replaced: the usual cause by far.
            return ExportError(
                f"“{out.name}” could not be replaced. If it is open in Word or another "
                "program, close it and export again."
            )
        return ExportError(
            f"You don't have permission to save in “{folder}”. Choose another folder."
        )
    return ExportError(f"“{out.name}” could not be saved: {error.strerror or error}.")


def _check_target(out: Path) -> None:
    if not out.name:
        raise ExportError("Choose a file name to export to.")
    if out.is_dir():
        raise ExportError(f"“{out}” is a folder. Choose a file name instead.")
    if not out.parent.is_dir():
        raise ExportError(f"The folder “{out.parent}” does not exist. Choose another folder.")
    if out.exists() and not os.access(out, os.W_OK):
        raise ExportError(
            f"“{out.name}” is read-only. Choose another name or make the file writable."
        )


def _mode_for(out: Path) -> int:
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        # A new file: readable by others like any file the user saves, as the default umask has it.
        return 0o644


def write_atomically(out: Path, write: Callable[[IO[bytes]], Any]) -> Path:
    """Call ``write`` with a binary stream, then move what it wrote to ``out``.

    Raises:
        ExportError: the folder is missing, read-only or not writable, the disk is
            full, or the existing file is locked by another program.
    """
    out = Path(out).expanduser()
    _check_target(out)
    mode = _mode_for(out)
    try:
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".~{out.stem[:40]}.", suffix=".tmp")
    except OSError as error:
        raise _explain(error, out, replacing=False) from error
    temp = Path(name)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)
        except OSError as error:
            raise _explain(error, out, replacing=False) from error
        try:
            os.replace(temp, out)
        except OSError as error:
            raise _explain(error, out, replacing=True) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return out
