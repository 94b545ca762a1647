"""The sample debrief a newcomer can open to see what a finished debrief looks like.

It lives in ``resources/samples/checkout-outage.json`` in the ordinary
facilitator-debrief v1 format, so it also documents that format by example. It is
marked as a sample three ways that survive editing and export: a fixed id, the tag
``sample`` and a title starting with "Sample:", and a private note saying so.
Importing it twice never makes two copies: the fixed id is the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from facilitator.domain.interchange import loads
from facilitator.domain.model import Debrief

if TYPE_CHECKING:
    from facilitator.storage import DebriefService

SAMPLE_FILE = "checkout-outage.json"
SAMPLE_ID = "7d3f1c52-8a4e-4b6f-9c1d-5e2a7b9f0c31"
SAMPLE_TAG = "sample"
TITLE_PREFIX = "Sample: "


@dataclass(frozen=True)
class SampleResult:
    """What :func:`add_sample` did: the debrief's id and whether it was stored just now."""

    id: str
    title: str
    added: bool


def sample_json() -> bytes:
    """The sample's JSON document, as shipped in the resources."""
    return (files("facilitator.resources") / "samples" / SAMPLE_FILE).read_bytes()


def load_sample() -> Debrief:
    """The sample debrief, parsed and validated like any imported file."""
    return loads(sample_json())


def is_sample(debrief: Debrief) -> bool:
    """True for the shipped sample, also after it was edited (its id stays)."""
    return debrief.id == SAMPLE_ID or SAMPLE_TAG in debrief.tags


def add_sample(service: DebriefService) -> SampleResult:
    """Store the sample unless it is there already; never overwrite an edited copy."""
    debrief = load_sample()
    if service.exists(debrief.id):
        return SampleResult(debrief.id, debrief.title, added=False)
    service.save(debrief, touch=False)
    return SampleResult(debrief.id, debrief.title, added=True)
