"""Guessing what kind of timeline event a message is, from its words.

The guess is a starting point the user can change in the picker. Structured
sources (a PagerDuty resolve entry, an Opsgenie "closed" log) say what they are
and pass a ``hint``; chat is read for the phrases responders use. A question
("is it resolved?") or a negation ("not mitigated yet") is not a moment.
"""

from __future__ import annotations

import re

from facilitator.domain.model import EventKind

# Strongest first: a message that says "rolled back, resolved" marks the resolution.
_RULES: tuple[tuple[EventKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            EventKind.RESOLUTION,
            r"\[resolved\b|\bresolved\b|\bresolve entry\b|\ball clear\b|\bback to normal\b"
            r"|\bfully recovered\b|\bincident (?:is )?closed\b|\bclosing (?:the )?incident\b"
            r"|\balert (?:was )?closed\b|\bclosed the (?:incident|alert)\b",
        ),
        (
            EventKind.MITIGATION,
            r"\brolled back\b|\brollback (?:is )?(?:done|complete|finished)\b|\bmitigat(?:ed|ion)\b"
            r"|\breverted\b|\bfailed over\b|\bfailover (?:is )?(?:done|complete)\b"
            r"|\b(?:errors?|error rate|latency) (?:is |are )?(?:dropping|recovering|back down)\b",
        ),
        (
            EventKind.ESCALATION,
            r"\backnowledged\b|\back(?:ed|'d)\b|\bpag(?:ed|ing)\b|\bpage (?:sent|out)\b"
            r"|\bescalat(?:ed|ing|ion)\b|\bnotified\b|\bdeclar(?:ed|ing) (?:an |the )?incident\b"
            r"|\bincident commander\b|\bassigned to\b|\bcalling in\b",
        ),
        (
            EventKind.DETECTION,
            r"\[firing\b|\balert(?:s|ing)? (?:is |are )?(?:firing|fired|triggered)\b"
            r"|\btriggered\b|\balert created\b|\balarm\b|\bmonitor (?:is )?(?:down|alerting)\b"
            r"|\bis down\b|\bnoticed\b|\bseeing (?:errors|timeouts|5\d\d)\b"
            r"|\bcustomers? (?:are )?report",
        ),
        (
            EventKind.ACTION,
            r"\brolling back\b|\brestart(?:ing|ed)\b|\bdeploy(?:ing|ed)\b"
            r"|\bscal(?:ing|ed) (?:up|out)\b|\bfailing over\b|\bdisabl(?:ing|ed)\b"
            r"|\bflipp(?:ing|ed)\b|\bpushing\b|\brunning\b",
        ),
    )
)
_NEGATION = re.compile(r"\b(?:not|no|never|isn't|wasn't|aren't|hasn't|haven't|didn't|nor)\W+"
                       r"(?:\w+\W+){0,2}\Z", re.IGNORECASE)  # fmt: skip


def guess_kind(text: str, hint: EventKind | None = None) -> EventKind:
    """Return the kind ``text`` most likely marks; ``hint`` (from a structured source) wins."""
    if hint is not None:
        return hint
    stripped = text.strip()
    if not stripped:
        return EventKind.NOTE
    question = stripped.endswith("?")
    for kind, pattern in _RULES:
        for match in pattern.finditer(stripped):
            if _NEGATION.search(stripped[: match.start()]):
                continue
            if question and kind is not EventKind.DETECTION:
                # "did the rollback finish?" asks about a moment; it does not mark one.
                return EventKind.NOTE
            return kind
    return EventKind.NOTE
