"""The newest schema revision, in a module of its own so that reading it loads nothing.

:mod:`facilitator.storage.database` compares a library's stamp with it before
importing Alembic; :mod:`facilitator.storage.quick_list` before trusting a file.
A test checks it against Alembic's head.
"""

SCHEMA_HEAD = "0008"
