"""Loading a JSON evidence file (PagerDuty, Opsgenie) with the size and encoding checks."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.textcodec import decode_text
from facilitator.evidence.times import from_epoch, parse_moment, place


def load_json(data: bytes, name: str) -> object:
    """Parse ``data``; raise EvidenceError saying what is wrong with it."""
    text = decode_text(data, name)
    try:
        return json.loads(text)
    except RecursionError:
        raise EvidenceError(f"{name} is nested too deeply to be a log") from None
    except ValueError as exc:
        raise EvidenceError(f"{name} is not valid JSON ({exc})") from None


def text_of(entry: Mapping[str, Any], *path: str) -> str:
    """The string at ``entry[path[0]][path[1]]…``, or "" when any step is missing."""
    value: object = entry
    for key in path:
        if not isinstance(value, Mapping):
            return ""
        value = value.get(key)
    return value.strip() if isinstance(value, str) else ""


def moment_of(value: object) -> datetime | None:
    """An ISO string or an epoch number (seconds or milliseconds) as a moment, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return from_epoch(float(value))
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        return parse_moment(value)
    return None


def placed(value: object, zone: tzinfo) -> tuple[datetime, datetime | None] | None:
    """The moment ``value`` names and, when it had no offset, the wall-clock reading placed in
    ``zone``; None when it is not a time."""
    moment = moment_of(value)
    if moment is None:
        return None
    if moment.tzinfo is None:
        return place(moment, zone), moment
    return moment, None
