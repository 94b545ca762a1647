"""Fuzzed documents either import and export everywhere, or are refused with a reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from facilitator.domain.interchange import InterchangeError, dumps, loads
from facilitator.export import export_docx, render_markdown
from facilitator.storage import DebriefService

from support.mutations import mutated_documents


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_documents())
def test_a_mutated_document_imports_and_exports_or_is_refused(text: str) -> None:
    try:
        debrief = loads(text)
    except InterchangeError as refused:
        assert refused.problems and all(p.reason for p in refused.problems)
        return
    again = loads(dumps(debrief))
    assert again == debrief
    assert render_markdown(debrief)
    with tempfile.TemporaryDirectory() as folder:
        export_docx(debrief, Path(folder) / "fuzz.docx")
        with DebriefService(f"sqlite:///{Path(folder) / 'fuzz.db'}", maintenance=False) as service:
            service.import_all([debrief])
            assert service.load(debrief.id) == debrief
