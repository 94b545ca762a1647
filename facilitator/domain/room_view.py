"""What the room may see: the shared screen's content, built without Qt.

The shared screen shows the current phase and what the team builds in it. The
facilitator's private material (tips, the phase goal, private notes, the parking
lot, language findings, ignored findings) is never read here, so it cannot leak:
:func:`visible_content` is the only door to the shared screen, and it only opens
onto the fields listed in ``_SECTIONS``. During a checkpoint or monthly review the
door is :func:`facilitator.domain.room_review.review_content`, built on the same
types and rules.

With "names as roles" on, every participant's name is replaced by their role in
all text the room sees, so the discussion stays on the system, not the person.

With "reframe before the room sees it" on, the caller passes ``held``: for a field key
(the keys of :func:`facilitator.language.debrief_findings.text_fields`) and its text,
the spans the room must not read yet (sentences with an open blame finding). Each is
shown as ``(being reworded)`` until the facilitator rewords it or keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator.domain.model import (
    Answer,
    Debrief,
    FactorKind,
    ReviewStatus,
    TimelineEvent,
    texts,
)
from facilitator.domain.names import NameMask, public_name
from facilitator.domain.replay import ReplayState, ordered_events
from facilitator.domain.script import Phase
from facilitator.domain.timing import (
    TargetCheck,
    detection_check,
    fix_check,
    format_duration,
    format_target,
    moment_label,
    moment_of,
)

#: The most events the room sees at once: more would be too small to read on a projector.
ROOM_EVENTS = 12

# -- the room's content -----------------------------------------------------------------


@dataclass(frozen=True)
class RoomItem:
    """One line of content: ``lead`` is a time or figure shown in front of ``text``.

    ``state`` is "" normally, "current" for the event a replay stands on.
    ``details`` are (label, text) pairs shown under the item (a replay's notes).
    """

    text: str
    lead: str = ""
    meta: str = ""
    state: str = ""
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RoomSection:
    """A heading and its items; ``empty`` is what to say while there are none."""

    heading: str
    items: tuple[RoomItem, ...] = ()
    empty: str = ""
    note: str = ""


@dataclass(frozen=True)
class RoomView:
    """Everything the shared screen shows for one phase, and nothing else."""

    counter: str
    title: str
    question: str
    sections: tuple[RoomSection, ...] = ()
    replay: str = ""


@dataclass(frozen=True)
class RoomOptions:
    """Choices that change what the room sees; ``local_zone`` is used when the debrief has none."""

    names_as_roles: bool = False
    local_zone: str = "UTC"


FACTOR_HEADINGS: dict[FactorKind, str] = {
    FactorKind.TECHNICAL: "Technical factors",
    FactorKind.PROCESS: "Process factors",
    FactorKind.ORGANISATIONAL: "Organisational factors",
    FactorKind.HUMAN: "Human conditions",
}
REVIEW_LABELS = {
    ReviewStatus.IN_REVIEW: "In review",
    ReviewStatus.REVIEWED: "Reviewed",
    ReviewStatus.APPROVED: "Approved",
}
ANSWERS = {Answer.YES: "Yes", Answer.NO: "No", None: "Not answered yet"}


#: What the room reads in place of a sentence that is being reframed.
HELD_TEXT = "(being reworded)"
#: ``held(field key, text)`` -> spans of ``text`` the room must not see yet.
Held = Callable[[str, str], Sequence[tuple[int, int]]]


def hold_back(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return ``text`` with every span replaced by :data:`HELD_TEXT` (overlaps merged)."""
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start, end = max(start, last), min(end, len(text))
        if end <= start:
            continue
        parts.append(text[last:start])
        if not parts[-1].endswith(HELD_TEXT + " ") and parts[-1].rstrip() != HELD_TEXT:
            parts.append(HELD_TEXT)
        last = end
    parts.append(text[last:])
    return "".join(parts)


@dataclass(frozen=True)
class _Context:
    debrief: Debrief
    mask: NameMask
    options: RoomOptions
    ground_rules: tuple[str, ...]
    replay: ReplayState
    held: Held | None = None
    focus: str = ""

    def text(self, value: str, field: str = "") -> str:
        # Held sentences go before anything else: their spans are offsets into the raw text.
        if field and self.held is not None and value.strip():
            value = hold_back(value, self.held(field, value))
        return self.mask.apply(value.strip())


def _zone(name: str, fallback: str) -> tuple[tzinfo, str]:
    for candidate in (name, fallback, "UTC"):
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate), candidate
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC"), "UTC"


