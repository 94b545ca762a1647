"""Which reader a source needs, and reading it with every check in place.

``read_path`` takes a file or folder and tells the kind from it (a folder or ZIP
is a Slack export, ``.csv`` a CSV, JSON by its shape, anything else a chat
transcript) unless the caller names the kind; ``read_text`` reads pasted text.
"""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.evidence.candidates import Evidence, ReadOptions
from facilitator.evidence.csv_source import read_csv
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.jsondata import load_json
from facilitator.evidence.limits import read_file, size_text
from facilitator.evidence.opsgenie import looks_like_opsgenie, read_opsgenie
from facilitator.evidence.pagerduty import looks_like_pagerduty, read_pagerduty
from facilitator.evidence.slack import read_slack
from facilitator.evidence.textcodec import decode_text
from facilitator.evidence.transcript import read_transcript

#: Every kind of source, as the command line's ``--from`` names them.
KINDS: tuple[str, ...] = ("slack", "chat", "pagerduty", "opsgenie", "csv")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# An object, or a list of objects or strings: "[19:04] ada: hi" is a transcript, not JSON.
_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:\{|\[\s*[{\"\]\[])")


def guess_kind(path: Path) -> str:
    """The kind of source ``path`` most likely is (without reading more than its start)."""
    if path.is_dir():
        return "slack"
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "slack"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    try:
        with open(path, "rb") as handle:
            start = handle.read(4096)
    except OSError:
        return "chat"  # the reader reports why it cannot be read
    if start.startswith(_ZIP_MAGIC):
        return "slack"
    if suffix == ".json" or _JSON_START.match(start):
        return "json"
    return "chat"


def read_path(path: Path, options: ReadOptions, kind: str | None = None) -> Evidence:
    """Read the source at ``path``; raise EvidenceError with a sentence when it cannot be."""
    if not path.exists():
        raise EvidenceError(f"{path}: no such file or folder")
    kind = kind or guess_kind(path)
    if kind not in (*KINDS, "json"):
        raise EvidenceError(f"“{kind}” is not a kind of source; use one of {', '.join(KINDS)}")
    if not options.name:
        options = _named(options, path.name)
    if kind == "slack":
        return read_slack(path, options)
    if path.is_dir():
        raise EvidenceError(f"{path} is a folder; only a Slack export can be a folder")
    data = read_file(path, options.limits.text_bytes, f"{kind if kind != 'json' else 'log'} file")
    if kind in {"json", "pagerduty", "opsgenie"}:
        parsed = load_json(data, path.name)
        if kind == "pagerduty" or (kind == "json" and looks_like_pagerduty(parsed)):
            return read_pagerduty(parsed, options)
        if kind == "opsgenie" or looks_like_opsgenie(parsed):
            return read_opsgenie(parsed, options)
        raise EvidenceError(
            f"{path.name} is JSON but neither PagerDuty log entries (log_entries[]) nor "
            "Opsgenie alert logs (data[] with log and createdAt)"
        )
    text = decode_text(data, path.name)
    if kind == "csv":
        return read_csv(text, options)
    return read_transcript(text, options)


def read_text(text: str, options: ReadOptions, kind: str = "chat") -> Evidence:
    """Read pasted text: a transcript by default, or CSV or JSON when ``kind`` says so."""
    limit = options.limits.text_bytes
    if len(text) > limit:
        raise EvidenceError(
            f"the pasted text is {size_text(len(text))}, more than the {size_text(limit)} a "
            "paste may be; save it to a file and import a shorter period"
        )
    if not options.name:
        options = _named(options, "pasted")
    if kind == "csv":
        return read_csv(text, options)
    if kind in {"pagerduty", "opsgenie", "json"}:
        parsed = load_json(text.encode("utf-8"), options.name)
        if kind != "opsgenie" and looks_like_pagerduty(parsed):
            return read_pagerduty(parsed, options)
        return read_opsgenie(parsed, options)
    if kind == "slack":
        raise EvidenceError("a Slack export is a ZIP file or a folder; choose it as a file")
    return read_transcript(text, options)


def _named(options: ReadOptions, name: str) -> ReadOptions:
    from dataclasses import replace

    return replace(options, name=name)
