"""Architecture rules that keep the model usable without a display."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import facilitator

PACKAGE = Path(facilitator.__file__).parent
QT_ALLOWED = {PACKAGE / "ui", PACKAGE / "app.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _qt_allowed(path: Path) -> bool:
    return any(path == allowed or allowed in path.parents for allowed in QT_ALLOWED)


def test_pyside6_is_imported_only_by_the_ui_and_the_app() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if not _qt_allowed(path)
        and any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


def test_the_rule_would_catch_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imports(bad)
    assert not _qt_allowed(PACKAGE / "domain" / "model.py")
    assert _qt_allowed(PACKAGE / "ui" / "note_edit.py")


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def test_no_resource_path_is_computed_from_dunder_file() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if "__file__" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_resources_are_the_facilitator_resources_package() -> None:
    root = resources.files("facilitator.resources")
    assert (root / "schema" / "debrief-v1.schema.json").is_file()
