"""Facilitator: run blameless incident debriefs.

The package is split so that everything but ``ui`` and ``app`` works without a
display: ``domain`` holds the debrief model, ``storage`` persists it,
``language`` checks wording and ``export`` writes documents.
"""

__version__ = "0.1.0"
