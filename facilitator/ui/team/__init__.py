"""The team library in the window: connecting, the status indicator, background sync."""
