"""Compiles the language checker's hot modules with Cython; everything else is in pyproject.

The modules stay plain Python (``facilitator/language/native.py`` lists them and says
why). Each is built as an optional extension: with no C compiler the install still
succeeds and the checker runs the same code as Python, only slower. Next to what it
built, the build records each source's SHA-256, so that a later edit to a ``.py`` is
what runs until the next install (see ``native.use_fresh_sources``).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("_native", HERE / "facilitator/language/native.py")
assert _spec is not None and _spec.loader is not None
native = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(native)


class BuildAndRecord(build_ext):
    """Builds the extensions, then records the digest of each source that compiled."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = True  # one compiler per core: the eight modules build at once

    def run(self) -> None:
        outputs = [Path(self.get_ext_fullpath(e.name)) for e in self.extensions]
        for built in outputs:
            # An optional extension that fails to build leaves no file, not last time's.
            built.unlink(missing_ok=True)
        super().run()
        recorded: dict[str, str] = {}
        folder: Path | None = None
        for extension in self.extensions:
            built = Path(self.get_ext_fullpath(extension.name))
            folder = built.parent
            module = extension.name.rsplit(".", 1)[-1]
            if built.is_file():
                recorded[module] = native.source_digest(HERE / "facilitator" / "language", module)
        if folder is not None and recorded:
            manifest = folder / native.MANIFEST
            manifest.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")


def _extensions() -> list:
    try:
        from Cython.Build import cythonize
    except ImportError:  # built without its build requirements: plain Python it is
        return []
    sources = [f"facilitator/language/{module}.py" for module in native.MODULES]
    try:
        extensions = cythonize(
            sources,
            build_dir="build/cython",  # the generated C stays out of the package
            quiet=True,
            compiler_directives={
                "language_level": 3,
                # Type hints stay hints: a defaultdict passed where "dict" is written is fine.
                "annotation_typing": False,
            },
        )
    except Exception as error:  # a Cython that rejects the code must not stop the install
        print(f"not compiling the checker's modules: {error}", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no compiler, or a failed build: the .py runs instead
    return extensions


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildAndRecord})
