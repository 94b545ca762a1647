"""Trend charts drawn with matplotlib, for the trends window and the monthly review.

Charts are built on ``matplotlib.figure.Figure`` (never pyplot, so no global state
and no GUI backend is chosen here); :func:`facilitator.charts.render.to_png`
writes them for documents, and the UI shows the same figures in a Qt canvas.
Import this package only where a chart is drawn: matplotlib and numpy take
about a third of a second to load.
"""
