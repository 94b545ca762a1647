"""Where LibreOffice is installed, the Word export converts to PDF as a reader would open it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from facilitator.domain.model import Debrief
from facilitator.export import export_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_export_to_pdf(rich: Debrief, tmp_path: Path) -> None:
    assert SOFFICE is not None
    docx_path = export_docx(rich, tmp_path / "debrief.docx")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "debrief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # The sample fills more than one page; a page object in the PDF says it was laid out.
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= 2
