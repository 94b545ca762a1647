"""Data files: meeting script, language rules, schema, templates, styles, icons.

Shipped inside the wheel as the package ``facilitator.resources``.
"""
