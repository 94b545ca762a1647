"""Safe file output: write to a temporary file beside the target, then rename.

A crash, a full disk or a refused write never leaves a half-written file where
the user expects a finished one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """A file could not be written; ``str(error)`` is written for the user."""


def describe_os_error(exc: OSError, path: Path) -> str:
    """Turn an OSError from writing ``path`` into a sentence for the user."""
    folder = path.parent
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists() and os.access(folder, os.W_OK):
            return f"Cannot replace {path}: it is read-only or open in another program."
        return f"Cannot write to the folder {folder}: it is read-only. Choose another folder."
    if exc.errno == errno.ENOENT and not folder.is_dir():
        return f"The folder {folder} does not exist."
    if exc.errno == errno.ENOSPC:
        return f"The disk holding {folder} is full."
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder; give a file name."
    return f"Cannot write {path}: {exc.strerror or exc}."


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; raise :class:`OutputError` with a clear message."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name.")
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        tmp = ""
    except OSError as exc:
        raise OutputError(describe_os_error(exc, target)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target
