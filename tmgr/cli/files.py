"""The user's files the commands read and write: size-capped reads, atomic writes.

Use cases take and return bytes; only the command line touches the user's files.
A read names the file in a one-line error; a failed write leaves the old file (or
none), never half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tmgr.errors import TmgrError
from tmgr.formats.base import MAX_IMPORT_BYTES


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def read_user_file(path: Path) -> bytes:
    """The bytes of a file to import, refusing one too large to be a real catalog."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise TmgrError(f"{path}: too large to import",
                            hint=f"the limit is {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except OSError as exc:
        raise TmgrError(f"cannot read {path}: {exc.strerror}") from exc


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
