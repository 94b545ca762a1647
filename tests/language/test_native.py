"""The compiled checker modules: present where they should be, equal to the Python, never stale.

:mod:`facilitator.language.native` explains the arrangement. The rest of the suite runs
whatever the install built (compiled on CI); this file runs the same recorded findings
through the plain Python too, and shows that an edit to a compiled module's source is
what runs.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.language import native

PACKAGE = Path(native.__file__).parent
ROOT = PACKAGE.parent.parent
ALL_COMPILED = all(state == "compiled" for state in native.status().values())
needs_compiled = pytest.mark.skipif(not ALL_COMPILED, reason=native.summary())


def test_ci_runs_the_checker_compiled() -> None:
    # .ci/run asks for it: a build that silently fell back to Python would be slow.
    if os.environ.get("FACILITATOR_REQUIRE_NATIVE") != "1":
        pytest.skip("only required where FACILITATOR_REQUIRE_NATIVE=1 (CI)")
    assert ALL_COMPILED, native.summary()


@needs_compiled
def test_the_imported_modules_are_the_compiled_ones() -> None:
    import facilitator.language.reading as reading

    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    assert reading.__file__ is not None and reading.__file__.endswith(suffixes)


@pytest.mark.slow
@needs_compiled
def test_the_python_sources_give_the_recorded_findings_too() -> None:
    # The recorded findings hold the compiled modules in the rest of the suite; the same
    # file run with every module from its source holds the Python to the same findings.
    probe = (
        "import facilitator.language.reading as r, facilitator.language.actors as a;"
        "assert r.__file__.endswith('.py') and a.__file__.endswith('.py'), r.__file__"
    )
    env = {**os.environ, native.PURE_ENV: "1", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTEST_XDIST_WORKER", None)
    checked = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, timeout=60)
    assert checked.returncode == 0
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/language/test_recorded_findings.py",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


def _fake_package(folder: Path, digests: dict[str, str] | None) -> None:
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for module in native.MODULES:
        (folder / f"{module}.py").write_text(f"NAME = {module!r}\n", encoding="utf-8")
        (folder / f"{module}{suffix}").write_bytes(b"not really a library")
    if digests is not None:
        (folder / native.MANIFEST).write_text(json.dumps(digests), encoding="utf-8")


def test_a_source_matching_its_record_counts_as_compiled(tmp_path: Path) -> None:
    _fake_package(tmp_path, {})
    digests = {m: native.source_digest(tmp_path, m) for m in native.MODULES}
    (tmp_path / native.MANIFEST).write_text(json.dumps(digests), encoding="utf-8")
    assert set(native.status(tmp_path, pure=False).values()) == {"compiled"}
    assert native.summary(tmp_path).startswith("compiled (8 of 8")


def test_an_edited_source_is_imported_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_package(tmp_path, {})
    digests = {m: native.source_digest(tmp_path, m) for m in native.MODULES}
    (tmp_path / native.MANIFEST).write_text(json.dumps(digests), encoding="utf-8")
    (tmp_path / "reading.py").write_text("NAME = 'edited'\n", encoding="utf-8")
    states = native.status(tmp_path, pure=False)
    assert states["reading"] == "source (edited since it was compiled)"
    assert [m for m, s in states.items() if s != "compiled"] == ["reading"]
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    assert native.use_fresh_sources(tmp_path) == ["facilitator.language.reading"]
    spec = sys.meta_path[0].find_spec("facilitator.language.reading")  # type: ignore[call-arg]
    assert spec is not None and spec.origin == str(tmp_path / "reading.py")
    assert sys.meta_path[0].find_spec("facilitator.language.rules") is None  # type: ignore[call-arg]


def test_the_environment_switch_and_missing_files(tmp_path: Path) -> None:
    _fake_package(tmp_path, None)  # no record: a wheel or a frozen build, trusted as built
    assert set(native.status(tmp_path, pure=False).values()) == {"compiled"}
    assert set(native.status(tmp_path, pure=True).values()) == {f"source ({native.PURE_ENV}=1)"}
    (tmp_path / native.MANIFEST).write_text("{not json", encoding="utf-8")
    assert set(native.status(tmp_path, pure=False).values()) == {"compiled"}
    for built in tmp_path.glob("*" + importlib.machinery.EXTENSION_SUFFIXES[0]):
        built.unlink()
    assert set(native.status(tmp_path, pure=False).values()) == {"source (not compiled)"}
    assert native.summary(tmp_path).startswith("0 of 8 modules compiled")


@needs_compiled
def test_an_edit_to_a_compiled_module_runs_before_the_next_build(tmp_path: Path) -> None:
    # A copy of the built package; one compiled module's source gains a line.
    copy = tmp_path / "facilitator"
    shutil.copytree(PACKAGE.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    overlaps = copy / "language" / "overlaps.py"
    overlaps.write_text(overlaps.read_text(encoding="utf-8") + "EDITED = True\n", "utf-8")
    probe = (
        "import facilitator.language.overlaps as o, facilitator.language.reading as r;"
        "from facilitator.language import check;"
        "print(o.EDITED, o.__file__.endswith('.py'), r.__file__.endswith('.py'),"
        " len(check('Dana should have looked at the graph.')))"
    )
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    run = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); {probe}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "True", "False", "1"]
