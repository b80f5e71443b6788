"""Translation and review.

Changing a translation, approving and rejecting, the editor, search and replace, MQM
error annotations, locks, post-editing records, concordance, term hints and the site's
strings. A change records a domain event (tmgr.events); who reacts is wired in
tmgr.listeners, never imported here.

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
