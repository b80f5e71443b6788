"""Uploads that wait between a preview and its "apply": files under their SHA-256 in
``<instance>/uploads/``, cleared after a day if nobody applies them."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from tmgr.errors import IngestError

STAGING_HOURS = 24
_HEX = frozenset("0123456789abcdef")


def folder() -> Path:
    path = Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stage(raw: bytes) -> str:
    """Keep ``raw`` for the next request; return its token (its SHA-256)."""
    where = folder()
    cutoff = time.time() - STAGING_HOURS * 3600
    for old in where.iterdir():  # previews nobody applied
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = hashlib.sha256(raw).hexdigest()
    (where / token).write_bytes(raw)
    return token


def staged(token: str) -> bytes:
    """The bytes kept under ``token``, or a clear error when the preview is gone."""
    path = folder() / token
    if len(token) != 64 or not set(token) <= _HEX or not path.is_file():
        raise IngestError(_("The preview has expired: send the file or text again."))
    return path.read_bytes()


def discard(token: str) -> None:
    if len(token) == 64 and set(token) <= _HEX:
        (folder() / token).unlink(missing_ok=True)
