"""The team library: published debriefs on PostgreSQL, synced with the local store.

The working copy is always the local SQLite library; nobody's typing waits on
the network. Publishing pushes a debrief's public part (never private notes,
the parking lot or kept findings) to the team library; a sync pushes and pulls
changes, merging item by item against the copy both sides last agreed on.
"""
