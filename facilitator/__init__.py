"""Facilitator: run blameless incident debriefs.

The package is split so that everything but ``ui`` and ``app`` works without a
display: ``domain`` holds the debrief model, ``storage`` persists it,
``language`` checks wording and ``export`` writes documents.
"""

__version__ = "0.1.0"

import logging as _logging

# Nothing of ours reaches stderr through Python's last-resort handler: the command line
# prints its own one-line messages, and facilitator.logs writes the log file.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