def _clock(at: datetime, with_day: bool, with_seconds: bool) -> str:
    time = at.strftime("%H:%M:%S" if with_seconds else "%H:%M")
    return f"{at:%a} {at.day} {at:%b}  {time}" if with_day else time


def _timeline(ctx: _Context) -> list[RoomSection]:
    tz, zone_name = _zone(ctx.debrief.timezone, ctx.options.local_zone)
    pairs = ordered_events(ctx.debrief.timeline)
    ordered = [event for _i, event in pairs]
    local = [e.at.astimezone(tz) if e.at else None for e in ordered]
    dated = [at for at in local if at is not None]
    with_day = len({at.date() for at in dated}) > 1
    with_seconds = any(at.second for at in dated)
    shown = ctx.replay.revealed(len(ordered))
    first, last = _window(ctx, ordered, shown)
    # Only the event marked as a moment says so, so the room sees the measure the timing
    # pages use: another "trigger" is not where the problem started.
    labels: dict[int, str] = {}
    for position, event in enumerate(ordered):
        name = moment_of(ctx.debrief, event)
        if name and moment_label(name) not in labels.values():
            labels[position] = moment_label(name)
    items = []
    day = None
    for position in range(first, last):
        event, at = ordered[position], local[position]
        current = ctx.replay.active and position == ctx.replay.index
        # The day is named where it changes; repeating it on every row is noise at this size.
        new_day = with_day and at is not None and at.date() != day
        day = at.date() if at is not None else day
        key = f"timeline[{pairs[position][0]}]"
        moment = labels.get(position, "")
        items.append(_event_item(ctx, event, at, new_day, with_seconds, current, key, moment))
    hidden = len(ordered) - shown
    note = f"Times in {zone_name}"
    if last - first < shown:
        note += f"  ·  events {first + 1}–{last} of {shown}"
    if hidden:
        note += f"  ·  {hidden} later event{'s' if hidden != 1 else ''} not shown yet"
    empty = "No events yet. The timeline starts when the problem began."
    return [RoomSection("Timeline", tuple(items), empty, note)]


