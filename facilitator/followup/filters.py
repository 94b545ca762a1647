"""Which action items the board shows, and the counts in its header.

Filters are plain values so the board, the command line and the tests share
them. Matching runs in Python over the records already in memory: at 10,000
items a filter change is a few milliseconds, well under a keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from facilitator.domain.model import ActionStatus
from facilitator.followup.records import OPEN_STATUSES, ActionRecord


class StatusFilter(StrEnum):
    """Which statuses to show; "open" means not closed yet (open or in progress)."""

    OPEN = "open"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    ALL = "all"


class DueFilter(StrEnum):
    """Which due dates to show."""

    ANY = "any"
    OVERDUE = "overdue"
    THIS_WEEK = "this_week"
    NONE = "none"


_STATUSES: dict[StatusFilter, frozenset[ActionStatus] | None] = {
    StatusFilter.OPEN: OPEN_STATUSES,
    StatusFilter.NOT_STARTED: frozenset({ActionStatus.OPEN}),
    StatusFilter.IN_PROGRESS: frozenset({ActionStatus.IN_PROGRESS}),
    StatusFilter.DONE: frozenset({ActionStatus.DONE}),
    StatusFilter.DROPPED: frozenset({ActionStatus.WONT_DO}),
    StatusFilter.ALL: None,
}
#: ``ActionFilter.priority`` value that asks for items without a priority.
NO_PRIORITY = "none"


def end_of_week(today: date) -> date:
    """The Sunday of ``today``'s week (weeks start on Monday, as ISO 8601 has it)."""
    return today + timedelta(days=6 - today.weekday())


@dataclass(frozen=True)
class ActionFilter:
    """Every criterion of the board; empty strings mean "any"."""

    status: StatusFilter = StatusFilter.OPEN
    owner: str = ""
    priority: str = ""
    due: DueFilter = DueFilter.ANY
    service: str = ""
    tag: str = ""
    debrief_id: str = ""
    without_ticket: bool = False
    text: str = ""

    def matches(self, record: ActionRecord, today: date) -> bool:
        """Tell whether ``record`` passes every criterion on ``today``."""
        statuses = _STATUSES[self.status]
        if statuses is not None and record.status not in statuses:
            return False
        if self.owner and record.owner.strip().casefold() != self.owner.strip().casefold():
            return False
        if self.priority:
            wanted = None if self.priority == NO_PRIORITY else self.priority
            if (record.priority.value if record.priority else None) != wanted:
                return False
        if self.due != DueFilter.ANY and not _due_matches(self.due, record, today):
            return False
        if self.service and self.service not in record.services:
            return False
        if self.tag and self.tag not in record.tags:
            return False
        if self.debrief_id and record.debrief_id != self.debrief_id:
            return False
        if self.without_ticket and record.ticket.strip():
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = f"{record.title}\n{record.owner}\n{record.debrief_title}\n{record.ticket}"
            if needle not in haystack.casefold():
                return False
        return True

    def apply(self, records: Sequence[ActionRecord], today: date) -> list[ActionRecord]:
        """The records that match, in their given order."""
        test = self.predicate(today)
        return [r for r in records if test(r)]

    def predicate(self, today: date) -> Callable[[ActionRecord], bool]:
        """A test equal to :meth:`matches` that checks only the criteria in use.

        The board runs it over every item on each filter change; the usual filter
        (status only) then costs one set lookup per item.
        """
        checks: list[Callable[[ActionRecord], bool]] = []
        statuses = _STATUSES[StatusFilter(self.status)]
        if statuses is not None:
            # A tuple: membership tests identity first, in C; a set would call Enum.__hash__.
            allowed = tuple(statuses)
            checks.append(lambda r: r.status in allowed)
        if self.debrief_id:
            debrief = self.debrief_id
            checks.append(lambda r: r.debrief_id == debrief)
        if self.owner:
            owner = self.owner.strip().casefold()
            checks.append(lambda r: r.owner.strip().casefold() == owner)
        if self.priority:
            wanted = None if self.priority == NO_PRIORITY else self.priority
            checks.append(lambda r: (r.priority.value if r.priority else None) == wanted)
        if self.due != DueFilter.ANY:
            due = DueFilter(self.due)
            checks.append(lambda r: _due_matches(due, r, today))
        if self.service:
            service = self.service
            checks.append(lambda r: service in r.services)
        if self.tag:
            tag = self.tag
            checks.append(lambda r: tag in r.tags)
        if self.without_ticket:
            checks.append(lambda r: not r.ticket.strip())
        if self.text:
            needle = self.text.casefold()
            checks.append(
                lambda r: (
                    needle in f"{r.title}\n{r.owner}\n{r.debrief_title}\n{r.ticket}".casefold()
                )
            )
        if not checks:
            return lambda _r: True
        if len(checks) == 1:
            return checks[0]
        return lambda r: all(check(r) for check in checks)


def _due_matches(due: DueFilter, record: ActionRecord, today: date) -> bool:
    if due == DueFilter.NONE:
        return record.due is None
    if record.due is None:
        return False
    if due == DueFilter.OVERDUE:
        return record.overdue(today)
    return today <= record.due <= end_of_week(today)


@dataclass(frozen=True)
class BoardCounts:
    """The numbers in the board's header."""

    total: int = 0
    open: int = 0
    in_progress: int = 0
    overdue: int = 0
    due_this_week: int = 0
    done: int = 0
    dropped: int = 0

    @property
    def still_open(self) -> int:
        """Items that still need work (open or in progress)."""
        return self.open + self.in_progress

    def sentence(self) -> str:
        """ "12 open (3 in progress) · 2 overdue · 4 due this week · 30 done · 5 won't do"."""
        parts = [f"{self.still_open:,} open"]
        if self.in_progress:
            parts[0] += f" ({self.in_progress:,} in progress)"
        parts += [
            f"{self.overdue:,} overdue",
            f"{self.due_this_week:,} due this week",
            f"{self.done:,} done",
            f"{self.dropped:,} won't do",
        ]
        return "  ·  ".join(parts)


def count(records: Iterable[ActionRecord], today: date) -> BoardCounts:
    """Count ``records`` by status and due date on ``today``."""
    week_end = end_of_week(today)
    tally = dict.fromkeys(("total", "open", "in_progress", "overdue", "week", "done", "dropped"), 0)
    for r in records:
        tally["total"] += 1
        status = r.status
        if status is ActionStatus.OPEN:
            tally["open"] += 1
        elif status is ActionStatus.IN_PROGRESS:
            tally["in_progress"] += 1
        elif status is ActionStatus.DONE:
            tally["done"] += 1
            continue
        else:
            tally["dropped"] += 1
            continue
        if r.due is not None:
            if r.due < today:
                tally["overdue"] += 1
            elif r.due <= week_end:
                tally["week"] += 1
    return BoardCounts(
        tally["total"],
        tally["open"],
        tally["in_progress"],
        tally["overdue"],
        tally["week"],
        tally["done"],
        tally["dropped"],
    )


def choices(records: Iterable[ActionRecord]) -> dict[str, list[str]]:
    """The owners, services and tags present, sorted, for the filter pickers."""
    owners: set[str] = set()
    services: set[str] = set()
    tags: set[str] = set()
    for r in records:
        if r.owner.strip():
            owners.add(r.owner.strip())
        services.update(r.services)
        tags.update(r.tags)

    def key(value: str) -> tuple[str, str]:
        return (value.casefold(), value)

    return {
        "owner": sorted(owners, key=key),
        "service": sorted(services, key=key),
        "tag": sorted(tags, key=key),
    }
