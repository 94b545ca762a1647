"""One finding per phrase: when rules flag overlapping words, the most specific one stays."""

from __future__ import annotations

from operator import attrgetter

from facilitator.language.findings import Finding

# Sort keys read in C: the same order as a key function building the same tuples.
_position = attrgetter("start", "end", "category")
_start = attrgetter("start")


def resolve_overlaps(candidates: list[Finding], priority: dict[str, int]) -> list[Finding]:
    """Keep one finding per overlapping phrase within a category: the most specific rule.

    A finding that carries both categories also absorbs a single-category finding of its
    second category that overlaps it, so one phrase is never reported twice.
    """
    if len(candidates) < 2:
        return candidates
    ordered = sorted(candidates, key=_position)
    reach = -1
    for finding in ordered:
        if finding.start < reach:
            break
        reach = finding.end
    else:
        return ordered  # nothing overlaps: every finding stays (the common case)
    kept: list[Finding] = []
    for category in {f.category for f in candidates}:
        cluster: list[Finding] = []
        cluster_end = -1
        for finding in sorted((f for f in candidates if f.category == category), key=_start):
            if finding.start >= cluster_end and cluster:
                kept.extend(_best_of(cluster, priority))
                cluster = []
            cluster.append(finding)
            cluster_end = max(cluster_end, finding.end)
        kept.extend(_best_of(cluster, priority))
    doubles = [f for f in kept if f.also]
    if doubles:
        kept = [
            f
            for f in kept
            if f.also
            or not any(d.has(f.category) and d.start < f.end and f.start < d.end for d in doubles)
        ]
    kept.sort(key=_position)
    return kept


def _best_of(cluster: list[Finding], priority: dict[str, int]) -> list[Finding]:
    if len(cluster) == 1:
        return cluster
    chosen: list[Finding] = []
    ranked = sorted(
        cluster, key=lambda f: (-len(f.also), -priority[f.rule], f.start - f.end, f.start)
    )
    for finding in ranked:
        if not any(c.start < finding.end and finding.start < c.end for c in chosen):
            chosen.append(finding)
    return chosen
