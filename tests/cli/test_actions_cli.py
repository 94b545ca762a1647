"""``facilitator actions`` and ``facilitator export --format ics``, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from facilitator.cli import main
from facilitator.domain.model import ActionItem, ActionStatus, Debrief
from facilitator.storage import DebriefService

from support.samples import sample_debrief


@pytest.fixture
def filled(db_url: str) -> str:
    with DebriefService(db_url) as service:
        service.save(sample_debrief())
        service.save(
            Debrief(
                id="9a9a9a9a-0000-4000-8000-000000000001",
                title="DNS resolver outage",
                services=["dns"],
                action_items=[
                    ActionItem("Second resolver", "Lin", due=date(2020, 1, 1)),
                    ActionItem("Old runbook", status=ActionStatus.WONT_DO),
                    ActionItem("Docs page", status=ActionStatus.DONE, ticket="DOC-1"),
                ],
            )
        )
    return db_url


def _run(capsys: pytest.CaptureFixture[bytes], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_text_lists_open_items_by_default(filled: str, capsys) -> None:  # type: ignore[no-untyped-def]
    out = _run(capsys, "actions", "--db", filled)
    assert "Validate pool limits in CI" in out and "Second resolver" in out
    assert "Old runbook" not in out and "Docs page" not in out


@pytest.mark.parametrize(
    ("args", "titles"),
    [
        (["--status", "dropped"], ["Old runbook"]),
        (["--status", "done"], ["Docs page"]),
        (["--status", "all", "--service", "dns"], ["Second resolver", "Old runbook", "Docs page"]),
        (["--overdue", "--owner", "lin"], ["Second resolver"]),
        (
            ["--debrief", "9a9a", "--status", "all", "--without-ticket"],
            ["Second resolver", "Old runbook"],
        ),
    ],
)  # fmt: skip
def test_filters(filled: str, capsys, args: list[str], titles: list[str]) -> None:  # type: ignore[no-untyped-def]
    out = _run(capsys, "actions", "--db", filled, "--format", "json", *args)
    assert [row["title"] for row in json.loads(out)] == titles


def test_jira_file_with_bom_and_label(filled: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "jira.csv"
    args = ["actions", "--db", filled, "--format", "jira", "--bom", "--label", "postmortem"]
    assert "wrote 3 action items" in _run(capsys, *args, "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:6] == [
        "Summary",
        "Description",
        "Issue Type",
        "Priority",
        "Assignee",
        "Due date",
    ]
    assert {row[6] for row in rows[1:]} == {"postmortem"}


def test_ics_export_parses(filled: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "checkpoint.ics"
    debrief = sample_debrief()
    _run(capsys, "export", debrief.id[:8], "--format", "ics", "-o", str(out), "--db", filled)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 1 and len(cal.walk("VTODO")) == 2


def test_errors_are_one_line(filled: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["actions", "--db", filled, "--debrief", "ffff"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no debrief has an id starting with" in err
    assert main(["export", "9a9a", "--format", "ics", "--db", filled]) == 2
    assert "no checkpoint date" in capsys.readouterr().err
    assert main(["actions", "--db", filled, "-o", "/nonexistent/dir/x.csv"]) == 2
    assert "does not exist" in capsys.readouterr().err
