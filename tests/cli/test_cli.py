"""The command line: import, list, export, --db everywhere, one-line errors with status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.domain.interchange import dumps

from support.samples import sample_debrief


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "inc-2041.json"
    path.write_text(dumps(sample_debrief()), encoding="utf-8")
    return path


def test_import_list_export_round_trip(
    sample_file: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(sample_file), "--db", db_url]) == 0
    assert "imported" in capsys.readouterr().out
    assert main(["--db", db_url, "list"]) == 0
    line = capsys.readouterr().out.strip()
    debrief = sample_debrief()
    assert line.startswith(debrief.id)
    assert "2026-03-13" in line and "SEV2" in line and debrief.title in line
    out = tmp_path / "out.json"
    assert main(["export", debrief.id[:8], "--format", "json", "-o", str(out), "--db", db_url]) == 0
    assert out.read_text(encoding="utf-8") == sample_file.read_text(encoding="utf-8")


def test_list_as_json(sample_file: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(sample_file), "--db", db_url])
    capsys.readouterr()
    assert main(["list", "--format", "json", "--db", db_url]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["severity"] == "SEV2" and rows[0]["date"] == "2026-03-13"


def test_import_refuses_duplicates_and_bad_files_importing_nothing(
    sample_file: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "facilitator-debrief", "version": 1, "tags": 3}')
    assert main(["import", str(sample_file), str(bad), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "$.tags: must be a list" in err
    main(["list", "--db", db_url])
    assert capsys.readouterr().out == ""  # the good file was not imported either
    assert main(["import", str(sample_file), "--db", db_url]) == 0
    assert main(["import", str(sample_file), "--db", db_url]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["import", str(sample_file), "--replace", "--db", db_url]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "missing.json"], "cannot read missing.json"),
        (["export", "0000"], "no debrief has an id starting with"),
        (["export", "nothing.json"], "cannot read nothing.json"),
        (["--db", "nonsense", "list"], "not a database URL"),
    ],
)
def test_errors_are_one_line_with_status_2(
    args: list[str], message: str, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--db" not in args:
        args = [*args, "--db", db_url]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_export_to_unwritable_place_leaves_nothing_behind(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    assert main(["export", str(sample_file), "-o", str(target)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not target.parent.exists()


def test_export_is_atomic_over_an_existing_file(sample_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    assert main(["export", str(sample_file), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inc-2041.json", "out.json"]


def test_version_and_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "facilitator"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [str(script), "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("facilitator ")


def test_export_word_and_markdown_from_the_command_line(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docx_out = tmp_path / "debrief.docx"
    assert main(["export", str(sample_file), "--format", "docx", "-o", str(docx_out)]) == 0
    assert docx_out.read_bytes()[:2] == b"PK"
    assert main(["export", str(sample_file), "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.index("Key learnings") < markdown.index("Timeline")
    assert main(["export", str(sample_file), "--format", "docx"]) == 2
    assert "needs an output file" in capsys.readouterr().err


def test_export_with_a_broken_template_is_one_clear_line(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "team.docx"
    template.write_text("not a word file")
    out = tmp_path / "x.docx"
    args = ["export", str(sample_file), "--format", "docx", "-o", str(out)]
    assert main([*args, "--template", str(template)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_import_of_several_files_is_all_or_nothing_under_kill(tmp_path: Path) -> None:
    """SIGKILL in the middle of a many-file import leaves all of them in, or none."""
    import signal
    import time

    from facilitator.storage import DebriefService

    files = []
    for i in range(40):
        debrief = sample_debrief()
        debrief.id = f"00000000-0000-4000-8000-{i:012d}"
        debrief.summary = "A long summary. " * 20_000
        path = tmp_path / f"d{i}.json"
        path.write_text(dumps(debrief), encoding="utf-8")
        files.append(str(path))
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", "--db", url, "import", *files],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with DebriefService(url) as service:
        assert len(service.list()) in (0, 40)


def test_a_full_disk_during_an_import_imports_nothing(tmp_path: Path) -> None:
    from sqlalchemy import event

    from facilitator.storage import DebriefService, DiskFullError

    url = f"sqlite:///{tmp_path / 'full.db'}"
    batch = []
    for i in range(5):
        debrief = sample_debrief()
        debrief.id = f"00000000-0000-4000-8000-{i:012d}"
        debrief.summary = "Words. " * 4000
        batch.append(debrief)
    with DebriefService(url) as service:
        service._engine.dispose()
        event.listen(
            service._engine, "connect", lambda c, _r: c.execute("PRAGMA max_page_count=40")
        )
        with pytest.raises(DiskFullError):
            service.import_all(batch)
        assert service.list() == []


def test_import_says_when_it_normalised_a_severity(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads(dumps(sample_debrief()))
    doc["severity"] = "Sev-2"
    path = tmp_path / "sev.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--db", db_url, "import", str(path)]) == 0
    assert "(severity 'Sev-2' read as SEV2)" in capsys.readouterr().out
