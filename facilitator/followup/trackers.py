"""Action items for people and for trackers: text, JSON, CSV, Jira, Linear and GitHub.

The Jira and Linear layouts follow their CSV importers (see ``JIRA_COLUMNS`` and
``LINEAR_COLUMNS``); GitHub has no CSV importer, so its file has the three
fields ``gh issue create`` takes (title, body, labels) for a short loop.

Every spreadsheet cell that starts with ``= + - @`` (or a tab or carriage
return) gets a leading apostrophe, so opening the file in a spreadsheet never
runs a formula typed into an action item. Linear's importer removes exactly
that apostrophe again; Jira keeps it visible, which is the price of safety.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.domain.model import ActionStatus, Priority
from facilitator.domain.text import clean_text
from facilitator.export.atomic import ExportError
from facilitator.followup.records import STATUS_LABELS, ActionRecord

FORMATS: tuple[str, ...] = ("text", "json", "csv", "jira", "linear", "github")
#: The label every exported ticket carries unless the team chooses another.
DEFAULT_LABEL = "debrief"
#: How due dates are written in the Jira file; tell the importer this pattern (Java notation).
JIRA_DATE_PATTERN = "yyyy-MM-dd"
JIRA_COLUMNS = ("Summary", "Description", "Issue Type", "Priority", "Assignee", "Due date")
JIRA_PRIORITY = {
    Priority.P1: "Highest",
    Priority.P2: "High",
    Priority.P3: "Medium",
    Priority.P4: "Low",
}
LINEAR_COLUMNS = ("Title", "Description", "Priority", "Assignee", "Labels", "Status")
LINEAR_PRIORITY = {
    Priority.P1: "Urgent",
    Priority.P2: "High",
    Priority.P3: "Medium",
    Priority.P4: "Low",
}
#: Linear's default workflow states.
LINEAR_STATUS = {
    ActionStatus.OPEN: "Todo",
    ActionStatus.IN_PROGRESS: "In Progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Canceled",
}
CSV_COLUMNS = (
    "Action",
    "Owner",
    "Priority",
    "Due",
    "Status",
    "Ticket",
    "Answers",
    "Debrief",
    "Incident",
    "Services",
    "Tags",
    "Debrief id",
    "Item id",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LABEL_JUNK = re.compile(r"[\s,]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


class TrackerExportError(ExportError):
    """The export cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class ExportOptions:
    """Choices shared by the command line and the board's Export menu."""

    label: str = DEFAULT_LABEL
    bom: bool = False


