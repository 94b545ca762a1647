"""The frozen one-folder app (``make dist``) runs: version, export with resources, the window.

``make test`` and ``.ci/run`` build the app once and name it in
``FACILITATOR_FROZEN_APP``. Without it these tests skip, except under CI, where
a missing build is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import facilitator
from facilitator.export import export_docx, render_markdown
from facilitator.sample import load_sample, sample_json

ROOT = Path(facilitator.__file__).parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.frozen]


@pytest.fixture(scope="module")
def frozen() -> Path:
    name = os.environ.get("FACILITATOR_FROZEN_APP")
    if not name:
        if os.environ.get("CI"):
            pytest.fail("CI must build the frozen app and set FACILITATOR_FROZEN_APP")
        pytest.skip("no frozen app: run `make dist` and set FACILITATOR_FROZEN_APP")
    path = Path(name)
    if not path.is_absolute():
        path = ROOT / path
    assert path.is_file(), f"{path} does not exist"
    return path


def _run(app: Path, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        # Nothing from the build environment may help the frozen app find its files.
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "FACILITATOR_DB")
    }
    environment.update(
        QT_QPA_PLATFORM="offscreen",
        FACILITATOR_DATA_DIR=str(tmp_path / "data"),
        FACILITATOR_CONFIG_DIR=str(tmp_path / "config"),
        FACILITATOR_LOG_DIR=str(tmp_path / "logs"),
    )
    environment.update(env)
    # An empty value means "unset".
    environment = {key: value for key, value in environment.items() if value}
    return subprocess.run(
        [str(app), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,  # not the checkout: nothing relative to it can be found by accident
    )


def test_version(frozen: Path, tmp_path: Path) -> None:
    run = _run(frozen, tmp_path, "--version")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"facilitator {facilitator.__version__}"


def test_a_json_file_exports_to_word_and_markdown_as_from_source(
    frozen: Path, tmp_path: Path
) -> None:
    source = tmp_path / "sample.json"
    source.write_bytes(sample_json())
    docx, md = tmp_path / "out.docx", tmp_path / "out.md"
    for out, kind in ((docx, "docx"), (md, "md")):
        run = _run(frozen, tmp_path, "export", str(source), "--format", kind, "-o", str(out))
        assert run.returncode == 0, run.stderr
    # The same bytes as the source tree makes: template, sections and styles were found.
    assert md.read_text(encoding="utf-8") == render_markdown(load_sample())
    reference = tmp_path / "reference.docx"
    export_docx(load_sample(), reference)
    with zipfile.ZipFile(docx) as got, zipfile.ZipFile(reference) as want:
        assert got.read("word/document.xml") == want.read("word/document.xml")
        assert got.read("word/styles.xml") == want.read("word/styles.xml")
    # Review comments need the language rules from the resources too.
    commented = tmp_path / "commented.docx"
    run = _run(
        frozen, tmp_path, "export", str(source), "--format", "docx", "-o", str(commented),
        "--review-comments",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr


def test_lint_and_the_database_with_its_migrations(frozen: Path, tmp_path: Path) -> None:
    source = tmp_path / "sample.json"
    source.write_bytes(sample_json())
    assert _run(frozen, tmp_path, "lint", str(source)).returncode == 0
    flagged = tmp_path / "blame.txt"
    flagged.write_text("The outage happened because of human error.\n", encoding="utf-8")
    assert _run(frozen, tmp_path, "lint", str(flagged)).returncode == 1
    demo = _run(frozen, tmp_path, "demo")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("added the sample debrief")
    listed = _run(frozen, tmp_path, "list")
    assert listed.returncode == 0 and "Sample:" in listed.stdout


def test_the_window_starts_and_quits(frozen: Path, tmp_path: Path) -> None:
    run = _run(frozen, tmp_path, FACILITATOR_QUIT_AFTER_START="300")
    assert run.returncode == 0, run.stderr
    log = (tmp_path / "logs" / "facilitator.log").read_text(encoding="utf-8")
    assert "window ready" in log
    assert "Traceback" not in run.stderr and "crash report" not in log


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_the_frozen_app_finds_its_xcb_plugin_for_the_display_check(
    frozen: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "bin" / "ldd"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\ncase \"$1\" in */libqxcb.so) echo '\tlibxcb-icccm.so.4 => not found';; esac\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    run = _run(
        frozen,
        tmp_path,
        QT_QPA_PLATFORM="",
        DISPLAY=":97",
        PATH=f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
    )
    assert run.returncode == 2
    assert "libxcb-icccm.so.4" in run.stderr and run.stderr.count("\n") == 1


def test_the_app_never_computes_paths_from_meipass() -> None:
    package = ROOT / "facilitator"
    offenders = [
        str(path.relative_to(ROOT))
        for path in package.rglob("*.py")
        if "_MEIPASS" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
