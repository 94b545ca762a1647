"""The timeline from evidence, on screen: the import dialog and its menu command.

:class:`~facilitator.ui.evidence.picker.ImportDialog` shows the candidates that
:mod:`facilitator.evidence` read (a table model with a filtering proxy, so it
scales to many thousands), and :class:`~facilitator.ui.evidence.controller.EvidenceImport`
adds what the user chose to the open debrief through its session.
"""

from __future__ import annotations

from facilitator.ui.evidence.controller import EvidenceImport, add_import_action
from facilitator.ui.evidence.picker import ImportDialog, ImportRequest

__all__ = ["EvidenceImport", "ImportDialog", "ImportRequest", "add_import_action"]
