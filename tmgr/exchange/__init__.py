"""Exchange with the outside: import, export, sync and the archive.

Import and export of files, sync and the site exchange, the MT gate, and the archive of
published translations (import, learning, review).

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
