"""The library commands: search, trends, matrix, report, and import against a team scale."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.domain.interchange import dumps
from facilitator.domain.model import (
    ActionItem,
    ContributingFactor,
    Debrief,
    FactorKind,
    Status,
)
from facilitator.storage import DebriefService

TZ = timezone(timedelta(hours=1))
TEAM = """
[[severity]]
name = "P1"
meaning = "Everyone notices."
[[severity]]
name = "P2"
meaning = "Some notice."
"""


def _fill(url: str) -> None:
    with DebriefService(url) as service:
        for n, (service_name, severity, cause, hour) in enumerate(
            [
                ("payments-api", "SEV2", "Deployment regression", 14),
                ("Payments API", "SEV2", "bad deploy", 15),
                ("search", "SEV3", "Scaling limit", 12),
                ("search", "SEV2", "Scaling limit exceeded", 19),
            ]
        ):
            start = datetime(2026, 11, 3 + n, hour, 5, tzinfo=TZ)
            service.save(
                Debrief(
                    title=f"Incident {n}",
                    incident=f"INC-{n}",
                    severity=severity,
                    status=Status.PUBLISHED,
                    services=[service_name],
                    primary_cause=cause,
                    started_at=start,
                    detected_at=start + timedelta(minutes=3),
                    mitigated_at=start + timedelta(minutes=20),
                    meeting_at=start + timedelta(days=2),
                    summary="The connection pool ran dry."
                    if n == 2
                    else "A release changed things.",
                    learnings=[f"Learning number {n}"],
                    contributing_factors=[ContributingFactor("Canary skipped", FactorKind.PROCESS)],
                    action_items=[ActionItem("Add a canary stage", "Ada", due=date(2026, 11, 20))],
                )
            )


def test_search_text_and_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(db_url)
    assert main(["search", '"connection pool"', "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 debrief matches")
    assert "summary: The **connection pool** ran dry" in out
    assert (
        main(["search", "severity:SEV2", "--format", "json", "--limit", "2", "--db", db_url]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 3 and len(data["hits"]) == 2
    assert main(["search", "zebra", "--db", db_url]) == 1


def test_malformed_query_is_one_line_and_status_2(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db_url)
    assert main(["search", "colour:red", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a filter" in err and "Traceback" not in err
    assert main(["trends", "--by", "service", "--where", '"open', "--db", db_url]) == 2
    assert "not closed" in capsys.readouterr().err


def test_trends_count_by_service_formats(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(db_url)
    assert (
        main(["trends", "--count", "--by", "service", "--where", "severity:SEV2", "--db", db_url])
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("3 debriefs matching 'severity:SEV2'")
    assert "payments-api" in out.lower() and "2" in out
    assert main(["trends", "--by", "cause", "--format", "csv", "--db", db_url]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["cause", "count", "share"]
    assert {r[0]: r[1] for r in rows[1:]} == {"Deployment regression": "2", "Scaling limit": "2"}
    assert (
        main(
            ["trends", "--by", "hour", "--format", "json", "--since", "2026-11-05", "--db", db_url]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["debriefs"] == 2 and [c["hour"] for c in data["counts"]] == ["12:00", "19:00"]
    assert main(["trends", "--by", "month", "--since", "soon", "--db", db_url]) == 2


def test_matrix_csv_text_and_docx(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db_url)
    assert main(["matrix", "--where", 'cause:"deployment regression"', "--db", db_url]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["Date", "Incident", "Severity"] and len(rows) == 3
    assert main(["matrix", "--format", "docx", "--db", db_url]) == 2
    assert "needs an output file" in capsys.readouterr().err
    out = tmp_path / "matrix.docx"
    assert main(["matrix", "--format", "docx", "-o", str(out), "--db", db_url]) == 0
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "INC-3 · Incident 3" in body and "What we are doing about it" in body
    assert "Add a canary stage" in body
    assert main(["matrix", "--format", "text", "--db", db_url]) == 0
    assert "Open actions" in capsys.readouterr().out


def test_report_markdown_and_word(db_url: str, tmp_path: Path) -> None:
    _fill(db_url)
    md = tmp_path / "review.md"
    assert (
        main(["report", "--month", "2026-11", "--format", "md", "-o", str(md), "--db", db_url]) == 0
    )
    text = md.read_text(encoding="utf-8")
    assert text.index("## Key learnings") < text.index("## Classification matrix")
    assert text.index("Learning number 0") < text.index("## Trends")
    assert (tmp_path / "review_charts" / "heatmap.png").read_bytes()[:4] == b"\x89PNG"
    docx = tmp_path / "review.docx"
    assert main(["report", "--month", "2026-11", "-o", str(docx), "--db", db_url]) == 0
    with zipfile.ZipFile(docx) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        body = archive.read("word/document.xml").decode("utf-8")
    assert len(media) == 6
    assert body.index("Key learnings") < body.index("Classification matrix")
    assert main(["report", "--month", "November", "--db", db_url]) == 2


def test_import_follows_the_team_scale(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team.toml"
    team.write_text(TEAM, encoding="utf-8")
    doc = json.loads(dumps(Debrief(title="Team scale")))
    doc["severity"] = "p-1"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["import", str(path), "--db", db_url]) == 2
    assert 'use "SEV1", "SEV2", "SEV3" or "SEV4"' in capsys.readouterr().err
    assert main(["import", str(path), "--taxonomy", str(team), "--db", db_url]) == 0
    with DebriefService(db_url) as service:
        assert [s.severity for s in service.list()] == ["P1"]
    team.write_text("[[severity]]\nname = 'X'\n", encoding="utf-8")
    assert main(["import", str(path), "--replace", "--taxonomy", str(team), "--db", db_url]) == 2
    assert "'meaning' is missing" in capsys.readouterr().err
