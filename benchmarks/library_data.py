"""A generated incident library with realistic text and realistic patterns.

Seeded, so every run builds the same library. The patterns are the ones a
library is meant to reveal: scaling limits cluster at the lunch and evening
peaks, deployment regressions at weekday working hours, detection improves
over the years, and November 2026 is a busy month of about 300 incidents.
Spellings vary the way people type ("payments-api", "Payments API").

Run ``python benchmarks/library_data.py --db URL --count 10000`` to fill a database.
"""

# ruff: noqa: E501  (sentence templates read better on one line)
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta, timezone

from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    EventKind,
    FactorKind,
    Participant,
    Priority,
    Status,
    TimelineEvent,
    TimingQuestion,
)

SERVICES = {
    "payments-api": ["payments-api", "Payments API", "payments api"],
    "checkout": ["Checkout Flow", "checkout", "checkout-web"],
    "auth": ["Auth Service", "auth-service", "auth"],
    "notifications": ["Notification Pipeline", "notifications"],
    "search": ["search-indexer", "Search Indexer"],
    "orders-db": ["orders-db", "Orders DB", "Database Cluster (EU)"],
    "edge": ["Edge DNS", "edge-dns", "CDN edge"],
    "admin": ["Internal Admin Panel", "admin-panel"],
    "devops": ["DevOps Tooling", "ci-runners", "deploy pipeline"],
    "inventory": ["inventory-service", "Inventory"],
    "mobile-api": ["mobile-api", "Mobile API"],
    "billing": ["billing-jobs", "Billing"],
}
SERVICE_WEIGHTS = [14, 12, 10, 8, 7, 9, 6, 4, 6, 8, 9, 7]
CAUSES = [
    ("Deployment regression", ["Deployment regression", "deployment regression", "bad deploy"], 24),
    ("Configuration change", ["Configuration change", "config change", "Misconfiguration"], 22),
    ("External dependency failure", ["External dependency failure", "third-party failure"], 15),
    ("Scaling limit", ["Scaling limit", "Scaling limit exceeded", "capacity"], 13),
    ("Software bug", ["Software bug", "bug"], 14),
    ("Access policy", ["Misconfigured IAM policy", "Access policy"], 6),
    ("Hardware failure", ["Hardware failure", "disk failure"], 6),
]
TAGS = {
    "Deployment regression": ["deploy", "release-risk", "testing-bypassed", "rollback", "canary"],
    "Configuration change": ["config", "no-rollback", "feature-flag", "review-missing"],
    "External dependency failure": ["3rd-party", "timeout", "failover", "vendor"],
    "Scaling limit": ["scaling", "capacity", "peak-traffic", "monitoring-gap", "load-test"],
    "Software bug": ["bug", "QA-missing", "hotfix", "edge-case"],
    "Access policy": ["permissions", "terraform", "iam", "review-missing"],
    "Hardware failure": ["hardware", "redundancy", "alerting", "db"],
}
PEOPLE = [
    "Ada Okafor", "Ravi Patel", "Maya Chen", "Jonas Berg", "Lucia Romero", "Tomás Novak",
    "Priya Nair", "Sam Whitfield", "Keiko Sato", "Omar Haddad", "Ines Duarte", "Felix Wagner",
]  # fmt: skip
ROLES = ["Incident commander", "Responder", "On-call engineer", "Support lead", "Scribe"]
ZONES = [timezone(timedelta(hours=1)), timezone(timedelta(hours=2)), UTC]

SUMMARIES = {
    "Deployment regression": "Release {ver} of {svc} changed how {thing} behaved, and {effect} until it was rolled back.",
    "Configuration change": "A change to the {thing} settings of {svc} went out at once to every region, and {effect}.",
    "External dependency failure": "Our {vendor} provider slowed down and {svc} kept waiting on it, so {effect}.",
    "Scaling limit": "Traffic at the {peak} peak went past what {svc} could take: the {thing} filled up and {effect}.",
    "Software bug": "A defect in how {svc} handled {thing} surfaced under an unusual input, and {effect}.",
    "Access policy": "A policy update removed a permission {svc} needed to reach {thing}, so {effect}.",
    "Hardware failure": "A {hw} failed in the {region} data centre; {svc} failed over slowly and {effect}.",
}  # fmt: skip
THINGS = ["connection pool", "retry budget", "session cache", "queue consumers", "rate limiter",
          "TLS certificates", "search shards", "worker threads", "DNS resolvers", "batch window"]  # fmt: skip
EFFECTS = ["a share of customers saw errors", "checkouts failed intermittently",
           "requests timed out for about half an hour", "notifications arrived hours late",
           "the admin pages stopped loading", "payments were declined by mistake"]  # fmt: skip
