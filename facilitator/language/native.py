"""Which of the checker's modules run compiled, and keeping an edit from being shadowed.

The modules the checker spends its time in are plain Python, and the same files are
also compiled with Cython when the package is installed (``setup.py``): the compiled
ones check text about a fifth faster and give the same findings
(``tests/language/test_native.py`` compares them on the whole corpus). A machine with
no C compiler simply runs the Python.

A compiled module sits beside its source and Python imports it first, so an edit to the
``.py`` would go unseen until the next install. ``setup.py`` therefore records the
SHA-256 of each source it compiled in ``native.json``; :func:`use_fresh_sources` runs
before the checker is imported and sends the import of any module whose source no
longer matches to the ``.py``. ``FACILITATOR_PURE_PYTHON=1`` sends all of them there.

Stdlib only, and importable on its own: ``setup.py`` reads :data:`MODULES` from here.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: The modules compiled, in the package ``facilitator.language``: the check loop, the
#: reading of a sentence and who acts in it, and what they call per finding.
MODULES = ("actors", "checker", "compiled", "findings", "kinds", "masking", "overlaps", "reading")
PACKAGE = "facilitator.language"
MANIFEST = "native.json"
#: Set to "1" to run every module from its Python source (to compare, or to debug).
PURE_ENV = "FACILITATOR_PURE_PYTHON"


def package_folder() -> Path:
    """The folder the package's modules are imported from.

    Read from the package's ``__path__``, which is set before the package's own code
    runs; ``importlib.resources`` would say the same but costs 11 ms of imports at start.
    """
    return Path(sys.modules[PACKAGE].__path__[0])


def source_digest(folder: Path, module: str) -> str:
    """The SHA-256 of a module's source and its Cython declarations, as ``setup.py`` records it.

    A ``.pxd`` beside the ``.py`` declares types for the compiled build only; an edit to
    either makes the compiled module stale.
    """
    hasher = hashlib.sha256((folder / f"{module}.py").read_bytes())
    declarations = folder / f"{module}.pxd"
    if declarations.is_file():
        hasher.update(declarations.read_bytes())
    return hasher.hexdigest()


def _compiled_file(folder: Path, module: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = folder / (module + suffix)
        if candidate.is_file():
            return candidate
    return None


def status(folder: Path | None = None, pure: bool | None = None) -> dict[str, str]:
    """How each module would be imported from ``folder``: "compiled" or why "source …"."""
    folder = folder or package_folder()
    if pure is None:
        pure = os.environ.get(PURE_ENV) == "1"
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = None  # a wheel or a frozen build without sources to go stale, or none
    found: dict[str, str] = {}
    for module in MODULES:
        source = folder / f"{module}.py"
        if _compiled_file(folder, module) is None:
            found[module] = "source (not compiled)"
        elif pure:
            found[module] = f"source ({PURE_ENV}=1)"
        elif isinstance(recorded, dict) and source.is_file():
            try:
                fresh = recorded.get(module) == source_digest(folder, module)
            except OSError:
                fresh = False
            found[module] = "compiled" if fresh else "source (edited since it was compiled)"
        else:
            found[module] = "compiled"
    return found


def summary(folder: Path | None = None) -> str:
    """One line for benchmarks and diagnostics: how many modules run compiled."""
    states = status(folder)
    compiled = sum(state == "compiled" for state in states.values())
    if compiled == len(states):
        return f"compiled ({compiled} of {len(states)} modules)"
    reasons = sorted({state for state in states.values() if state != "compiled"})
    return f"{compiled} of {len(states)} modules compiled; the rest run as " + ", ".join(reasons)


class _SourceFinder:
    """Finds the listed modules' ``.py`` files, ahead of any compiled file beside them."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self.sources.get(name)
        if source is None:
            return None
        return importlib.util.spec_from_file_location(name, source)


def use_fresh_sources(folder: Path | None = None) -> list[str]:
    """Import every module that is not compiled from what it says now; return their names.

    Called by the package before it imports the checker. Modules already imported stay
    as they are.
    """
    folder = folder or package_folder()
    states = status(folder)
    sources = {
        f"{PACKAGE}.{module}": folder / f"{module}.py"
        for module, state in states.items()
        if state != "compiled" and state != "source (not compiled)"
    }
    if sources and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(sources))
    return sorted(sources)


if __name__ == "__main__":  # the Makefile asks which files the compiled build is made from
    here = Path(sys.argv[0]).resolve().parent
    files = [here / f"{module}{suffix}" for module in MODULES for suffix in (".py", ".pxd")]
    print(" ".join(str(f.relative_to(here.parent.parent)) for f in files if f.is_file()))
