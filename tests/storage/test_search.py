"""Full-text search on SQLite FTS5 and PostgreSQL tsvector: the same answers on both."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text

from facilitator.domain.model import (
    ActionItem,
    ActionStatus,
    ContributingFactor,
    Debrief,
    FactorKind,
    Status,
    TimelineEvent,
)
from facilitator.library.query import QueryError
from facilitator.storage import DebriefService
from facilitator.storage.search import parse_marked

from support.samples import sample_debrief

UTC2 = timezone(timedelta(hours=2))


def _library(service: DebriefService) -> dict[str, Debrief]:
    made = {
        "pool": Debrief(
            title="Checkout errors",
            severity="SEV2",
            status=Status.PUBLISHED,
            summary="The payment connection pool ran dry during the evening peak.",
            services=["payments-api"],
            tags=["capacity"],
            primary_cause="Scaling limit",
            owner="Ada Okafor",
            started_at=datetime(2026, 7, 3, 19, 5, tzinfo=UTC2),
        ),
        "dns": Debrief(
            title="Name resolution failures",
            severity="SEV1",
            summary="Resolvers stopped answering after a config push.",
            services=["Edge DNS"],
            tags=["config"],
            primary_cause="config change",
            started_at=datetime(2026, 8, 11, 2, 40, tzinfo=UTC2),
            timeline=[TimelineEvent(text="Rollback of the resolver flag restored answers")],
        ),
        "deploy": Debrief(
            title="Search results empty",
            severity="SEV2",
            services=["Payments API"],
            primary_cause="Deployment regression",
            started_at=datetime(2026, 9, 20, 14, 0, tzinfo=UTC2),
            action_items=[ActionItem("Add a canary stage for the indexer", owner="Ravi")],
            contributing_factors=[
                ContributingFactor("Tests bypassed by a manual override", FactorKind.PROCESS)
            ],
        ),
    }
    for debrief in made.values():
        service.save(debrief)
    return made


def _ids(service: DebriefService, query: str) -> list[str]:
    return [hit.id for hit in service.search(query, limit=50).hits]


def test_words_phrases_and_exclusions(db_url: str) -> None:
    with DebriefService(db_url) as service:
        d = _library(service)
        assert _ids(service, "pool") == [d["pool"].id]
        assert _ids(service, '"connection pool"') == [d["pool"].id]
        assert _ids(service, '"pool connection"') == []
        assert set(_ids(service, "rollback OR canary")) == {d["dns"].id, d["deploy"].id}
        assert set(_ids(service, "-pool")) == {d["dns"].id, d["deploy"].id}
        assert _ids(service, "canar*") == [d["deploy"].id]
        # Words may sit in different fields of one debrief.
        assert _ids(service, "resolver answering") == [d["dns"].id]
        # A word and an excluded word, or two excluded words, each keep their own value.
        assert set(_ids(service, "payment* -pool")) == {d["deploy"].id}
        assert _ids(service, "-pool -canary") == [d["dns"].id]
        facts = service.facts("payment* -pool", parts=())
        assert [f.id for f in facts] == [d["deploy"].id]


def test_hits_name_the_field_and_highlight_the_words(db_url: str) -> None:
    with DebriefService(db_url) as service:
        d = _library(service)
        (hit,) = service.search("canary").hits
        assert hit.id == d["deploy"].id and hit.field == "action items"
        assert hit.title == "Search results empty" and hit.severity == "SEV2"
        marked = [hit.snippet[a:b] for a, b in hit.highlights]
        assert [m.lower() for m in marked] == ["canary"]
        (hit,) = service.search("override").hits
        assert hit.field == "contributing factors"
        (hit,) = service.search("resolver flag").hits
        assert hit.field in {"summary", "timeline"}
        assert "\x02" not in hit.snippet and "\n" not in hit.snippet


def test_ranking_prefers_the_title(db_url: str) -> None:
    with DebriefService(db_url) as service:
        service.save(Debrief(title="Unrelated", summary="The search page was slow for a while."))
        d = _library(service)
        hits = service.search("search").hits
        assert hits[0].id == d["deploy"].id
        assert hits[0].score >= hits[1].score


def test_filters(db_url: str) -> None:
    with DebriefService(db_url) as service:
        d = _library(service)
        assert set(_ids(service, "severity:Sev-2")) == {d["pool"].id, d["deploy"].id}
        assert set(_ids(service, "service:payments")) == {d["pool"].id, d["deploy"].id}
        assert set(_ids(service, 'service:"Payments API"')) == {d["pool"].id, d["deploy"].id}
        assert _ids(service, 'cause:"configuration change"') == [d["dns"].id]
        assert _ids(service, "tag:CONFIG") == [d["dns"].id]
        assert set(_ids(service, "-tag:config")) == {d["pool"].id, d["deploy"].id}
        assert _ids(service, "owner:ravi") == [d["deploy"].id]
        assert _ids(service, "owner:ada") == [d["pool"].id]
        assert _ids(service, "status:published") == [d["pool"].id]
        assert _ids(service, "after:2026-08 before:2026-09") == [d["dns"].id]
        assert _ids(service, "after:2026-09-20") == [d["deploy"].id]
        # Filters alone list the newest incidents first.
        assert _ids(service, "severity:SEV2") == [d["deploy"].id, d["pool"].id]
        page = service.search("severity:SEV2 payments", limit=1)
        assert page.total == 2 and len(page.hits) == 1


def test_edits_deletes_and_children_keep_the_index_in_step(db_url: str) -> None:
    with DebriefService(db_url) as service:
        debrief = sample_debrief()
        service.save(debrief)
        assert _ids(service, "gateway") == [debrief.id]
        debrief.timeline[0].text = "A zebra crossed the datacentre"
        service.save(debrief)
        assert _ids(service, "zebra") == [debrief.id]
        debrief.action_items.append(
            ActionItem("Teach the walrus to page", status=ActionStatus.OPEN)
        )
        service.save(debrief)
        assert _ids(service, "walrus") == [debrief.id]
        debrief.timeline.clear()
        service.save(debrief)
        assert _ids(service, "zebra") == []
        service.delete(debrief.id)
        assert _ids(service, "walrus") == []


def test_writes_from_outside_the_service_are_picked_up(db_url: str) -> None:
    with DebriefService(db_url) as service:
        debrief = service.create("Plain title")
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text("update debriefs set summary = 'okapi sighting' where id = :i"), {"i": debrief.id}
        )
    engine.dispose()
    with DebriefService(db_url) as service:
        assert _ids(service, "okapi") == [debrief.id]


def test_rebuild_reindexes_everything(db_url: str) -> None:
    with DebriefService(db_url) as service:
        _library(service)
        assert service.rebuild_search_index() == 3
        assert len(_ids(service, "severity:SEV2")) == 2
        assert len(_ids(service, "pool")) == 1


@pytest.mark.parametrize(
    "query",
    ['"', "colour:red", "severity:SEV9", "after:soon", "OR", 'a "b'],
)
def test_malformed_queries_raise_a_hint_not_sql(db_url: str, query: str) -> None:
    with DebriefService(db_url) as service, pytest.raises(QueryError):
        service.search(query)


@pytest.mark.parametrize(
    "query",
    [
        "AND",
        "NOT OR NEAR",
        '""',
        "a:b://x",
        "'; drop table debriefs; --",
        "col:*",
        "100%",
        "^start",
        "*",
        "üñîçødé",
        '"NEAR(a b)"',
        "title:(x)",
    ],
)
def test_odd_queries_never_reach_the_user_as_errors(db_url: str, query: str) -> None:
    with DebriefService(db_url) as service:
        service.create("x")
        with contextlib.suppress(QueryError):
            service.search(query)
        assert len(service.list()) == 1


def test_parse_marked_collapses_space_and_keeps_spans() -> None:
    assert parse_marked("a\n  \x02big\x03   dog\x02s\x03") == ("a big dogs", ((2, 5), (9, 10)))
    assert parse_marked("\x02connection\x03 \x02pool\x03 ran") == (
        "connection pool ran",
        ((0, 15),),
    )
