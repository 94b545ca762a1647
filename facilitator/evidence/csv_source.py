"""Reading a CSV of events with columns the user picks: time, text, and optionally author, kind.

Columns are named by their header or by number (1 is the first). When none is
given the reader guesses from the headers ("Time", "Timestamp", "Message",
"Who"…) and says what it chose. Numeric dates are read day first unless the
column shows otherwise (a first number above 12). A time that cannot be read
refuses the file with its row, so nothing is half imported.
Provenance: ``csv:<file>#row<n>`` (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from facilitator.domain.model import EventKind
from facilitator.evidence.candidates import Candidate, Evidence, ReadOptions, within
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.kinds import guess_kind
from facilitator.evidence.times import numeric_order, parse_loose, place, zone_named

_GUESSES = {
    "time": ("time", "timestamp", "date", "datetime", "when", "at", "created", "created at",
             "created_at", "start", "occurred"),
    "text": ("text", "message", "summary", "description", "event", "what", "details", "note",
             "title", "log"),
    "author": ("author", "user", "who", "by", "owner", "name", "person", "from", "agent"),
    "kind": ("kind", "type", "category", "event type"),
}  # fmt: skip
_KIND_WORDS = {
    "trigger": EventKind.TRIGGER, "cause": EventKind.TRIGGER, "start": EventKind.TRIGGER,
    "detection": EventKind.DETECTION, "detect": EventKind.DETECTION, "alert": EventKind.DETECTION,
    "escalation": EventKind.ESCALATION, "escalate": EventKind.ESCALATION,
    "page": EventKind.ESCALATION, "ack": EventKind.ESCALATION,
    "acknowledge": EventKind.ESCALATION, "action": EventKind.ACTION,
    "mitigation": EventKind.MITIGATION, "mitigate": EventKind.MITIGATION,
    "resolution": EventKind.RESOLUTION, "resolve": EventKind.RESOLUTION,
    "resolved": EventKind.RESOLUTION, "note": EventKind.NOTE, "comment": EventKind.NOTE,
}  # fmt: skip


def read_csv(text: str, options: ReadOptions) -> Evidence:
    """Read a CSV file's text into candidates."""
    name = options.name or "events.csv"
    rows = _rows(text, name)
    header = [h.strip() for h in rows[0]]
    columns = {
        "time": _column(header, options.time_column, "time", name, required=True),
        "text": _column(header, options.text_column, "text", name, required=True),
        "author": _column(header, options.author_column, "author", name, required=False),
        "kind": _column(header, options.kind_column, "kind", name, required=False),
    }
    assert columns["time"] is not None and columns["text"] is not None
    evidence = Evidence("csv", name, columns=header)
    evidence.chosen_columns = {k: header[v] for k, v in columns.items() if v is not None}
    zone = zone_named(options.zone)
    day = options.day or date.today()
    body = rows[1:]
    day_first = numeric_order([_cell(r, columns["time"]) for r in body[:500]])
    for number, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw_time = _cell(row, columns["time"])
        moment = parse_loose(raw_time, day=day, day_first=day_first)
        if moment is None:
            raise EvidenceError(
                f"{name}: row {number}: “{raw_time[:40]}” in column “{header[columns['time']]}” "
                "is not a time this can read (use ISO 8601, like 2026-03-14 19:04)"
            )
        message = _cell(row, columns["text"]).strip()
        if not message:
            evidence.skip("empty row")
            continue
        author = _cell(row, columns["author"]).strip()
        kind_text = _cell(row, columns["kind"]).strip().casefold()
        hint = _KIND_WORDS.get(kind_text) or _KIND_WORDS.get(kind_text.rstrip("s"))
        naive = moment.tzinfo is None
        evidence.candidates.append(
            Candidate(
                at=place(moment, zone) if naive else moment,
                text=message,
                author=author,
                person=bool(author),
                kind=guess_kind(message, hint),
                source=f"csv:{name}#row{number}",
                wall=moment if naive else None,
            )
        )
    evidence.candidates.sort(key=lambda c: c.at)
    evidence.candidates = within(evidence.candidates, options.since, options.until)
    return evidence


def _rows(text: str, name: str) -> list[list[str]]:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise EvidenceError(f"{name} is not a readable CSV file ({exc})") from None
    rows = [r for r in rows if r]
    if len(rows) < 2:
        raise EvidenceError(f"{name}: a CSV needs a header row and at least one event row")
    return rows


def _column(
    header: Sequence[str], chosen: str, role: str, name: str, *, required: bool
) -> int | None:
    chosen = chosen.strip()
    if chosen:
        if chosen.isdigit():
            index = int(chosen) - 1
            if 0 <= index < len(header):
                return index
            raise EvidenceError(f"{name} has {len(header)} columns; there is no column {chosen}")
        folded = [h.casefold() for h in header]
        if chosen.casefold() in folded:
            return folded.index(chosen.casefold())
        raise EvidenceError(f"{name} has no column “{chosen}” (its columns: {', '.join(header)})")
    folded = [h.casefold().strip() for h in header]
    for guess in _GUESSES[role]:
        if guess in folded:
            return folded.index(guess)
    if required:
        raise EvidenceError(
            f"{name}: no column looks like the event's {role}; choose one "
            f"(its columns: {', '.join(header)})"
        )
    return None


def _cell(row: Sequence[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""
