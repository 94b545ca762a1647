"""Logging and crash reports: passwords masked, no exception messages, a usable file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from facilitator import logs
from facilitator.logs import crash_report, scrub, setup_logging, write_crash_report
from facilitator.paths import log_dir


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://u:secret@h", "postgresql://u:***@h"),
        (
            "postgresql+psycopg://ada:p%40ss:w0rd@db.example:5432/debriefs",
            "postgresql+psycopg://ada:***@db.example:5432/debriefs",
        ),
        (
            "cannot reach mysql://root:toor@10.0.0.1/x: refused",
            "cannot reach mysql://root:***@10.0.0.1/x: refused",
        ),
        ("host=db user=ada password=hunter2 dbname=x", "host=db user=ada password=*** dbname=x"),
        ('{"password": "hunter2"}', '{"password": "***"}'),
        ("sqlite:////home/ada/debriefs.sqlite3", "sqlite:////home/ada/debriefs.sqlite3"),
        ("postgresql://ada@db/x", "postgresql://ada@db/x"),
        ("https://example.com/a:b", "https://example.com/a:b"),
        ("no secrets here", "no secrets here"),
    ],
)
def test_scrub_masks_passwords_only(text: str, expected: str) -> None:
    assert scrub(text) == expected


def _raise_nested(note: str) -> None:
    try:
        {}[note]
    except KeyError as exc:
        raise RuntimeError(f"saving {note} failed") from exc


def test_crash_report_keeps_types_and_frames_and_drops_messages() -> None:
    note = "Ada restarted the primary by mistake"
    try:
        _raise_nested(note)
    except RuntimeError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__, context={"db": "pg://a:b@h/x"})
    assert note not in report and "saving" not in report
    assert "exception: KeyError" in report and "exception: RuntimeError" in report
    assert report.index("KeyError") < report.index("direct cause") < report.index("RuntimeError")
    assert f"{__name__} _raise_nested line" in report
    assert "db: pg://a:***@h/x" in report
    assert "Facilitator" in report.splitlines()[0]


def test_crash_report_survives_a_cause_loop() -> None:
    first, second = ValueError("a"), TypeError("b")
    first.__cause__, second.__cause__ = second, first
    report = crash_report(ValueError, first, None)
    assert report.count("exception:") == 2


def test_write_crash_report_goes_to_the_log_folder(isolated_user_dirs: Path) -> None:
    assert log_dir() == isolated_user_dirs / "logs"
    path = write_crash_report("exception: X\nat postgresql://u:pw@h\n")
    assert path is not None and path.parent == isolated_user_dirs / "logs"
    assert "u:***@h" in path.read_text(encoding="utf-8")


def test_write_crash_report_into_an_unwritable_place_returns_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_LOG_DIR", str(blocker / "logs"))
    assert write_crash_report("x") is None
    assert setup_logging() is None


def test_setup_logging_writes_scrubbed_lines_and_is_idempotent(isolated_user_dirs: Path) -> None:
    logger = logging.getLogger(logs.LOGGER_NAME)
    before = list(logger.handlers)
    try:
        path = setup_logging()
        assert path == isolated_user_dirs / "logs" / logs.LOG_FILE
        assert setup_logging() == path
        assert len(logger.handlers) == len(before) + 1
        logging.getLogger("facilitator.storage").warning(
            "cannot connect to %s", "postgresql://ada:hunter2@db/x"
        )
        try:
            raise OSError("disk full while writing Ada's notes")
        except OSError:
            logger.exception("export failed")
        for handler in logger.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "postgresql://ada:***@db/x" in text and "hunter2" not in text
        assert "export failed" in text and "exception: OSError" in text
        assert "Ada's notes" not in text
    finally:
        for handler in logger.handlers[len(before) :]:
            handler.close()
            logger.removeHandler(handler)
        logger.propagate = True
