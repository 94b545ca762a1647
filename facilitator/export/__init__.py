"""Document exporters (Word, Markdown); pure Python."""
