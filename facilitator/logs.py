"""The log file and crash reports, with secrets and the user's words kept out of both.

Pure Python, no Qt: the CLI, the storage layer and the UI share it. The API is four
functions:

- :func:`setup_logging` sends the ``facilitator`` logger to a rotating file in
  :func:`facilitator.paths.log_dir`; every line passes through :func:`scrub`.
- :func:`scrub` masks passwords in URLs and ``password=`` settings of any text.
- :func:`crash_report` describes an exception without its message: the type, and
  the trace as module, function and line, never source lines or local values.
  Exception messages often quote what the user typed (a title, a note), so they
  are dropped whole rather than guessed at.
- :func:`write_crash_report` saves such a report as its own file in the log folder.

A log folder that cannot be written (read-only home, full disk) is not an error:
logging and reports then go nowhere and the app carries on.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from facilitator import __version__
from facilitator.paths import log_dir

LOGGER_NAME = "facilitator"
LOG_FILE = "facilitator.log"
#: One file grows to this size before it is rotated; this many older files are kept.
MAX_BYTES = 1_000_000
BACKUPS = 3
MASK = "***"

# scheme://user:password@host — the password is whatever sits between the first ":"
# after the scheme's "//" and the "@" that ends the user part.
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)[^@\s]*(?=@)")
# password=secret, pwd: secret, "password": "secret" (libpq strings, INI files, JSON).
_KEY_PASSWORD = re.compile(
    r"""(?P<head>\b(?:password|passwd|pwd|secret|token)\b["']?\s*[=:]\s*["']?)[^\s"',;&]+""",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    """Return ``text`` with passwords masked.

    ``postgresql://ada:secret@db/x`` becomes ``postgresql://ada:***@db/x`` and
    ``password=secret`` becomes ``password=***``.
    """
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    return _KEY_PASSWORD.sub(lambda m: m.group("head") + MASK, text)


class ScrubbingFormatter(logging.Formatter):
    """Formats records with :func:`scrub` applied, and exceptions as :func:`crash_report` does."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))

    def formatException(self, ei: object) -> str:
        exc_type, exc, tb = ei  # type: ignore[misc]
        return "\n".join(_describe(exc_type, exc, tb))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log the ``facilitator`` logger to a rotating file; return its path.

    Calling it again changes nothing. Returns None, and logs nowhere, when the log
    folder cannot be created or written.
    """
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    path = log_dir() / LOG_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        # delay=True opens the file on the first record; check now that it can be written.
        with path.open("a", encoding="utf-8"):
            pass
    except OSError:
        return None
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    # Records stop here: a second copy on stderr would only repeat them unscrubbed elsewhere.
    logger.propagate = False
    return path


def crash_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    context: dict[str, str] | None = None,
) -> str:
    """Describe an exception for a bug report, with nothing the user typed in it.

    ``context`` adds lines such as the Qt version; its values are scrubbed too.
    """
    lines = [
        f"Facilitator {__version__} crash report",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"system: {platform.system()} {platform.release()} {platform.machine()}",
        f"frozen: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
    ]
    lines += [f"{key}: {scrub(str(value))}" for key, value in (context or {}).items()]
    lines.append("")
    lines += _describe(exc_type, exc, tb)
    return "\n".join(lines) + "\n"


def write_crash_report(report: str) -> Path | None:
    """Save ``report`` as a new file in the log folder; return its path, None if impossible."""
    folder = log_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(scrub(report), encoding="utf-8")
    except OSError:
        return None
    return path


def _describe(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> list[str]:
    lines: list[str] = []
    for kind, trace, link in _chain(exc_type, exc, tb):
        if link:
            lines += ["", link, ""]
        lines.append(f"exception: {_qualified(kind)}")
        lines.append("trace (most recent call last):")
        lines += [f"  {frame}" for frame in _frames(trace)] or ["  (no frames)"]
    return lines


def _chain(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> list[tuple[type[BaseException], TracebackType | None, str]]:
    """The exception and its causes, oldest first as Python prints them.

    Each entry carries the sentence that links it to the one before it.
    """
    newest_first: list[tuple[type[BaseException], TracebackType | None, str]] = [(exc_type, tb, "")]
    seen: set[int] = set()
    current = exc
    while current is not None:
        seen.add(id(current))
        if current.__cause__ is not None:
            older, link = current.__cause__, "which was the direct cause of:"
        elif current.__context__ is not None and not current.__suppress_context__:
            older, link = current.__context__, "while handling it, another exception happened:"
        else:
            break
        if id(older) in seen:  # causes can form a loop
            break
        kind, trace, _ = newest_first[-1]
        newest_first[-1] = (kind, trace, link)
        newest_first.append((type(older), older.__traceback__, ""))
        current = older
    return list(reversed(newest_first))


def _frames(tb: TracebackType | None) -> list[str]:
    frames = []
    for frame, line in traceback.walk_tb(tb):
        module = str(frame.f_globals.get("__name__", "?"))
        function = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
        frames.append(f"{module} {function} line {line}")
    return frames


def _qualified(kind: type[BaseException]) -> str:
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"
