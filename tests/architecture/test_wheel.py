"""Resources ship inside the wheel and load from an installed copy, not only the checkout."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import facilitator

ROOT = Path(facilitator.__file__).parent.parent


@pytest.mark.slow
def test_resources_load_from_an_installed_wheel(tmp_path: Path) -> None:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("not running from a checkout")
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-v",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr
    # setuptools says "Package 'facilitator.resources.x' is absent from the `packages`
    # configuration" (a BuildBackendWarning) for a data folder pyproject does not list.
    output = build.stdout + build.stderr
    warnings = re.findall(r"^.*(?:[A-Z]\w*Warning:|absent from the).*$", output, re.M)
    assert warnings == [], "\n".join(warnings)
    wheel = next(wheels.glob("facilitator-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "facilitator/resources/schema/debrief-v1.schema.json" in names
    assert "facilitator/storage/migrations/script.py.mako" in names
    package = ROOT / "facilitator"
    sources = {
        "facilitator/" + p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert sources - set(names) == set(), "list new subpackages in pyproject.toml"
    data = {
        "facilitator/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert data - set(names) == set(), "list new resource folders and their files in pyproject"
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import importlib.resources as r, facilitator, sys;"
        "root = r.files('facilitator.resources');"
        "names = sorted(p.name for p in root.iterdir());"
        "print(facilitator.__file__); print(names)"
    )
    # -I: isolated mode, so neither the checkout nor the editable install is on the path.
    run = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    location, names = run.stdout.splitlines()
    assert location.startswith(str(site))
    assert "schema" in names
