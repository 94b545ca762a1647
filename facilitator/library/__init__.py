"""The incident library's logic, free of SQL and Qt.

The query language shared by search, the matrix and trends (:mod:`.query`), the
matrix rows (:mod:`.matrix`), trend aggregation (:mod:`.trends`), autocomplete
vocabulary (:mod:`.vocabulary`) and the monthly learning review (:mod:`.review`).
"""
