"""A rich sample debrief for export tests, and a big one for the benchmark."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    EventKind,
    FactorKind,
    Link,
    Participant,
    Priority,
    Reviewer,
    ReviewStatus,
    Status,
    TimelineEvent,
    TimingQuestion,
)

START = datetime(2025, 3, 4, 22, 41, tzinfo=UTC)


def _at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def rich_debrief() -> Debrief:
    """A published debrief with every section filled, spanning midnight in Berlin."""
    return Debrief(
        id="d-1429",
        title="Payments API timed out for EU card checkouts",
        incident="INC-1429",
        severity="SEV2",
        status=Status.PUBLISHED,
        facilitator="Ana Pereira",
        purpose="Learn how card checkouts stalled and what would let us spot it sooner.",
        summary=(
            "A change to the card processor's TLS endpoint made every third request hang "
            "until the 30 s client timeout.\nCheckouts in the EU slowed, then failed."
        ),
        impact="About 4,100 checkouts failed over 47 minutes; no payments were taken twice.",
        response=(
            "The on-call engineer moved EU traffic to the secondary processor, then the team "
            "raised the pool size and lowered the client timeout."
        ),
        started_at=_at(0),
        detected_at=_at(12),
        mitigated_at=_at(31),
        resolved_at=_at(47),
        detection=TimingQuestion(
            5.0, Answer.YES, "An alert on p99 latency would have fired at 3 min."
        ),
        fix=TimingQuestion(10.0, Answer.NO, "Failover needed a manual config push."),
        meeting_at=datetime(2025, 3, 6, 14, 0, tzinfo=UTC),
        checkpoint_at=date(2025, 3, 20),
        timezone="Europe/Berlin",
        participants=[
            Participant("Ana Pereira", "Facilitator"),
            Participant("Bo Lindqvist", "Incident commander"),
            Participant("Chidi Okafor", "On-call engineer"),
            Participant("Dana Levi", "On-call engineer"),
            Participant("Eli Moreau", ""),
        ],
        timeline=[
            TimelineEvent(_at(0), EventKind.TRIGGER, "Processor rotates its TLS endpoint."),
            TimelineEvent(_at(12), EventKind.DETECTION, "Support reports slow EU checkouts."),
            TimelineEvent(_at(15), EventKind.ESCALATION, "Incident declared, SEV2."),
            TimelineEvent(_at(24), EventKind.ACTION, "Connection pool graphs show exhaustion."),
            TimelineEvent(_at(31), EventKind.MITIGATION, "EU traffic moved to the secondary."),
            TimelineEvent(_at(47), EventKind.RESOLUTION, "Error rate back to baseline."),
        ],
        went_wrong=[
            "No alert on checkout latency, only on error rate.",
            "The failover runbook named a config flag that no longer exists.",
        ],
        went_right=["The secondary processor took the full EU load without trouble."],
        got_lucky=["The spike came after the evening peak, when traffic was already falling."],
        contributing_factors=[
            ContributingFactor("Client timeout of 30 s held connections.", FactorKind.TECHNICAL),
            ContributingFactor("Runbook not reviewed since the migration.", FactorKind.PROCESS),
            ContributingFactor("Pool size fixed at 20.", FactorKind.TECHNICAL),
            ContributingFactor("On-call was covering two rotations.", FactorKind.HUMAN),
        ],
        learnings=[
            "Alert on latency of the user journey, not only on errors.",
            "A runbook is only as good as its last rehearsal.",
            "Timeouts shorter than the user's patience keep pools healthy.",
        ],
        action_items=[
            ActionItem(
                "Add a p99 latency alert on checkout",
                "Chidi Okafor",
                Priority.P1,
                date(2025, 3, 13),
                "https://tracker.example.com/browse/PAY-311",
                ActionStatus.IN_PROGRESS,
                ActionKind.DETECT,
            ),
            ActionItem(
                "Rehearse processor failover monthly",
                "Bo Lindqvist",
                Priority.P2,
                date(2025, 3, 27),
                "PAY-312",
                ActionStatus.OPEN,
                ActionKind.MITIGATE,
            ),
            ActionItem(
                "Lower the client timeout to 5 s",
                "Dana Levi",
                Priority.P2,
                None,
                "https://tracker.example.com/browse/PAY-313",
                ActionStatus.DONE,
                ActionKind.PREVENT,
            ),
        ],
        services=["Payments API", "Checkout"],
        tags=["payments", "3rd-party", "timeout", "failover"],
        primary_cause="External dependency change",
        links=[
            Link("Checkout latency dashboard", "https://grafana.example.com/d/checkout"),
            Link("Incident channel", "https://chat.example.com/archives/C0INC1429"),
            Link("Processor status page", "https://status.processor.example/incidents/88"),
        ],
        owner="Bo Lindqvist",
        review_status=ReviewStatus.REVIEWED,
        reviewers=[
            Reviewer("Farah Haddad", "Head of payments", date(2025, 3, 10), True),
            Reviewer("Gus Novak", "SRE lead", date(2025, 3, 11), False),
        ],
    )


_WHO = ("The on-call engineer", "The incident commander", "Support", "The payments team", "SRE")
_DID = (
    "checked the connection pool graphs for",
    "restarted one worker of",
    "posted a status update about",
    "compared the error budget of",
    "rolled the canary back on",
    "paged the database owner about",
)
_WHAT = ("the EU card gateway", "the checkout API", "the retry queue", "the processor client")


def _kind_at(i: int, events: int) -> EventKind:
    marks = {0: EventKind.TRIGGER, 3: EventKind.DETECTION, events - 1: EventKind.RESOLUTION}
    if i in marks:
        return marks[i]
    if i in (events // 2, events * 3 // 4):
        return EventKind.MITIGATION
    return (
        EventKind.ESCALATION
        if i % 150 == 7
        else (EventKind.NOTE if i % 5 == 0 else EventKind.ACTION)
    )


def big_debrief(events: int = 500, actions: int = 100) -> Debrief:
    """A long incident: a realistic mix of event kinds, a few starred, varied prose."""
    debrief = rich_debrief()
    debrief.timeline = [
        TimelineEvent(
            _at(i * 1.5),
            _kind_at(i, events),
            f"{_WHO[i % 5]} {_DID[i % 6]} {_WHAT[i % 4]} (event {i + 1}).",
            starred=i % 125 == 60,
        )
        for i in range(events)
    ]
    debrief.started_at = debrief.timeline[0].at
    debrief.detected_at = debrief.timeline[3].at
    debrief.mitigated_at = debrief.timeline[events // 2].at
    debrief.resolved_at = debrief.timeline[-1].at
    debrief.action_items = [
        ActionItem(
            f"Follow-up {i + 1}: tighten the alert threshold for service {i % 9}",
            f"Owner {i % 7}",
            list(Priority)[i % 4],
            date(2025, 3, 10) + timedelta(days=i % 40),
            f"https://tracker.example.com/browse/OPS-{1000 + i}",
            list(ActionStatus)[i % 4],
            list(ActionKind)[i % 4],
        )
        for i in range(actions)
    ]
    return debrief


def headings(document: DocxDocument, level: int = 1) -> list[str]:
    """The texts of the document's headings at ``level``, in order."""
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def open_docx(path: Path) -> DocxDocument:
    """Read a produced file back."""
    return docx.Document(str(path))


def table_after(document: DocxDocument, heading: str) -> DocxTable:
    """The first table after the Heading 1 called ``heading``."""
    body = document.element.body
    seen = False
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = DocxParagraph(element, document._body)
            if paragraph.style.name == "Heading 1":
                if seen:
                    break
                seen = paragraph.text == heading
        elif element.tag == qn("w:tbl") and seen:
            return DocxTable(element, document._body)
    raise LookupError(f"no table under {heading!r}")


def cell_texts(table: DocxTable) -> list[list[str]]:
    """The text of every cell, row by row."""
    return [[c.text for c in row.cells] for row in table.rows]
