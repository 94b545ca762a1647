"""Tracker exports: the columns Jira's and Linear's importers read, safe cells, BOM."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from facilitator.domain.model import ActionStatus, Priority
from facilitator.followup.records import records_of
from facilitator.followup.trackers import (
    JIRA_COLUMNS,
    LINEAR_COLUMNS,
    ExportOptions,
    TrackerExportError,
    encode,
    render,
    safe_cell,
)

from support.samples import sample_debrief


def _rows(text: str) -> list[list[str]]:
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


def _records():  # type: ignore[no-untyped-def]
    records = records_of(sample_debrief())
    # A hostile title, and a tag with a space (Jira labels cannot hold spaces).
    records[1] = replace(records[1], title='=HYPERLINK("http://x")', owner="@ravi")
    return [replace(r, tags=(*r.tags, "on call")) for r in records]


def test_jira_columns_priorities_labels_and_dates() -> None:
    rows = _rows(render(_records(), "jira"))
    header = rows[0]
    assert tuple(header[: len(JIRA_COLUMNS)]) == JIRA_COLUMNS
    assert header[len(JIRA_COLUMNS) :] == ["Labels"] * 4
    first = dict(zip(JIRA_COLUMNS, rows[1], strict=False))
    assert first["Summary"] == "Validate pool limits in CI"
    assert first["Issue Type"] == "Task"
    assert first["Priority"] == "Highest"
    assert first["Assignee"] == "Ada Okafor"
    assert first["Due date"] == "2026-03-27"
    assert rows[1][len(JIRA_COLUMNS) :] == ["debrief", "config", "database-pool", "on-call"]
    description = first["Description"]
    assert "Checkout errors after payment gateway deploy" in description
    assert "It answers: Contributing factor: Config validation" in description
    assert "Already tracked as: https://tracker.example.com/OPS-101" in description
    assert "Back to the debrief: Facilitator debrief 5f0c2b8e" in description
    assert rows[2][3] == "High"
    with_address = replace(_records()[0], owner="Ada Okafor <ada@example.com>")
    assert _rows(render([with_address], "jira"))[1][4] == "ada@example.com"


def test_linear_columns() -> None:
    rows = _rows(render(_records(), "linear", ExportOptions(label="postmortem")))
    assert tuple(rows[0]) == LINEAR_COLUMNS
    first = dict(zip(LINEAR_COLUMNS, rows[1], strict=True))
    assert first["Priority"] == "Urgent"
    assert first["Status"] == "Todo"
    assert first["Labels"] == "postmortem, config, database-pool, on-call"
    second = dict(zip(LINEAR_COLUMNS, rows[2], strict=True))
    assert second["Status"] == "In Progress" and second["Priority"] == "High"


def test_spreadsheet_formulas_are_neutralised() -> None:
    for fmt in ("csv", "jira", "linear", "github"):
        text = render(_records(), fmt)
        cells = [cell for row in _rows(text) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), fmt
        assert '\'=HYPERLINK("http://x")' in cells
    assert safe_cell("-1") == "'-1" and safe_cell("a-b") == "a-b"


def test_github_has_title_body_labels() -> None:
    rows = _rows(render(_records(), "github"))
    assert rows[0] == ["title", "body", "labels"]
    assert rows[1][2] == "debrief,config,database-pool,on-call"
    assert "Owner: Ada Okafor" in rows[1][1] and "Due: 2026-03-27" in rows[1][1]


def test_csv_keeps_tickets_and_every_field() -> None:
    rows = _rows(render(_records(), "csv"))
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Ticket"] == "https://tracker.example.com/OPS-101"
    assert first["Status"] == "Open" and first["Due"] == "2026-03-27"
    assert first["Debrief id"] == sample_debrief().id


def test_json_and_text() -> None:
    data = json.loads(render(_records(), "json"))
    assert data[0]["priority"] == "P1" and data[0]["due"] == "2026-03-27"
    assert data[1]["status"] == "in_progress"
    text = render(_records(), "text")
    assert text.splitlines()[0].startswith("P1  2026-03-27   Open")
    assert render([], "text") == "No action items match.\n"


def test_bom_only_when_asked_and_only_for_spreadsheets() -> None:
    text = render(_records(), "csv")
    assert encode(text, "csv", ExportOptions(bom=True)).startswith(b"\xef\xbb\xbf")
    assert not encode(text, "csv", ExportOptions()).startswith(b"\xef\xbb\xbf")
    assert not encode("[]", "json", ExportOptions(bom=True)).startswith(b"\xef\xbb\xbf")


def test_unknown_format_is_a_sentence() -> None:
    with pytest.raises(TrackerExportError, match="not an export format"):
        render([], "xlsx")


def test_no_priority_and_dropped_items() -> None:
    record = replace(_records()[0], priority=None, status=ActionStatus.WONT_DO)
    linear = _rows(render([record], "linear"))[1]
    assert linear[2] == "No priority" and linear[5] == "Canceled"
    assert _rows(render([record], "jira"))[1][3] == ""
    assert Priority.P4  # every priority has a mapping
