"""The timeline from evidence: reading chat, alerts and logs into timeline candidates.

Pure Python, offline, no Qt. A reader turns one source into
:class:`~facilitator.evidence.candidates.Candidate` objects; the picker (or the
``facilitator timeline import`` command) chooses some, and
:func:`~facilitator.evidence.apply.add_candidates` adds them to a debrief.

Sources, one module each: a Slack export as ZIP or folder (:mod:`.slack`), a
pasted or saved chat transcript (:mod:`.transcript`), PagerDuty log entries and
incidents (:mod:`.pagerduty`), Opsgenie alert logs (:mod:`.opsgenie`) and a CSV
with chosen columns (:mod:`.csv_source`). Around them: kind guesses
(:mod:`.kinds`), duplicates of events already on the timeline (:mod:`.dedupe`),
authors matched to participants (:mod:`.people`) and size limits (:mod:`.limits`).

Every imported event keeps where it came from in ``TimelineEvent.source``,
stored and exported in JSON, in the form ``<kind>:<file>#<id>``:

========== ==========================================================
slack      ``slack:<export.zip or folder>#<channel id>/<message ts>``
chat       ``chat:<file name or "pasted">#L<line number>``
pagerduty  ``pagerduty:<file>#<log entry id>``, or ``#<incident id>/triggered``
           (``/acknowledged-<n>``, ``/resolved``) for the incident's own moments
opsgenie   ``opsgenie:<file>#<log offset>`` (``#log<n>`` when it has none)
csv        ``csv:<file>#row<n>`` (the header is row 1)
========== ==========================================================

Times with an offset keep it; times without one are read in the zone the user
picks (:class:`~facilitator.evidence.candidates.ReadOptions`). Every failure is
an :class:`~facilitator.evidence.errors.EvidenceError` whose text is one
sentence, raised before anything is changed.
"""

from __future__ import annotations

from facilitator.evidence.apply import MOMENT_FIELDS, Added, add_candidates
from facilitator.evidence.candidates import Candidate, Evidence, ReadOptions, rezone
from facilitator.evidence.dedupe import find_duplicates
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.limits import DEFAULT_LIMITS, Limits
from facilitator.evidence.people import AuthorMatch, match_authors
from facilitator.evidence.sources import KINDS, read_path, read_text

__all__ = [
    "DEFAULT_LIMITS",
    "KINDS",
    "MOMENT_FIELDS",
    "Added",
    "AuthorMatch",
    "Candidate",
    "Evidence",
    "EvidenceError",
    "Limits",
    "ReadOptions",
    "add_candidates",
    "find_duplicates",
    "match_authors",
    "read_path",
    "read_text",
    "rezone",
]
