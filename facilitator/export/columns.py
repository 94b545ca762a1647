"""Sharing a table's width out between its columns so that no word is broken.

Each column says how wide its content is: ``line`` for the longest value on
one line and ``word`` for its widest word. A column that must not wrap (a date,
a status, an event kind) gets its ``line``; the others share what is left by
weight, never getting less than their widest word. When the page is too narrow
for all that, the no-wrap columns give way first, down to their widest word,
and only then does anything wrap mid-word. The same rule serves Word (widths
estimated from font metrics) and PDF (widths measured by Qt).
"""

from __future__ import annotations

from dataclasses import dataclass

#: A table with at most this many body rows is kept on one page when it fits (Word and PDF).
SHORT_TABLE_ROWS = 6
#: A no-wrap column never takes more than this share of the table (a long URL must wrap).
NOWRAP_CAP = 0.34
#: A wrapping column's widest word claims at most this share, so one long word can't starve.
WORD_CAP = 0.45


@dataclass(frozen=True)
class Column:
    """What one column's content needs, in the same unit as the table width."""

    line: float
    word: float
    weight: float = 1.0
    nowrap: bool = False


def fit_widths(total: float, columns: list[Column]) -> list[float]:
    """Return a width per column, adding up to ``total``."""
    if not columns:
        return []
    floors = [min(c.word, total * WORD_CAP) for c in columns]
    wants = [
        max(min(c.line, total * NOWRAP_CAP), floor) if c.nowrap else floor
        for c, floor in zip(columns, floors, strict=True)
    ]
    flexible = [i for i, c in enumerate(columns) if not c.nowrap]
    if not flexible:
        # Every column keeps to one line: hand any spare room out by content width.
        return _scale(wants, total)
    fixed = sum(w for i, w in enumerate(wants) if i not in flexible)
    flex_floor = sum(floors[i] for i in flexible)
    if fixed + flex_floor > total:
        # Too narrow: no-wrap columns shrink towards their widest word before anything breaks.
        widths = list(wants)
        nowrap = [i for i in range(len(columns)) if i not in flexible]
        spare = total - flex_floor - sum(floors[i] for i in nowrap)
        give = sum(wants[i] - floors[i] for i in nowrap)
        for i in nowrap:
            share = (wants[i] - floors[i]) / give if give else 0.0
            widths[i] = floors[i] + max(spare, 0.0) * share
        return _scale(widths, total)
    widths = list(wants)
    _share_out(widths, [columns[i].weight for i in flexible], flexible, total - fixed, floors)
    return widths


def _share_out(
    widths: list[float], weights: list[float], flexible: list[int], room: float, floors: list[float]
) -> None:
    """Split ``room`` between the flexible columns by weight, each at least its floor."""
    pending = dict(zip(flexible, weights, strict=True))
    while pending:
        weight_sum = sum(pending.values()) or 1.0
        share = {i: room * w / weight_sum for i, w in pending.items()}
        starved = [i for i in pending if share[i] < floors[i]]
        if not starved:
            for i, width in share.items():
                widths[i] = width
            return
        for i in starved:
            widths[i] = floors[i]
            room -= floors[i]
            del pending[i]


def _scale(widths: list[float], total: float) -> list[float]:
    current = sum(widths)
    if current <= 0:
        return [total / len(widths)] * len(widths)
    return [w * total / current for w in widths]
