"""Pages of search hits are exactly what the straightforward queries give.

The search statements are shaped for speed (one statement per page on PostgreSQL,
label filters stepping through an index); these tests compute the same answers the
plain way on a generated library, for queries across the whole query language, and
compare hits, their order, scores, snippets and the match count.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import desc, func, literal_column, select, text
from sqlalchemy.orm import Session

from facilitator.domain.taxonomy import default_taxonomy
from facilitator.library.query import TextClause, parse_query
from facilitator.storage import DebriefService
from facilitator.storage.orm import DebriefRow, ListItemRow
from facilitator.storage.query_sql import (
    _folded,
    _folded_match,
    filter_condition,
    pg_tsquery_expr,
    search_docs,
)
from facilitator.storage.search import END, START, SearchPage, parse_marked
from facilitator.storage.search_schema import FIELDS_V1, PG_FIELD_CAP, field_expression

from support.library import LONG_LABEL, QUERIES, generated_library
from support.postgres import fresh_database

OPTIONS = (
    f"StartSel={START}, StopSel={END}, MaxWords=24, MinWords=10, ShortWord=2, "
    "MaxFragments=1, FragmentDelimiter=…"
)


@pytest.fixture(scope="module")
def libraries(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], DebriefService]]:
    """The generated library of a backend, built once for every test here that asks."""
    built: dict[str, DebriefService] = {}
    with contextlib.ExitStack() as stack:

        def library_on(backend: str) -> DebriefService:
            if backend not in built:
                if backend == "sqlite":
                    folder = tmp_path_factory.mktemp("library")
                    url = f"sqlite:///{folder / 'library.sqlite3'}"
                else:
                    url = stack.enter_context(fresh_database())
                service = stack.enter_context(DebriefService(url, maintenance=False))
                service.save_many(generated_library())
                built[backend] = service
            return built[backend]

        yield library_on


@pytest.fixture(params=["sqlite", "postgresql"])
def library(
    request: pytest.FixtureRequest, libraries: Callable[[str], DebriefService]
) -> DebriefService:
    """The generated library on each backend."""
    return libraries(request.param)


@pytest.fixture
def pg_library(libraries: Callable[[str], DebriefService]) -> DebriefService:
    """The generated library on PostgreSQL, for comparisons with its own ranking."""
    return libraries("postgresql")


def _all_pages(service: DebriefService, query: str, size: int) -> list[SearchPage]:
    pages = [service.search(query, limit=size)]
    while len(pages[-1].hits) == size:
        pages.append(service.search(query, limit=size, offset=size * len(pages)))
    return pages


@pytest.mark.parametrize("query", QUERIES)
def test_pages_cover_exactly_the_matching_debriefs(library: DebriefService, query: str) -> None:
    matching = {f.id for f in library.facts(query, parts=())}
    pages = _all_pages(library, query, 7)
    ids = [hit.id for page in pages for hit in page.hits]
    assert len(ids) == len(set(ids)) == len(matching)
    assert set(ids) == matching
    assert {page.total for page in pages} == {len(matching)}
    scores = [hit.score for page in pages for hit in page.hits]
    assert scores == sorted(scores, reverse=True)
    # Past the last page: no hits, and still the count.
    beyond = library.search(query, limit=5, offset=len(ids) + 3)
    assert beyond.hits == () and beyond.total == len(matching)


def test_the_library_exercises_what_the_queries_claim(library: DebriefService) -> None:
    # Guards against a generator change that would make the comparisons vacuous.
    totals = {q: library.search(q).total for q in QUERIES}
    assert totals["zzzzqqq"] == 0 and totals["the"] == 0
    assert sum(1 for t in totals.values() if t > 20) >= 8  # several pages to compare
    # Only the long label has "tail", past what the label index keeps.
    assert 0 < totals["service:tail flag"] < library.search("flag").total
    assert 0 < totals['"connection pool"'] < totals["conn* pool"]


def _ranked(session: Session, ids: list[str], positive: tuple[TextClause, ...]) -> list[Any]:
    """Every match ranked by ts_rank_cd, written the plain way."""
    score = func.ts_rank_cd(search_docs.c.document, pg_tsquery_expr(positive)).label("score")
    return session.execute(
        select(search_docs.c.debrief_id, score)
        .where(search_docs.c.debrief_id.in_(ids))
        .order_by(desc("score"), search_docs.c.debrief_id)
    ).all()


def _headline(
    session: Session, debrief_id: str, positive: tuple[TextClause, ...]
) -> tuple[str, str]:
    """The first field (by weight) holding any term, and its headline, one field at a time."""
    every_term = pg_tsquery_expr((TextClause(tuple(t for c in positive for t in c.terms)),))
    english = literal_column("'english'::regconfig")
    debriefs = DebriefRow.__table__.alias("d")
    for spec in FIELDS_V1:
        body = literal_column(f"left({field_expression(spec, 'postgresql')}, {PG_FIELD_CAP})")
        found, cut = session.execute(
            select(
                func.to_tsvector(english, body).op("@@")(every_term),
                func.ts_headline(english, body, every_term, OPTIONS),
            ).where(debriefs.c.id == debrief_id)
        ).one()
        if found:
            return spec.label, cut
    return "", ""


#: The queries with words to rank by (filters alone list the newest incidents first).
RANKED = [q for q in QUERIES if any(not c.negated for c in parse_query(q).clauses)]


@pytest.mark.parametrize("query", RANKED)
def test_hits_order_scores_and_snippets_match_the_plain_queries(
    pg_library: DebriefService, query: str
) -> None:
    library = pg_library
    parsed = parse_query(query, default_taxonomy())
    positive = tuple(c for c in parsed.clauses if not c.negated)
    facts = {f.id: f for f in library.facts(query, parts=())}
    with library._session() as session:
        ranked = _ranked(session, list(facts), positive)
        expected = []
        for debrief_id, score in ranked[:40]:
            label, cut = _headline(session, debrief_id, positive)
            expected.append((debrief_id, float(score), label, *parse_marked(cut)))
    got = []
    for offset in (0, 20):
        page = library.search(query, limit=20, offset=offset)
        assert page.total == len(ranked)
        for hit in page.hits:
            got.append((hit.id, hit.score, hit.field, hit.snippet, hit.highlights))
            fact = facts[hit.id]
            assert (hit.title, hit.severity, hit.status, hit.incident) == (
                fact.title,
                fact.severity,
                fact.status,
                fact.incident,
            )
            assert hit.date == (fact.started_at or fact.meeting_at or fact.created_at)
    assert got == expected


LABEL_FILTERS = (
    ("service", "payments"),
    ("service", "paymentsapi"),
    ("service", "edge"),
    ("service", "tail"),  # past the indexed prefix of the long label
    ("service", "zone"),
    ("service", "nowhere"),
    ("tag", "config"),
    ("tag", "label3"),
    ("tag", "flaky"),
)


@pytest.mark.parametrize(("name", "value"), LABEL_FILTERS)
def test_label_filters_match_folding_every_row(
    library: DebriefService, name: str, value: str
) -> None:
    taxonomy = default_taxonomy()
    dialect = library._engine.dialect.name
    section = {"service": "services", "tag": "tags"}[name]
    matches = (
        _folded_match(value, taxonomy.service_for(value))
        if name == "service"
        else (lambda folded: folded == value)
    )
    plain = select(ListItemRow.debrief_id).where(
        ListItemRow.section == section, matches(_folded(ListItemRow.text, dialect))
    )
    with library._session() as session:
        expected = set(session.scalars(plain))
        got = set(
            session.scalars(
                select(DebriefRow.id).where(filter_condition(name, value, taxonomy, dialect))
            )
        )
        negated = set(
            session.scalars(
                select(DebriefRow.id).where(~filter_condition(name, value, taxonomy, dialect))
            )
        )
        everyone = set(session.scalars(select(DebriefRow.id)))
    assert got == expected
    assert negated == everyone - expected
    if value in ("tail", "zone"):
        assert expected and all(LONG_LABEL in library.load(i).services for i in expected)


def test_postgresql_plans_every_search_with_its_values(pg_library: DebriefService) -> None:
    library = pg_library
    for _ in range(12):  # psycopg prepares what runs five times; PostgreSQL goes generic later
        library.search('"connection pool" -timeout')
    with library._session() as session:
        prepared = session.scalars(text("SELECT statement FROM pg_prepared_statements")).all()
    assert any("WHERE stale" in statement for statement in prepared)  # preparing is on here
    assert not any("matches AS MATERIALIZED" in statement for statement in prepared)
