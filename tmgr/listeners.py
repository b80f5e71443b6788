"""Who reacts to which domain event: the one place where the reactions are wired.

The use cases record events (:mod:`tmgr.events`) and import none of what follows;
each reaction lives in its own domain (the desk, notifications, webhooks, the
post-editing records) and is subscribed here, in the order it runs. A new reaction
(a new notification kind, another webhook) is a function in its domain and one line
here.

Every entry point calls :func:`wire` once (the web app, the CLI, the test suite; a
script calling use cases directly does too): until then :func:`tmgr.events.record`
refuses, so no change slips through with nobody told.
"""

from __future__ import annotations

from tmgr.desk import assignments
from tmgr.events import (
    ApprovalChanged,
    AssignmentMade,
    CommentAdded,
    DocumentApproved,
    DocumentExported,
    DraftStored,
    TranslationApproved,
    TranslationRejected,
    TranslationSaved,
    declare_wired,
    is_wired,
    subscribe,
)
from tmgr.people import notifications, webhooks
from tmgr.review import postedit


def wire() -> None:
    """Subscribe every reaction to its event, once (calling it again changes nothing)."""
    if is_wired():
        return
    # a translation approved or no longer approved: the desk keeps count of whole languages
    subscribe(ApprovalChanged, assignments.track_approval)
    # ... and when a language is fully approved, publishers and the publishing system hear it
    subscribe(DocumentApproved, notifications.ready_to_publish)
    subscribe(DocumentApproved, webhooks.document_approved)

    # sent back: its author hears why, people @named in the comment too, the publishing system
    subscribe(TranslationRejected, notifications.rejected)
    subscribe(TranslationRejected, webhooks.segment_rejected)
    subscribe(TranslationRejected, notifications.mentioned_in_rejection)

    subscribe(CommentAdded, notifications.commented)
    subscribe(AssignmentMade, notifications.assigned)
    subscribe(DocumentExported, webhooks.document_exported)

    # the post-editing figures: the draft a translator started from, their time, the result
    subscribe(DraftStored, postedit.draft_stored)
    subscribe(TranslationSaved, postedit.saved)
    subscribe(TranslationApproved, postedit.approved)
    declare_wired(__name__)
