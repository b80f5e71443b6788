"""The desk: who works on what, and how far it is.

Assignments, progress, the dashboard and the week's view.

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
