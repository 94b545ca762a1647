"""Fixtures for export tests."""

from __future__ import annotations

import pytest
from export.export_samples import rich_debrief

from facilitator.domain.model import Debrief


@pytest.fixture
def rich() -> Debrief:
    return rich_debrief()