TIMELINE = {
    EventKind.TRIGGER: ["{ver} rolled out to production", "Settings change applied to {svc}",
                        "Traffic climbed past the usual {peak} level", "{vendor} latency began rising"],
    EventKind.DETECTION: ["Error-rate alert paged the on-call engineer", "Support reported a spike in tickets",
                          "Synthetic check for {svc} turned red", "Latency dashboard crossed the threshold"],
    EventKind.ESCALATION: ["Incident declared and a commander named", "Database team joined the call",
                           "Status page updated for customers"],
    EventKind.ACTION: ["Compared the last two releases side by side", "Checked the {thing} metrics",
                       "Drained one region to take load off", "Asked {vendor} for their status",
                       "Read the recent change log for {svc}", "Raised the {thing} limit as a test"],
    EventKind.MITIGATION: ["Rolled back to the previous release", "Restored the earlier settings",
                           "Added capacity and the queue began to drain", "Switched traffic to the backup provider"],
    EventKind.RESOLUTION: ["Error rate back to its baseline", "Backlog fully processed", "Monitoring quiet for an hour"],
}  # fmt: skip
FACTORS = {
    FactorKind.TECHNICAL: ["No timeout was set on calls to {vendor}", "The {thing} had no headroom at peak",
                           "Alerts watched errors, not saturation", "Rollback took a manual approval step",
                           "The canary stage was skipped for this service"],
    FactorKind.PROCESS: ["The change skipped peer review during a busy week", "Load tests were not part of the release checklist",
                         "The runbook for {svc} described an older setup", "Tests were bypassed by a manual override"],
    FactorKind.ORGANISATIONAL: ["Ownership of {svc} was unclear after a team change", "Two teams changed {thing} in the same week",
                                "The on-call rota had a gap over the holiday"],
    FactorKind.HUMAN: ["The responder had been paged three times that night", "The dashboards disagreed, which slowed decisions",
                       "High time pressure before a launch"],
}  # fmt: skip
LEARNINGS = ["Saturation tells us sooner than errors do: alert on the {thing}.",
             "A rollback that needs an approval at night is not a rollback.",
             "Release checklists need a load test for services on the checkout path.",
             "Settings changes deserve the same staged rollout as code.",
             "Every call to a provider needs a timeout and a fallback.",
             "Ownership must move with the service when teams change."]  # fmt: skip
ACTIONS = ["Add a saturation alert for the {thing}", "Make rollback one click for {svc}",
           "Add a load test to the release checklist", "Stage settings changes by region",
           "Set timeouts on every {vendor} call", "Write down who owns {svc}",
           "Update the {svc} runbook", "Add a canary stage for {svc}"]  # fmt: skip


def _fill(text: str, rng: random.Random, svc: str) -> str:
    return text.format(
        svc=svc,
        ver=f"v{rng.randint(2, 9)}.{rng.randint(0, 40)}",
        thing=rng.choice(THINGS),
        effect=rng.choice(EFFECTS),
        vendor=rng.choice(["payment gateway", "email", "maps", "SMS", "identity"]),
        peak=rng.choice(["lunchtime", "evening"]),
        hw=rng.choice(["storage controller", "top-of-rack switch", "power supply"]),
        region=rng.choice(["Frankfurt", "Dublin", "Virginia"]),
    )


def _start(rng: random.Random, cause: str, day: date, zone: timezone) -> datetime:
    weekday_bias = day.weekday() < 5
    if cause == "Scaling limit":
        hour = (
            rng.choice([12, 12, 13, 13, 18, 19, 19, 20, 20, 21])
            if rng.random() < 0.8
            else rng.randrange(24)
        )
    elif cause == "Deployment regression":
        hour = rng.randint(10, 16) if rng.random() < 0.85 and weekday_bias else rng.randrange(24)
    elif cause == "Hardware failure":
        hour = rng.randrange(24)
    else:
        hour = rng.randint(8, 19) if rng.random() < 0.7 else rng.randrange(24)
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=zone)


