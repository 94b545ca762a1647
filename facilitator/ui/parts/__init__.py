"""Editors for the parts of a debrief, one per part name of the meeting script."""
