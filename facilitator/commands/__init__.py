"""The library's command-line commands: search, trends, matrix and the monthly review.

Each module adds its arguments to a subparser and runs with the parsed arguments;
:mod:`facilitator.cli` only registers them. Errors print one line and exit 2.
"""
