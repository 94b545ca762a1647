"""The timeline from evidence, on screen: the import dialog and its menu command.

:class:`~facilitator.ui.evidence.picker.ImportDialog` shows the candidates that
:mod:`facilitator.evidence` read (a table model with a filtering proxy, so it
scales to many thousands), and :class:`~facilitator.ui.evidence.controller.EvidenceImport`
adds what the user chose to the open debrief through its session.
"""

from __future__ import annotations

# Only the menu command is imported here: the dialog and the readers load when first used.
from facilitator.ui.evidence.controller import EvidenceImport, add_import_action

__all__ = ["EvidenceImport", "add_import_action"]
