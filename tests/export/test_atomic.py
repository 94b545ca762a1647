"""Saving: whole files or nothing, and failures told in words a user understands."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from facilitator.domain.model import Debrief
from facilitator.export import ExportError, atomic, export_docx, export_markdown


def test_missing_folder(rich: Debrief, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_docx(rich, tmp_path / "nowhere" / "d.docx")


def test_target_is_a_folder(rich: Debrief, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_markdown(rich, tmp_path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="runs as root (or not on POSIX): folder permissions do not stop root",
)
def test_read_only_folder_for_real(rich: Debrief, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission to save"):
            export_docx(rich, folder / "d.docx")
    finally:
        folder.chmod(0o700)


def test_read_only_folder(rich: Debrief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="don't have permission to save in"):
        export_docx(rich, tmp_path / "d.docx")


def test_read_only_drive(rich: Debrief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="read-only drive"):
        export_markdown(rich, tmp_path / "d.md")


def test_file_open_in_word_keeps_the_old_copy_and_no_litter(
    rich: Debrief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "d.docx"
    out.write_bytes(b"old copy")

    def locked(src: object, dst: object) -> None:
        # What Windows raises when Word holds the file open.
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError, match="open in Word or another program"):
        export_docx(rich, out)
    assert out.read_bytes() == b"old copy"
    assert [p.name for p in tmp_path.iterdir()] == ["d.docx"]


def test_disk_full_while_writing(tmp_path: Path) -> None:
    def full(stream: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="no space left"):
        atomic.write_atomically(tmp_path / "d.md", full)
    assert list(tmp_path.iterdir()) == []


def test_programming_errors_are_not_disguised(tmp_path: Path) -> None:
    def broken(stream: object) -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        atomic.write_atomically(tmp_path / "d.md", broken)
    assert list(tmp_path.iterdir()) == []


def test_read_only_existing_file_is_not_replaced(
    rich: Debrief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "d.md"
    out.write_text("keep me")
    monkeypatch.setattr(atomic.os, "access", lambda path, mode: False)
    with pytest.raises(ExportError, match="is read-only"):
        export_markdown(rich, out)
    assert out.read_text() == "keep me"


def test_overwrite_keeps_the_file_mode(rich: Debrief, tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    out.write_text("old")
    out.chmod(0o640)
    export_markdown(rich, out)
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_text(encoding="utf-8").startswith("# Payments API")
