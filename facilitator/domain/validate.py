"""Field readers that validate untrusted document values and collect problems.

Every reader returns a usable default when a value is wrong and records the
problem with its JSON path, so one pass reports everything that is wrong.
A missing key takes the field's default: only ``format`` and ``version`` are required.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator.domain.model import (
    NOTE_LISTS,
    ActionKind,
    ActionStatus,
    Answer,
    EventKind,
    FactorKind,
    Note,
    Priority,
    ReviewStatus,
    Severity,
    Status,
    TimingQuestion,
    new_id,
)
from facilitator.domain.text import MAX_FIELD_CHARS, unsafe_characters

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

#: Years a stored time may fall in, in its own offset and in UTC: every layer can write these.
FIRST_YEAR, LAST_YEAR = 1900, 9999
#: The widest UTC offset in use anywhere is ±14 h; ISO 8601 and PostgreSQL allow up to ±18 h.
MAX_OFFSET = timedelta(hours=18)
#: A timing target beyond a year is not a target; it also keeps every export's arithmetic safe.
MAX_TARGET_MINUTES = 525_600
#: Item ids: what new_id() makes, and any short token another tool may use.
_ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,35}")
#: Common ways of writing a severity: "SEV-2", "Sev 2", "sev2", "Severity 2".
_SEVERITY_SPELLING = re.compile(r"\s*sev(?:erity)?[\s_-]*([0-9])\s*", re.IGNORECASE)


class KeyedDict(dict[str, Any]):
    """A parsed JSON object that remembers names given more than once (the last value wins)."""

    duplicates: tuple[str, ...] = ()


def keyed_object(pairs: list[tuple[str, Any]]) -> KeyedDict:
    """``object_pairs_hook`` for :func:`json.loads` that records duplicate names."""
    obj = KeyedDict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


class Reader:
    """Reads values out of parsed JSON, collecting ``(path, reason)`` problems."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        #: Values accepted in a normalised form, for the importer to mention.
        self.remarks: list[str] = []

    def fail(self, path: str, reason: str) -> None:
        """Record a problem."""
        self.problems.append((path, reason))

    def object(self, value: Any, path: str) -> dict[str, Any] | None:
        """Return ``value`` if it is a JSON object, else record a problem."""
        if isinstance(value, dict):
            for name in getattr(value, "duplicates", ()):
                self.fail(f"{path}.{name}", "is given more than once; keep one")
            return value
        self.fail(path, f"must be an object, not {_type_name(value)}")
        return None

    def _check_text(self, value: str, path: str) -> bool:
        if len(value) > MAX_FIELD_CHARS:
            self.fail(path, f"is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}")
            return False
        bad = unsafe_characters(value)
        if bad:
            char = value[bad[0]]
            self.fail(
                path,
                f"contains the control character U+{ord(char):04X} at position {bad[0] + 1}; "
                "remove it and import again",
            )
            return False
        return True

    def text(self, obj: dict[str, Any], key: str, prefix: str) -> str:
        """Read a string (missing or null gives "")."""
        value = obj.get(key)
        path = prefix + key
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(path, f"must be a string, not {_type_name(value)}")
            return ""
        return value if self._check_text(value, path) else ""

    def strings(self, obj: dict[str, Any], key: str, prefix: str) -> list[str]:
        """Read a list of strings."""
        values = self._list(obj, key, prefix)
        out: list[str] = []
        for i, value in enumerate(values):
            path = f"{prefix}{key}[{i}]"
            if not isinstance(value, str):
                self.fail(path, f"must be a string, not {_type_name(value)}")
            elif self._check_text(value, path):
                out.append(value)
        return out

    def items(
        self,
        obj: dict[str, Any],
        key: str,
        prefix: str,
        read: Callable[[Reader, dict[str, Any], str], T],
        *,
        ids: bool = False,
    ) -> list[T]:
        """Read a list of objects, each with ``read``; with ``ids``, each keeps its "id"."""
        out: list[T] = []
        seen: set[str] = set()
        for i, value in enumerate(self._list(obj, key, prefix)):
            path = f"{prefix}{key}[{i}]"
            item = self.object(value, path)
            if item is None:
                continue
            result = read(self, item, path + ".")
            if ids:
                uid = self.item_id(item.get("id"), path + ".id", seen)
                if uid is not None:
                    result.uid = uid  # type: ignore[attr-defined]
            out.append(result)
        return out

    def item_id(self, value: Any, path: str, seen: set[str]) -> str | None:
        """Check an item's id (None when missing: the item keeps its fresh one)."""
        if value is None:
            return None
        if not isinstance(value, str) or not _ITEM_ID.fullmatch(value):
            self.fail(path, f"{str(value)[:40]!r} is not an item id (letters, digits, - . _ :)")
            return None
        if value in seen:
            self.fail(path, f"{value!r} is the id of an earlier item in the same list")
            return None
        seen.add(value)
        return value

    def notes(self, root: dict[str, Any], key: str, prefix: str) -> list[Note]:
        """Read a list of strings as notes, with their ids from ``note_ids`` when given."""
        notes = [Note(text) for text in self.strings(root, key, prefix)]
        table = root.get("note_ids")
        if table is None:
            return notes
        if not isinstance(table, dict):
            if key == NOTE_LISTS[0]:  # say it once, not once per list
                self.fail(prefix + "note_ids", f"must be an object, not {_type_name(table)}")
            return notes
        if key == NOTE_LISTS[0]:
            self.object(table, prefix + "note_ids")  # reports duplicate names
        ids = table.get(key)
        path = f"{prefix}note_ids.{key}"
        if ids is None:
            return notes
        if not isinstance(ids, list) or len(ids) != len(notes):
            self.fail(path, f"must be a list of {len(notes)} ids, one per item of {key}")
            return notes
        seen: set[str] = set()
        for i, (note, value) in enumerate(zip(notes, ids, strict=True)):
            uid = self.item_id(value, f"{path}[{i}]", seen)
            if uid is not None:
                note.uid = uid
        return notes

    def flag(self, obj: dict[str, Any], key: str, prefix: str) -> bool:
        """Read true or false (false when missing)."""
        value = obj.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(prefix + key, f"must be true or false, not {_type_name(value)}")
            return False
        return value

    def _list(self, obj: dict[str, Any], key: str, prefix: str) -> list[Any]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(prefix + key, f"must be a list, not {_type_name(value)}")
            return []
        return value

    def moment(self, obj: dict[str, Any], key: str, prefix: str) -> datetime | None:
        """Read an ISO 8601 date-time with a UTC offset, or null."""
        value = obj.get(key)
        path = prefix + key
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(path, f"must be an ISO 8601 date-time string, not {_type_name(value)}")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(path, f"{value[:40]!r} is not an ISO 8601 date-time")
            return None
        offset = parsed.utcoffset()
        if offset is None:
            self.fail(path, f"{value[:40]!r} has no UTC offset (add e.g. +00:00 or Z)")
            return None
        if offset % timedelta(minutes=1) or abs(offset) > MAX_OFFSET:
            self.fail(path, f"{value[:40]!r} has an offset that is not whole minutes within ±18 h")
            return None
        try:
            in_utc = parsed.astimezone(UTC)
        except OverflowError:
            in_utc = None
        if in_utc is None or not all(
            FIRST_YEAR <= y <= LAST_YEAR for y in (parsed.year, in_utc.year)
        ):
            self.fail(path, f"{value[:40]!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}")
            return None
        return parsed

    def day(self, obj: dict[str, Any], key: str, prefix: str) -> date | None:
        """Read an ISO 8601 calendar date (YYYY-MM-DD), or null."""
        value = obj.get(key)
        path = prefix + key
        if value is None:
            return None
        if isinstance(value, str) and len(value) == 10:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if FIRST_YEAR <= day.year <= LAST_YEAR:
                    return day
                self.fail(path, f"{value!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}")
                return None
        self.fail(path, f"{str(value)[:40]!r} is not a date in the form YYYY-MM-DD")
        return None

    def uuid(self, obj: dict[str, Any], key: str, prefix: str) -> str:
        """Read a UUID (a new one when missing)."""
        value = obj.get(key)
        if value is None:
            return new_id()
        try:
            return str(uuid.UUID(str(value))) if isinstance(value, str) else _raise()
        except ValueError:
            self.fail(prefix + key, f"{str(value)[:40]!r} is not a UUID")
            return new_id()

    def zone(self, obj: dict[str, Any], key: str, prefix: str) -> str:
        """Read an IANA time zone name ("" means: show times with their own offsets)."""
        name = self.text(obj, key, prefix)
        if len(name) > 64:
            self.fail(prefix + key, "is too long to be a time zone name")
            return ""
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                self.fail(prefix + key, f"{name[:40]!r} is not a known time zone")
                return ""
        return name

    def _enum(self, cls: type[E], obj: dict[str, Any], key: str, prefix: str) -> E | None:
        value = obj.get(key)
        if value is None:
            return None
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(f'"{m.value}"' for m in cls)
            self.fail(prefix + key, f"{str(value)[:40]!r} is not one of {allowed}")
            return None

    def severity(self, obj: dict[str, Any], key: str, prefix: str) -> Severity | None:
        """Read a severity or null, accepting common spellings ("Sev-2", "sev 2")."""
        value = obj.get(key)
        if isinstance(value, str) and value not in Severity.__members__:
            spelled = normalise_severity(value)
            if spelled is not None:
                self.remarks.append(f"severity {value!r} read as {spelled}")
                return spelled
        return self._enum(Severity, obj, key, prefix)

    def priority(self, obj: dict[str, Any], key: str, prefix: str) -> Priority | None:
        """Read a priority or null."""
        return self._enum(Priority, obj, key, prefix)

    def review_status(self, obj: dict[str, Any], key: str, prefix: str) -> ReviewStatus | None:
        """Read a review status or null."""
        return self._enum(ReviewStatus, obj, key, prefix)

    def action_kind(self, obj: dict[str, Any], key: str, prefix: str) -> ActionKind | None:
        """Read an action kind or null."""
        return self._enum(ActionKind, obj, key, prefix)

    def status(self, obj: dict[str, Any], key: str, prefix: str) -> Status:
        """Read a debrief status (draft when missing)."""
        return self._enum(Status, obj, key, prefix) or Status.DRAFT

    def action_status(self, obj: dict[str, Any], key: str, prefix: str) -> ActionStatus:
        """Read an action status (open when missing)."""
        return self._enum(ActionStatus, obj, key, prefix) or ActionStatus.OPEN

    def event_kind(self, obj: dict[str, Any], key: str, prefix: str) -> EventKind:
        """Read a timeline event kind (note when missing)."""
        return self._enum(EventKind, obj, key, prefix) or EventKind.NOTE

    def factor_kind(self, obj: dict[str, Any], key: str, prefix: str) -> FactorKind:
        """Read a contributing factor kind (technical when missing)."""
        return self._enum(FactorKind, obj, key, prefix) or FactorKind.TECHNICAL

    def question(self, obj: dict[str, Any], key: str, prefix: str) -> TimingQuestion:
        """Read a timing question ``{target_minutes, answer, notes}``."""
        value = obj.get(key)
        path = prefix + key
        if value is None:
            return TimingQuestion()
        q = self.object(value, path)
        if q is None:
            return TimingQuestion()
        target = q.get("target_minutes")
        if target is not None and (
            isinstance(target, bool)
            or not isinstance(target, int | float)
            # Compare before any float conversion: 10**400 is a valid JSON integer.
            or not 0 <= target <= MAX_TARGET_MINUTES
        ):
            self.fail(
                path + ".target_minutes",
                f"must be a number of minutes from 0 to {MAX_TARGET_MINUTES:,} (a year), or null",
            )
            target = None
        answer = self._enum(Answer, q, "answer", path + ".")
        return TimingQuestion(
            None if target is None else float(target), answer, self.text(q, "notes", path + ".")
        )


def normalise_severity(text: str) -> Severity | None:
    """Map a common spelling of a severity ("SEV-2", "Sev 2", "sev2") to the scale's name."""
    match = _SEVERITY_SPELLING.fullmatch(text)
    if match is None:
        return None
    name = f"SEV{match.group(1)}"
    return Severity(name) if name in Severity.__members__ else None


def _raise() -> str:
    raise ValueError
