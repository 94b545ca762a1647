"""``facilitator list`` without SQLAlchemy: the same entries, and the usual way otherwise."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from facilitator.domain.model import Debrief, Status
from facilitator.storage import DebriefService
from facilitator.storage.quick_list import quick_summaries, sqlite_path

from support.samples import sample_debrief


def test_the_quick_list_matches_the_service_entry_for_entry(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.db'}"
    with DebriefService(url) as service:
        service.save(sample_debrief())
        service.save(Debrief(title="Queue backlog", severity="SEV3", status=Status.DRAFT))
        service.save(Debrief(title="No dates at all"))
        expected = service.list()
    assert quick_summaries(url) == expected


def test_anything_unusual_goes_the_usual_way(tmp_path: Path) -> None:
    assert quick_summaries("postgresql://ada@db/x") is None
    assert quick_summaries(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert sqlite_path("sqlite:///:memory:") is None and sqlite_path("sqlite://") is None
    url = f"sqlite:///{tmp_path / 'old.db'}"
    DebriefService(url).close()
    with sqlite3.connect(tmp_path / "old.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    assert quick_summaries(url) is None  # an older schema: the service migrates it first
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    assert quick_summaries(f"sqlite:///{tmp_path / 'junk.db'}") is None


def test_listing_loads_no_sqlalchemy(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'lib.db'}"
    with DebriefService(url) as service:
        service.save(sample_debrief())
    code = (
        "import sys; from facilitator.cli import main; main(['--db', sys.argv[1], 'list']); "
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sample_debrief().title in done.stdout
