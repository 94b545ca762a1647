"""The debrief model: plain dataclasses with no storage or GUI knowledge."""