def safe_cell(value: str) -> str:
    """Neutralise a spreadsheet formula: prefix an apostrophe to a cell starting ``= + - @``."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def one_line(text: str) -> str:
    """Collapse ``text`` onto one line (titles, names)."""
    return " ".join(clean_text(text).split())


def label_name(text: str) -> str:
    """A tag as a tracker label: no spaces or commas (Jira labels cannot hold spaces)."""
    return _LABEL_JUNK.sub("-", clean_text(text).strip()).strip("-")


def labels_of(record: ActionRecord, options: ExportOptions) -> list[str]:
    """The team's label first, then the debrief's tags, each once."""
    seen: list[str] = []
    for raw in (options.label, *record.tags):
        name = label_name(raw)
        if name and name.casefold() not in {s.casefold() for s in seen}:
            seen.append(name)
    return seen


def description(record: ActionRecord, *, markdown: bool = False) -> str:
    """The ticket body: where the item comes from, what it answers, and the way back."""
    title = one_line(record.debrief_title) or "Untitled debrief"
    facts = ", ".join(v for v in (one_line(record.incident), record.severity or "") if v)
    quote = f"**{title}**" if markdown else f"“{title}”"
    lines = [f"From the incident debrief {quote}" + (f" ({facts})." if facts else ".")]
    if record.answers_text:
        lines.append(f"It answers: {record.answers_text}")
    if record.services:
        lines.append("Services: " + ", ".join(record.services))
    if record.ticket.strip():
        lines.append(f"Already tracked as: {record.ticket.strip()}")
    lines.append(
        f"Back to the debrief: Facilitator debrief {record.debrief_id}, action item {record.uid}."
    )
    return "\n".join(lines)


def _address(text: str) -> str:
    match = _EMAIL.search(text)
    return match.group(0) if match else ""


def _due(record: ActionRecord) -> str:
    return record.due.isoformat() if record.due else ""


def _csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    # RFC 4180 line ends; every field quoted only when it has to be.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(clean_text(cell)) for cell in row])
    return buffer.getvalue()


def render_csv(records: Sequence[ActionRecord], options: ExportOptions) -> str:
    rows = [
        (
            one_line(r.title),
            one_line(r.owner),
            r.priority.value if r.priority else "",
            _due(r),
            STATUS_LABELS[r.status],
            r.ticket.strip(),
            r.answers_text,
            one_line(r.debrief_title),
            one_line(r.incident),
            ", ".join(r.services),
            ", ".join(r.tags),
            r.debrief_id,
            r.uid,
        )
        for r in records
    ]
    return _csv(CSV_COLUMNS, rows)


def render_jira(records: Sequence[ActionRecord], options: ExportOptions) -> str:
    # Jira's importer takes several labels as several columns that share the name "Labels".
    labels = [labels_of(r, options) for r in records]
    width = max((len(x) for x in labels), default=1) or 1
    header = (*JIRA_COLUMNS, *(["Labels"] * width))
    rows = [
        (
            one_line(r.title),
            description(r),
            "Task",
            JIRA_PRIORITY.get(r.priority, "") if r.priority else "",
            # Jira Cloud matches users by e-mail; an owner written with one gives it.
            _address(r.owner) or one_line(r.owner),
            _due(r),
            *(names + [""] * (width - len(names))),
        )
        for r, names in zip(records, labels, strict=True)
    ]
    return _csv(header, rows)


def render_linear(records: Sequence[ActionRecord], options: ExportOptions) -> str:
    rows = [
        (
            one_line(r.title),
            description(r, markdown=True),
            LINEAR_PRIORITY.get(r.priority, "No priority") if r.priority else "No priority",
            one_line(r.owner),
            ", ".join(labels_of(r, options)),
            LINEAR_STATUS[r.status],
        )
        for r in records
    ]
    return _csv(LINEAR_COLUMNS, rows)


def render_github(records: Sequence[ActionRecord], options: ExportOptions) -> str:
    rows = []
    for r in records:
        body = description(r, markdown=True)
        extra = []
        if r.owner.strip():
            extra.append(f"Owner: {one_line(r.owner)}")
        if r.priority:
            extra.append(f"Priority: {r.priority.value}")
        if r.due:
            extra.append(f"Due: {r.due.isoformat()}")
        if extra:
            body += "\n\n" + "  \n".join(extra)
        rows.append((one_line(r.title), body, ",".join(labels_of(r, options))))
    return _csv(("title", "body", "labels"), rows)


def as_dict(record: ActionRecord) -> dict[str, object]:
    """A record as JSON-ready values (ISO dates, enum values)."""
    return {
        "debrief_id": record.debrief_id,
        "debrief": record.debrief_title,
        "incident": record.incident,
        "item_id": record.uid,
        "title": record.title,
        "owner": record.owner,
        "priority": record.priority.value if record.priority else None,
        "due": _due(record) or None,
        "status": record.status.value,
        "ticket": record.ticket,
        "kind": record.kind.value if record.kind else None,
        "answers": record.answers,
        "answers_text": record.answers_text,
        "services": list(record.services),
        "tags": list(record.tags),
        "checkpoint_at": record.checkpoint_at.isoformat() if record.checkpoint_at else None,
    }


def render_json(records: Sequence[ActionRecord], options: ExportOptions) -> str:
    return json.dumps([as_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"


def render_text(records: Sequence[ActionRecord], options: ExportOptions) -> str:
    if not records:
        return "No action items match.\n"
    lines = []
    for r in records:
        due = r.due.isoformat() if r.due else "no due date"
        owner = one_line(r.owner) or "no owner"
        title = one_line(r.title)
        debrief = one_line(r.debrief_title) or "Untitled debrief"
        lines.append(
            f"{r.priority or '--':<3} {due:<11}  {STATUS_LABELS[r.status]:<11}  "
            f"{owner[:18]:<18}  {title}  [{debrief}]"
        )
    return "\n".join(lines) + "\n"


_RENDERERS: dict[str, Callable[[Sequence[ActionRecord], ExportOptions], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "jira": render_jira,
    "linear": render_linear,
    "github": render_github,
}


def render(records: Sequence[ActionRecord], fmt: str, options: ExportOptions | None = None) -> str:
    """Render ``records`` in ``fmt`` (one of :data:`FORMATS`)."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise TrackerExportError(
            f"“{fmt}” is not an export format; use one of {', '.join(FORMATS)}."
        ) from None
    return renderer(records, options or ExportOptions())


def encode(text: str, fmt: str, options: ExportOptions) -> bytes:
    """The bytes to write: UTF-8, with a byte-order mark for spreadsheet formats if asked."""
    bom = options.bom and fmt not in ("text", "json")
    return text.encode("utf-8-sig" if bom else "utf-8")


def suffix(fmt: str) -> str:
    """The file name ending for ``fmt``."""
    return {"text": ".txt", "json": ".json"}.get(fmt, ".csv")


def today_overdue(records: Sequence[ActionRecord], today: date) -> list[ActionRecord]:
    """Only the records still open past their due date."""
    return [r for r in records if r.overdue(today)]
