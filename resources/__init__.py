"""Data files (meeting script, language rules, schema, templates, styles), shipped as facilitator.resources."""
