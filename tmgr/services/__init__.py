"""Use cases. Each takes a ``Session`` and never commits: the caller owns the transaction."""
