"""A realistic debrief used across tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    EventKind,
    FactorKind,
    IgnoredFinding,
    Link,
    Participant,
    Priority,
    Reviewer,
    ReviewStatus,
    Status,
    TimelineEvent,
    TimingQuestion,
)

CET = timezone(timedelta(hours=1))


def at(hour: int, minute: int, day: int = 14) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=CET)


def sample_debrief() -> Debrief:
    """A checkout outage with every part filled."""
    return Debrief(
        id="5f0c2b8e-3a1d-4c2e-9b7a-2d4f6e8a1c3b",
        title="Checkout errors after payment gateway deploy",
        incident="INC-2041",
        severity="SEV2",
        status=Status.IN_MEETING,
        facilitator="Maya Chen",
        purpose="Understand how the checkout outage unfolded and what would make the next smaller.",
        summary="A configuration change cut the payment pool to two connections.",
        impact="About 18% of checkouts failed for 47 minutes; 1,900 customers saw an error page.",
        response="Rolled back the gateway config, then raised the pool size.",
        started_at=at(23, 40, 13),
        detected_at=at(0, 2),
        mitigated_at=at(0, 21),
        resolved_at=at(0, 27),
        detection=TimingQuestion(
            5, Answer.NO, "Alert fired on error ratio, not on pool saturation."
        ),
        fix=TimingQuestion(10, Answer.NO, "Rollback needed a manual approval at night."),
        meeting_at=at(10, 0, 16),
        checkpoint_at=date(2026, 3, 30),
        timezone="Europe/Berlin",
        participants=[
            Participant("Maya Chen", "Facilitator"),
            Participant("Ravi Patel", "Incident commander"),
            Participant("Ada Okafor", "Responder"),
        ],
        timeline=[
            TimelineEvent(at(23, 40, 13), EventKind.TRIGGER, "Gateway config v42 rolled out."),
            TimelineEvent(at(0, 2), EventKind.DETECTION, "Error-ratio alert paged on-call."),
            TimelineEvent(
                at(0, 9),
                EventKind.ESCALATION,
                "Incident declared, SEV2.",
                starred=True,
                source="slack:export.zip#C024BE91L/1773443340.000200",
            ),
            TimelineEvent(at(0, 21), EventKind.MITIGATION, "Config v41 restored.", "pool", "graph"),
            TimelineEvent(at(0, 27), EventKind.RESOLUTION, "Error rate back to baseline."),
        ],
        went_wrong=["The pool size change was not visible in the deploy diff."],
        went_right=["Rollback worked first time.", "Support posted a status update quickly."],
        got_lucky=["The deploy happened after the evening peak."],
        contributing_factors=[
            ContributingFactor(
                "Config validation does not check pool limits.", FactorKind.TECHNICAL
            ),
            ContributingFactor("Night rollbacks need a second approver.", FactorKind.PROCESS),
            ContributingFactor("On-call had been paged four times that night.", FactorKind.HUMAN),
        ],
        learnings=[
            "Pool limits belong in config validation, not in reviewers' heads.",
            "Alert on saturation, not only on errors.",
            "Night rollbacks should be one click.",
        ],
        action_items=[
            ActionItem(
                "Validate pool limits in CI",
                "Ada Okafor",
                Priority.P1,
                date(2026, 3, 27),
                "https://tracker.example.com/OPS-101",
                ActionStatus.OPEN,
                ActionKind.PREVENT,
                "contributing_factors[0]",
            ),
            ActionItem(
                "Saturation alert on payment pool",
                "Ravi Patel",
                Priority.P2,
                date(2026, 3, 30),
                "OPS-102",
                ActionStatus.IN_PROGRESS,
                ActionKind.DETECT,
                "detection",
            ),
        ],
        services=["checkout", "payment-gateway"],
        tags=["config", "database-pool"],
        primary_cause="Configuration change",
        links=[Link("Checkout dashboard", "https://grafana.example.com/d/checkout")],
        owner="Ravi Patel",
        review_status=ReviewStatus.IN_REVIEW,
        reviewers=[Reviewer("Lin Wu", "Engineering manager", date(2026, 3, 18), True)],
        private_notes="Ask Ravi about the pager load afterwards.",
        parking_lot=["Is the approval rule still needed?"],
        ignored_findings=[IgnoredFinding("modal-have", "summary", "should have")],
        created_at=at(9, 0, 16),
        updated_at=at(11, 30, 16),
    )


_PROSE = (
    "the checkout service returned errors while the pool was saturated and the alert fired on "
    "the error ratio so the on call engineer opened the dashboard checked the deploy log rolled "
    "back the config and watched the latency recover for customers in europe"
)
WORDS = _PROSE.split(" ")


def big_debrief(events: int = 300, actions: int = 60, seed: int = 7) -> Debrief:
    """The sample debrief with many events and action items of realistic, varied length."""
    import random

    from facilitator.domain.model import new_id

    rng = random.Random(seed)
    debrief = sample_debrief()
    debrief.id = new_id()
    start = at(23, 0, 13)

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()

    timeline = [
        TimelineEvent(
            start + timedelta(seconds=20 * i),
            rng.choice(list(EventKind)),
            sentence(3, 30) + ".",
            starred=rng.random() < 0.05,
            source=f"slack:export.zip#C1/{i}" if rng.random() < 0.3 else "",
        )
        for i in range(events)
    ]
    timeline[0].kind = EventKind.TRIGGER
    debrief.started_at = timeline[0].at
    debrief.detected_at = debrief.mitigated_at = debrief.resolved_at = None
    debrief.timeline = timeline
    debrief.action_items = [
        ActionItem(
            sentence(2, 14),
            rng.choice(["Ada Okafor", "Ravi Patel", ""]),
            rng.choice(list(Priority)),
            date(2026, 4, rng.randint(1, 28)),
            f"OPS-{100 + i}",
            rng.choice(list(ActionStatus)),
            rng.choice(list(ActionKind)),
            rng.choice(["detection", "fix", "contributing_factors[0]", ""]),
        )
        for i in range(actions)
    ]
    return debrief
