"""Where LibreOffice is installed, the Word export converts to PDF as a reader would open it.

LibreOffice lays the document out independently of us, so it shows whether the
column widths really keep dates, statuses and event kinds on one line, on A4
and on Letter.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.domain.model import Debrief
from facilitator.export import export_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Values that used to break inside a word in narrow columns.
WHOLE = ("Escalation", "Mitigation", "In progress", "17 Nov 2025", "Within target", "Won't do")


def _convert(docx_path: Path, folder: Path) -> PdfReader:
    assert SOFFICE is not None
    profile = folder / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return PdfReader(folder / f"{docx_path.stem}.pdf")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_libreoffice_lays_out_the_export_without_breaking_words(
    rich: Debrief, tmp_path: Path, paper: str
) -> None:
    from facilitator.domain.model import ActionStatus

    rich.action_items[0].due = date(2025, 11, 17)
    rich.action_items[1].status = ActionStatus.WONT_DO
    reader = _convert(export_docx(rich, tmp_path / "debrief.docx", paper=paper), tmp_path)
    assert len(reader.pages) >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    for value in WHOLE:
        assert value in text, value
    assert text.index("What happened") < text.index("Key learnings") < text.index("Action items")
