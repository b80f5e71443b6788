"""Atomic file writes: a failure leaves the old file (or none), never half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tmgr.errors import TmgrError


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename; False if unchanged.

    The temporary file lives in the same folder (so the rename is atomic) and is
    removed if anything fails.
    """
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    except OSError as exc:
        raise TmgrError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise TmgrError(f"cannot write {path}: {exc.strerror}") from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True
