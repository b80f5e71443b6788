"""Documents and their sources.

Reading a commentary in, its source revisions, sources added by hand, metadata,
articles, snapshots and the document list.

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
