"""Qt widgets. The only package (with facilitator.app) allowed to import PySide6."""
