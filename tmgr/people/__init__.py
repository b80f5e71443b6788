"""People and what reaches them.

Users, permissions, notifications, webhooks, the mail outbox and its texts, and the
doctor's checks of the installation. Notifications and webhooks react to domain events
(see tmgr.listeners).

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
