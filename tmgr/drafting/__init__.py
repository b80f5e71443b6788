"""Drafting and machine translation.

Drafts, suggestions, the draft lease and report, the MT cache and context, MT analytics
and the LLM review.

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
