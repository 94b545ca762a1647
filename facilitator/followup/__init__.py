"""Follow-through after the meeting: action items across debriefs, checkpoints, reviews.

Pure Python (no Qt, no SQL): the records the board lists, their filters and
counts, the checkpoint state and reminders, the review flow's decisions, the
tracker and calendar exports, and the summary documents. Storage lives in
:mod:`facilitator.storage.followup`; the widgets in :mod:`facilitator.ui.followup`.
"""