def generate(count: int, seed: int = 15, end: date = date(2026, 11, 30)) -> list[Debrief]:
    """``count`` debriefs over the 40 months to ``end``; November 2026 holds about 300."""
    rng = random.Random(seed)
    busy_month = min(300, count // 10)
    first = date(end.year - 3, end.month, 1)
    span = (date(end.year, end.month, 1) - first).days
    debriefs = []
    for n in range(count):
        if n < busy_month:
            day = date(end.year, end.month, rng.randint(1, end.day))
        else:
            day = first + timedelta(days=rng.randrange(span))
        debriefs.append(_debrief(rng, n, day, end))
    return debriefs


def _debrief(rng: random.Random, n: int, day: date, end: date) -> Debrief:
    cause, spellings, _w = rng.choices(CAUSES, weights=[c[2] for c in CAUSES])[0]
    service_key = rng.choices(list(SERVICES), weights=SERVICE_WEIGHTS)[0]
    if cause == "Scaling limit" and rng.random() < 0.5:
        service_key = rng.choice(["checkout", "payments-api", "notifications"])
    svc = rng.choice(SERVICES[service_key])
    services = [svc] + (
        [rng.choice(SERVICES[rng.choice(list(SERVICES))])] if rng.random() < 0.2 else []
    )
    severity = rng.choices(["SEV1", "SEV2", "SEV3", "SEV4"], weights=[5, 20, 45, 30])[0]
    if cause == "Deployment regression" and rng.random() < 0.15:
        severity = "SEV2"
    zone = rng.choice(ZONES)
    start = _start(rng, cause, day, zone)
    age_years = (end - day).days / 365
    detect = timedelta(minutes=max(0.3, rng.lognormvariate(1.0 + 0.45 * age_years, 0.8)))
    fix = timedelta(minutes=max(0.5, rng.lognormvariate(2.1 + 0.2 * age_years, 0.7)))
    detected, mitigated = start + detect, start + detect + fix
    resolved = mitigated + timedelta(minutes=rng.randint(5, 90))
    meeting = datetime.combine(
        day + timedelta(days=rng.randint(1, 4)), datetime.min.time(), zone
    ) + timedelta(hours=10)
    people = rng.sample(PEOPLE, rng.randint(3, 6))
    events = [
        TimelineEvent(
            start, EventKind.TRIGGER, _fill(rng.choice(TIMELINE[EventKind.TRIGGER]), rng, svc)
        )
    ]
    events.append(
        TimelineEvent(
            detected,
            EventKind.DETECTION,
            _fill(rng.choice(TIMELINE[EventKind.DETECTION]), rng, svc),
        )
    )
    for i in range(rng.randint(3, 18)):
        kind = EventKind.ESCALATION if i == 0 else EventKind.ACTION
        at = detected + (mitigated - detected) * (i + 1) / 20
        events.append(
            TimelineEvent(
                at,
                kind,
                _fill(rng.choice(TIMELINE[kind]), rng, svc),
                known=rng.choice(["", "Only the error graph", "Two alerts, no cause yet"]),
            )
        )
    events.append(
        TimelineEvent(
            mitigated,
            EventKind.MITIGATION,
            _fill(rng.choice(TIMELINE[EventKind.MITIGATION]), rng, svc),
        )
    )
    events.append(
        TimelineEvent(
            resolved,
            EventKind.RESOLUTION,
            _fill(rng.choice(TIMELINE[EventKind.RESOLUTION]), rng, svc),
        )
    )
    kinds = rng.choices(list(FactorKind), weights=[45, 30, 12, 13], k=rng.randint(2, 4))
    factors = [ContributingFactor(_fill(rng.choice(FACTORS[k]), rng, svc), k) for k in kinds]
    actions = []
    for _ in range(rng.randint(2, 5)):
        due = meeting.date() + timedelta(days=rng.randint(7, 60))
        done = rng.random() < min(0.95, 0.25 + 0.6 * age_years)
        closed = min(due + timedelta(days=rng.randint(-10, 30)), end) if done else None
        actions.append(ActionItem(
            _fill(rng.choice(ACTIONS), rng, svc), rng.choice(people), rng.choice(list(Priority)), due,
            f"OPS-{rng.randint(1000, 9999)}", ActionStatus.DONE if done else rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
            rng.choice(list(ActionKind)), closed_on=closed if closed and closed >= meeting.date() else (meeting.date() if done else None),
        ))  # fmt: skip
    return Debrief(
        title=f"{rng.choice(['Errors', 'Slow responses', 'Outage', 'Delays', 'Failures'])} in {svc}",
        incident=f"INC-{1000 + n}",
        severity=severity,
        status=Status.PUBLISHED if rng.random() < 0.85 or age_years > 0.2 else Status.DRAFT,
        facilitator=people[0],
        owner=people[1],
        summary=_fill(SUMMARIES[cause], rng, svc),
        impact=f"About {rng.randint(1, 40)}% of requests to {svc} failed for {int((mitigated - start).total_seconds() // 60)} minutes.",
        response=f"The team {rng.choice(['rolled back', 'added capacity', 'restored settings', 'failed over'])} and watched the graphs recover.",
        started_at=start, detected_at=detected, mitigated_at=mitigated, resolved_at=resolved,
        detection=TimingQuestion(5, rng.choice([Answer.YES, Answer.NO]), ""),
        fix=TimingQuestion(10, rng.choice([Answer.YES, Answer.NO]), ""),
        meeting_at=meeting,
        participants=[Participant(p, rng.choice(ROLES)) for p in people],
        timeline=events,
        went_wrong=[_fill(rng.choice(FACTORS[FactorKind.TECHNICAL]), rng, svc)],
        went_right=["Rollback worked first time." if rng.random() < 0.5 else "Support kept customers informed."],
        contributing_factors=factors,
        learnings=[_fill(t, rng, svc) for t in rng.sample(LEARNINGS, rng.randint(1, 3))],
        action_items=actions,
        services=services,
        tags=rng.sample(TAGS[cause], rng.randint(2, 4)),
        primary_cause=rng.choice(spellings),
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL to fill")
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args(argv)
    from facilitator.storage import DebriefService

    began = time.perf_counter()
    with DebriefService(args.db) as service:
        batch: list[Debrief] = []
        for debrief in generate(args.count):
            batch.append(debrief)
            if len(batch) == 1000:
                service.save_many(batch)
                batch = []
        service.save_many(batch)
    print(
        f"generated {args.count} debriefs in {time.perf_counter() - began:.0f} s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
