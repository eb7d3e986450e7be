"""The pure core of temoin: crypto, codenames, redaction, claims, statistics.

Nothing under this package imports Django (an import-linter contract checks it),
so the rules here are fast to test and usable from the CLI, the web and the API.
"""
