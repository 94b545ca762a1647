"""Field readers that validate untrusted document values and collect problems.

Every reader returns a usable default when a value is wrong and records the
problem with its JSON path, so one pass reports everything that is wrong.
A missing key takes the field's default: only ``format`` and ``version`` are required.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator.domain.model import (
    ActionKind,
    ActionStatus,
    Answer,
    EventKind,
    FactorKind,
    Priority,
    Severity,
    Status,
    TimingQuestion,
    new_id,
)
from facilitator.domain.text import MAX_FIELD_CHARS, unsafe_characters

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


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

    def fail(self, path: str, reason: str) -> None:
        """Record a problem."""
        self.problems.append((path, reason))

    def object(self, value: Any, path: str) -> dict[str, Any] | None:
        """Return ``value`` if it is a JSON object, else record a problem."""
        if isinstance(value, dict):
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
    ) -> list[T]:
        """Read a list of objects, each with ``read``."""
        out: list[T] = []
        for i, value in enumerate(self._list(obj, key, prefix)):
            path = f"{prefix}{key}[{i}]"
            item = self.object(value, path)
            if item is not None:
                out.append(read(self, item, path + "."))
        return out

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
        if parsed.utcoffset() is None:
            self.fail(path, f"{value[:40]!r} has no UTC offset (add e.g. +00:00 or Z)")
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
                return date.fromisoformat(value)
            except ValueError:
                pass
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
        """Read a severity or null."""
        return self._enum(Severity, obj, key, prefix)

    def priority(self, obj: dict[str, Any], key: str, prefix: str) -> Priority | None:
        """Read a priority or null."""
        return self._enum(Priority, obj, key, prefix)

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
            or not math.isfinite(target)
            or target < 0
        ):
            self.fail(path + ".target_minutes", "must be a number of minutes, 0 or more, or null")
            target = None
        answer = self._enum(Answer, q, "answer", path + ".")
        return TimingQuestion(
            None if target is None else float(target), answer, self.text(q, "notes", path + ".")
        )


def _raise() -> str:
    raise ValueError