def _window(ctx: _Context, ordered: list[TimelineEvent], shown: int) -> tuple[int, int]:
    """The slice of revealed events on screen: around the one being discussed."""
    if shown <= ROOM_EVENTS:
        return 0, shown
    if ctx.replay.active:
        # Later events are hidden: the current one is the newest, with what led up to it.
        last = min(shown, ctx.replay.index + 1)
        return max(0, last - ROOM_EVENTS), last
    focus = next((i for i, e in enumerate(ordered[:shown]) if e.uid == ctx.focus), None)
    if focus is None:
        return shown - ROOM_EVENTS, shown
    first = max(0, min(focus - ROOM_EVENTS // 2, shown - ROOM_EVENTS))
    return first, first + ROOM_EVENTS


def _event_item(
    ctx: _Context,
    event: TimelineEvent,
    at: datetime | None,
    with_day: bool,
    with_seconds: bool,
    current: bool,
    key: str = "",
    moment: str = "",
) -> RoomItem:
    details: tuple[tuple[str, str], ...] = ()
    if current:
        details = (
            ("What was known then", ctx.text(event.known, f"{key}.known") or "…"),
            ("Signals visible then", ctx.text(event.signals, f"{key}.signals") or "…"),
        )
    return RoomItem(
        text=ctx.text(event.text, f"{key}.text") or "…",
        lead=_clock(at, with_day, with_seconds) if at else "time?",
        meta=moment,
        state="current" if current else "",
        details=details,
    )


def _lines(
    heading: str,
    values: list[str],
    ctx: _Context,
    field: str = "",
    keys: Sequence[str] = (),
    empty: str = "",
) -> RoomSection:
    """One item per value; ``field`` names list items "field[i]", or ``keys`` gives each key."""
    names = list(keys) or [f"{field}[{i}]" if field else "" for i in range(len(values))]
    items = tuple(RoomItem(ctx.text(v, k)) for v, k in zip(values, names, strict=True) if v.strip())
    return RoomSection(heading, items, empty or "Nothing yet.")


def _paragraph(heading: str, value: str, ctx: _Context, field: str = "") -> RoomSection:
    return _lines(heading, [value], ctx, keys=[field])


def _details(ctx: _Context) -> list[RoomSection]:
    d = ctx.debrief
    meta = "  ·  ".join(v for v in (d.incident.strip(), d.severity or "") if v)
    items = (RoomItem(ctx.text(d.title), meta=meta),) if d.title.strip() or meta else ()
    return [RoomSection("The incident", items, "Not named yet.")]


def _participants(ctx: _Context) -> list[RoomSection]:
    people = ctx.debrief.participants
    items = tuple(
        RoomItem(public_name(p, label, ctx.options.names_as_roles))
        for p, label in zip(people, ctx.mask.labels, strict=True)
        if p.name.strip() or p.role.strip()
    )
    return [RoomSection("Who is here", items, "Nobody listed yet.")]


def _timing(part: str, ctx: _Context) -> list[RoomSection]:
    question = getattr(ctx.debrief, part)
    measure = detection_check if part == "detection" else fix_check
    check: TargetCheck = measure(ctx.debrief)
    what = "Time to detect" if part == "detection" else "Time to fix"
    if check.met is None:
        verdict = "mark the moments on the timeline to measure it"
    else:
        verdict = "within the target" if check.met else "over the target"
    measured = RoomItem(
        what,
        lead=format_duration(check.measured),
        meta=f"Target {format_target(check.target_minutes)}  ·  {verdict}",
    )
    answer = RoomItem(ANSWERS[question.answer], meta=ctx.text(question.notes, f"{part}.notes"))
    target = check.target_minutes
    heading = "The team's answer"
    if target is not None:
        goal = "automatically" if target == 0 else f"within {format_target(target)}"
        verb = "detected" if part == "detection" else "fixed"
        heading = f"Could we have {verb} it {goal}? The team's answer"
    return [RoomSection("Measured", (measured,)), RoomSection(heading, (answer,))]


def _factors(ctx: _Context) -> list[RoomSection]:
    sections = []
    factors = list(enumerate(ctx.debrief.contributing_factors))
    for kind, heading in FACTOR_HEADINGS.items():
        chosen = [(i, f.text) for i, f in factors if f.kind == kind]
        if any(t.strip() for _i, t in chosen):
            keys = [f"contributing_factors[{i}].text" for i, _t in chosen]
            sections.append(_lines(heading, [t for _i, t in chosen], ctx, keys=keys))
    return sections or [RoomSection("Contributing factors", (), "None named yet.")]


def _actions(ctx: _Context) -> list[RoomSection]:
    items = []
    for index, action in enumerate(ctx.debrief.action_items):
        if not action.title.strip():
            continue
        owner = ctx.text(action.owner) or "no owner yet"
        due = f"due {action.due:%d %b %Y}" if action.due else "no due date"
        meta = "  ·  ".join(v for v in (owner, due, action.priority or "") if v)
        items.append(RoomItem(ctx.text(action.title, f"action_items[{index}].title"), meta=meta))
    return [RoomSection("Action items", tuple(items), "None agreed yet.")]


def _classification(ctx: _Context) -> list[RoomSection]:
    d = ctx.debrief
    rows = (
        ("Severity", d.severity or ""),
        ("Services", ", ".join(s for s in d.services if s.strip())),
        ("Primary cause", ctx.text(d.primary_cause, "primary_cause")),
        ("Tags", ", ".join(t for t in d.tags if t.strip())),
    )
    items = tuple(RoomItem(value or "—", lead=label) for label, value in rows)
    return [RoomSection("Classification", items)]


def _checkpoint(ctx: _Context) -> list[RoomSection]:
    when = ctx.debrief.checkpoint_at
    items = (RoomItem(f"{when:%A %d %B %Y}"),) if when else ()
    return [RoomSection("Checkpoint on the action items", items, "No date yet.")]


def _links(ctx: _Context) -> list[RoomSection]:
    items = tuple(
        RoomItem(ctx.text(link.label) or link.url.strip(), meta=link.url.strip())
        for link in ctx.debrief.links
        if link.label.strip() or link.url.strip()
    )
    return [RoomSection("Supporting links", items, "None yet.")]


def _review(ctx: _Context) -> list[RoomSection]:
    d = ctx.debrief
    status = REVIEW_LABELS.get(d.review_status) if d.review_status else None
    rows = [
        RoomItem(ctx.text(d.owner) or "—", lead="Owner"),
        RoomItem(status or "Not reviewed yet", lead="Review"),
    ]
    for reviewer in d.reviewers:
        if reviewer.name.strip():
            signed = "signed off" if reviewer.signed else "not signed off yet"
            rows.append(RoomItem(ctx.text(reviewer.name), lead="Reviewer", meta=signed))
    return [RoomSection("The written report", tuple(rows))]


_SECTIONS = {
    "details": _details,
    "purpose": lambda c: [_paragraph("Why we are here", c.debrief.purpose, c, "purpose")],
    "ground_rules": lambda c: [_lines("Ground rules", list(c.ground_rules), c)],
    "participants": _participants,
    "timeline": _timeline,
    "response": lambda c: [_paragraph("What we did", c.debrief.response, c, "response")],
    "impact": lambda c: [_paragraph("Impact", c.debrief.impact, c, "impact")],
    "detection": lambda c: _timing("detection", c),
    "fix": lambda c: _timing("fix", c),
    "contributing_factors": _factors,
    "went_wrong": lambda c: [
        _lines("What went wrong", texts(c.debrief.went_wrong), c, "went_wrong")
    ],
    "went_right": lambda c: [
        _lines("What went right", texts(c.debrief.went_right), c, "went_right")
    ],
    "got_lucky": lambda c: [
        _lines("Where we got lucky", texts(c.debrief.got_lucky), c, "got_lucky")
    ],
    "learnings": lambda c: [_lines("Key learnings", texts(c.debrief.learnings), c, "learnings")],
    "action_items": _actions,
    "classification": _classification,
    "summary": lambda c: [_paragraph("Summary", c.debrief.summary, c, "summary")],
    "checkpoint": _checkpoint,
    "links": _links,
    "review": _review,
}


def visible_content(
    debrief: Debrief | None,
    phase: Phase,
    options: RoomOptions,
    *,
    position: tuple[int, int] = (0, 1),
    ground_rules: tuple[str, ...] = (),
    replay: ReplayState | None = None,
    question_index: int = 0,
    held: Held | None = None,
    focus: str = "",
) -> RoomView:
    """Build what the room sees for ``phase`` of ``debrief``; private fields are never read.

    ``position`` is (phase index, phase count). ``replay`` applies only to phases
    that edit the timeline. ``question_index`` picks which of the phase's questions
    is on screen (it wraps around). ``held`` names the spans still being reframed.
    ``focus`` is the uid of the event the facilitator has selected: a long timeline
    shows the events around it.
    """
    index, count = position
    counter = f"Phase {index + 1} of {count}"
    question = phase.questions[question_index % len(phase.questions)] if phase.questions else ""
    if debrief is None:
        return RoomView(counter, phase.title, question)
    state = replay or ReplayState()
    in_replay = state.active and "timeline" in phase.edits
    ctx = _Context(
        debrief,
        NameMask.build(debrief.participants, options.names_as_roles),
        options,
        ground_rules,
        state if in_replay else ReplayState(),
        held,
        focus,
    )
    sections: list[RoomSection] = []
    for part in phase.edits:
        sections.extend(_SECTIONS[part](ctx))
    replay_text = ""
    if in_replay:
        total = len(debrief.timeline)
        replay_text = f"Replay: event {ctx.replay.revealed(total)} of {total}"
    return RoomView(counter, phase.title, question, tuple(sections), replay_text)
