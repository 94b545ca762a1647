"""What the room sees during a checkpoint or a monthly review, built without Qt.

The same rule as :mod:`facilitator.domain.room_view`: the shared screen shows
only what :func:`review_content` builds, and it only reads the fields of
:class:`ReviewScreenItem`. An item's history (who changed it, when) and the
facilitator's private notes are never handed in, so they cannot leak. With
"names as roles" on, owners and every text are masked with the debrief's roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from facilitator.domain.model import Participant
from facilitator.domain.names import NameMask
from facilitator.domain.room_view import RoomItem, RoomOptions, RoomSection, RoomView


@dataclass(frozen=True)
class ReviewScreenItem:
    """One action item as a review shows it to the room; ``decision`` is a label or ""."""

    title: str
    owner: str = ""
    priority: str = ""
    due: date | None = None
    status: str = ""
    decision: str = ""
    note: str = ""
    reason: str = ""
    answers: str = ""
    debrief_title: str = ""
    #: The debrief's participants, so names can be shown as roles.
    people: tuple[Participant, ...] = ()


@dataclass(frozen=True)
class ReviewScreen:
    """The review on screen: the items in order, the one under discussion, and the day."""

    heading: str
    items: tuple[ReviewScreenItem, ...]
    index: int = 0
    today: date | None = None
    monthly: bool = False
    finished: bool = False
    next_checkpoint: date | None = None


_MARKS = {"Done": "✓ done", "In progress": "… in progress", "Still relevant": "→ still relevant"}


def _review_item(item: ReviewScreenItem, today: date | None, mask: NameMask) -> list[RoomItem]:
    rows = [("Owner", mask.apply(item.owner.strip()) or "no owner yet")]
    if item.due is not None:
        due = f"{item.due:%a %d %b %Y}"
        if today is not None and item.due < today:
            late = (today - item.due).days
            due += f"  ·  {late} day{'s' if late != 1 else ''} past due"
        rows.append(("Due", due))
    else:
        rows.append(("Due", "no due date"))
    rows.append(("Priority", item.priority or "not set"))
    rows.append(("Status", item.status or "Open"))
    if item.answers.strip():
        rows.append(("Answers", mask.apply(item.answers.strip())))
    return [RoomItem(value, lead=label) for label, value in rows]


def _review_finished(screen: ReviewScreen, masks: list[NameMask]) -> RoomView:
    groups: dict[str, list[RoomItem]] = {"Done": [], "Dropped": [], "Still open": []}
    for item, mask in zip(screen.items, masks, strict=True):
        title = mask.apply(item.title.strip()) or "…"
        if item.decision == "Done":
            groups["Done"].append(RoomItem(title))
        elif item.decision == "Dropped":
            groups["Dropped"].append(RoomItem(title, meta=mask.apply(item.reason.strip())))
        else:
            due = f"due {item.due:%d %b %Y}" if item.due else "no due date"
            meta = "  ·  ".join(v for v in (item.decision or "not decided", due) if v)
            groups["Still open"].append(RoomItem(title, meta=meta))
    sections = [RoomSection(h, tuple(v), "None.") for h, v in groups.items()]
    if not screen.monthly:
        when = screen.next_checkpoint
        text = f"{when:%A %d %B %Y}" if when else "Not needed: every item is closed."
        sections.append(RoomSection("Next checkpoint", (RoomItem(text),)))
    title = "Monthly review: summary" if screen.monthly else "Checkpoint: summary"
    return RoomView(screen.heading, title, "", tuple(sections))


def review_content(screen: ReviewScreen, options: RoomOptions) -> RoomView:
    """What the room sees during a checkpoint or monthly review; nothing private is read.

    Only the fields of :class:`ReviewScreenItem` reach the screen; who changed an
    item and when (its history) and the facilitator's notes are never passed in.
    """
    masks = [NameMask.build(list(i.people), options.names_as_roles) for i in screen.items]
    if screen.finished:
        return _review_finished(screen, masks)
    kind = "Monthly review" if screen.monthly else "Checkpoint"
    if not screen.items:
        return RoomView(kind, screen.heading, "Every action item is closed. Nothing to review.")
    index = max(0, min(screen.index, len(screen.items) - 1))
    item, mask = screen.items[index], masks[index]
    counter = f"{kind}  ·  item {index + 1} of {len(screen.items)}"
    if screen.monthly and item.debrief_title.strip():
        counter += f"  ·  {item.debrief_title.strip()}"
    sections = [RoomSection("Where it stands", tuple(_review_item(item, screen.today, mask)))]
    if item.decision:
        meta = mask.apply((item.reason if item.decision == "Dropped" else item.note).strip())
        decided = (RoomItem(item.decision, meta=meta),)
    else:
        decided = ()
    sections.append(RoomSection("The room's decision", decided, "Not decided yet."))
    decided_count = sum(1 for i in screen.items if i.decision)
    later = [
        RoomItem(m.apply(i.title.strip()) or "…", meta=_MARKS.get(i.decision, i.decision.lower()))
        for i, m in list(zip(screen.items, masks, strict=True))[index + 1 : index + 4]
    ]
    note = f"{decided_count} of {len(screen.items)} decided"
    sections.append(RoomSection("Up next", tuple(later), "This is the last item.", note))
    question = "Done, in progress, still relevant, or dropped?"
    return RoomView(counter, mask.apply(item.title.strip()) or "…", question, tuple(sections))
