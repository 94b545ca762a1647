"""Reading debrief files and checking an import before anything is stored.

The command line (``facilitator import``) and the app (File > Import, a file
dropped on the library, ``facilitator open FILE.json``) read and check files
here, so both say the same thing about the same bad file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator.domain.interchange import InterchangeError, Loaded
from facilitator.domain.interchange import read_document as read_text
from facilitator.domain.model import Debrief
from facilitator.domain.taxonomy import Taxonomy

#: How many problems of one file are spelled out; the rest are counted.
SHOWN_PROBLEMS = 5


class DocumentError(ValueError):
    """A file that cannot be imported; the message is one sentence for the user."""


def read_document(path: Path, taxonomy: Taxonomy | None = None) -> Debrief:
    """Read and validate the debrief in ``path``; raise :class:`DocumentError` if unusable."""
    return read_loaded(path, taxonomy).debrief


def read_loaded(path: Path, taxonomy: Taxonomy | None = None) -> Loaded:
    """Like :func:`read_document`, with the notes on values read in a normalised form.

    Severities are checked against ``taxonomy`` (the built-in scale when None).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return read_text(data, taxonomy)
    except InterchangeError as exc:
        details = "; ".join(str(p) for p in exc.problems[:SHOWN_PROBLEMS])
        extra = len(exc.problems) - SHOWN_PROBLEMS
        more = f" (+{extra} more)" if extra > 0 else ""
        raise DocumentError(f"{path} is not a valid debrief: {details}{more}") from None


@dataclass(frozen=True)
class ImportItem:
    """One file of an import: the debrief read from it, or why it cannot be imported.

    ``stored`` tells that a debrief with the same id is already in the library.
    """

    path: Path
    debrief: Debrief | None = None
    problem: str = ""
    stored: bool = False

    @property
    def ok(self) -> bool:
        return self.debrief is not None and not self.problem


def plan_import(
    paths: Sequence[Path], exists: Callable[[str], bool], taxonomy: Taxonomy | None = None
) -> list[ImportItem]:
    """Read every file and say, for each, what importing it would do.

    Nothing is stored. Two files holding the same debrief id are both refused,
    with the message the command line gives.
    """
    items: list[ImportItem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            debrief = read_document(path, taxonomy)
        except DocumentError as exc:
            items.append(ImportItem(path, problem=str(exc)))
            continue
        if debrief.id in seen:
            items.append(
                ImportItem(
                    path, debrief, problem=f"{path} and {seen[debrief.id]} hold the same debrief id"
                )
            )
            continue
        seen[debrief.id] = path
        items.append(ImportItem(path, debrief, stored=exists(debrief.id)))
    return items


def summary_line(debrief: Debrief) -> str:
    """What a preview says about a debrief: title, incident, and how much it holds."""
    counts = [
        (len(debrief.timeline), "event"),
        (len(debrief.action_items), "action item"),
        (len(debrief.learnings), "learning"),
        (len(debrief.participants), "participant"),
    ]
    parts = [f"{n:,} {word}{'' if n == 1 else 's'}" for n, word in counts if n]
    head = debrief.title.strip() or "Untitled debrief"
    if debrief.incident.strip():
        head += f" ({debrief.incident.strip()})"
    if debrief.severity:
        head += f", {debrief.severity}"
    return head + (": " + ", ".join(parts) if parts else ": empty")
