"""``tmgr backup`` / ``tmgr restore``: every row of every table in one portable file.

A backup is a zip file: ``manifest.json`` (format, schema revision, tables with
their columns, row counts and SHA-256 checksums) and one JSON-lines member per
table. It is read in one consistent snapshot while the server keeps running, on
SQLite and PostgreSQL alike, and written to a temporary file that is renamed
only when complete, so a failed backup never leaves a half-written file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy.exc import DBAPIError

from tmgr import __version__
from tmgr.errors import BackupError
from tmgr.store import schema, tables
from tmgr.store.db import Database

FORMAT = "tmgr-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
COMPRESSION_LEVEL = 6

#: (rows done in this batch, total rows)
Progress = Callable[[int, int], None]

_TAGS: dict[str, Callable[[Any], Any]] = {
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "bytes": base64.b64decode,
    "decimal": Decimal,
}


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$t": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"$t": "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {"$t": "time", "v": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$t": "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return {"$t": "decimal", "v": str(value)}
    raise TypeError(f"cannot store a {type(value).__name__} in a backup")


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 2 and obj.get("$t") in _TAGS and "v" in obj:
        return _TAGS[obj["$t"]](obj["v"])
    return obj


_ENCODER = json.JSONEncoder(default=_encode, ensure_ascii=False, separators=(",", ":"))
_DECODER = json.JSONDecoder(object_hook=_decode)
READ_CHUNK = 1 << 20


def encode_rows(rows: list[tables.Row]) -> bytes:
    """One JSON array per line."""
    return "".join(_ENCODER.encode(row) + "\n" for row in rows).encode("utf-8")


def decode_rows(lines: list[bytes]) -> list[tables.Row]:
    """The rows of ``lines`` (one JSON array each), parsed in one go."""
    text = b"[" + b",".join(lines) + b"]"
    return [tuple(row) for row in _DECODER.decode(text.decode("utf-8"))]


@dataclass(frozen=True)
class BackupTable:
    name: str
    columns: tuple[str, ...]
    rows: int
    sha256: str

    @property
    def member(self) -> str:
        return f"tables/{self.name}.jsonl"


@dataclass(frozen=True)
class Manifest:
    revision: str
    legacy: bool
    dialect: str
    created_at: str
    tmgr_version: str
    tables: tuple[BackupTable, ...]

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION,
                "tmgr_version": self.tmgr_version, "created_at": self.created_at,
                "dialect": self.dialect, "revision": self.revision, "legacy": self.legacy,
                "tables": [{"name": t.name, "columns": list(t.columns), "rows": t.rows,
                            "sha256": t.sha256} for t in self.tables],
                "checksum": _tables_checksum(self.tables)}


def _tables_checksum(entries: tuple[BackupTable, ...]) -> str:
    text = json.dumps([[t.name, list(t.columns), t.rows, t.sha256] for t in entries])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- writing -----------------------------------------------------------------------------

def _source_revision(status: schema.SchemaStatus) -> tuple[str, bool]:
    if status.is_empty:
        raise BackupError("the database has no tmgr tables: nothing to back up",
                          hint="check TMGR_DATABASE_URL")
    if status.is_legacy:
        return schema.BASELINE, True
    return status.current or schema.BASELINE, False


def _write_table(connection: Any, table: Any, archive: zipfile.ZipFile,
                 progress: Progress | None, total: int) -> BackupTable:
    info = tables.table_info(table)
    digest, rows = hashlib.sha256(), 0
    entry = BackupTable(info.name, info.columns, 0, "")
    member_info = zipfile.ZipInfo(entry.member, datetime.now(UTC).timetuple()[:6])
    member_info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(member_info, "w", force_zip64=True) as member:
        for batch in tables.read_batches(connection, table):
            data = encode_rows(batch)
            digest.update(data)
            member.write(data)
            rows += len(batch)
            if progress:
                progress(len(batch), total)
    return BackupTable(info.name, info.columns, rows, digest.hexdigest())


def _write_archive(database: Database, out: IO[bytes],
                   progress: Progress | None) -> Manifest:
    status = database.schema_status()
    revision, legacy = _source_revision(status)
    with tables.snapshot(database.engine) as connection, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED,
                            compresslevel=COMPRESSION_LEVEL) as archive:
        found = tables.reflect_tables(connection)
        total = sum(tables.count_rows(connection, found).values())
        entries = tuple(_write_table(connection, table, archive, progress, total)
                        for table in found)
        manifest = Manifest(revision=revision, legacy=legacy,
                            dialect=database.engine.dialect.name,
                            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                            tmgr_version=__version__, tables=entries)
        archive.writestr(MANIFEST, json.dumps(manifest.as_dict(), indent=1))
    return manifest


def write_backup(database: Database, path: Path,
                 progress: Progress | None = None) -> Manifest:
    """Write every row of ``database`` to ``path``, atomically: all of it or nothing."""
    path = Path(path)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                             dir=path.parent if str(path.parent) else ".")
        with os.fdopen(handle, "wb") as out:
            manifest = _write_archive(database, out, progress)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_directory(path.parent)
    except OSError as exc:
        raise BackupError(f"cannot write the backup {path}: {exc.strerror or exc}",
                          hint="nothing was written; free some space or choose "
                               "another place") from exc
    except DBAPIError as exc:
        raise BackupError(f"database error during the backup: {schema.one_line(exc.orig)}",
                          hint="nothing was written") from exc
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return manifest


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(directory if str(directory) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- reading -----------------------------------------------------------------------------

def _short(exc: BaseException) -> str:
    """What a damaged archive's error says, in a few words on one line."""
    if isinstance(exc, zlib.error):
        return "its compressed data is corrupt"
    return " ".join(str(exc).split())[:200] or type(exc).__name__


class BackupFile:
    """An open backup whose manifest has been read and checked."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.archive = zipfile.ZipFile(self.path)
            raw = json.loads(self.archive.read(MANIFEST))
        except FileNotFoundError as exc:
            raise BackupError(f"no backup file {self.path}") from exc
        except (OSError, zipfile.BadZipFile, KeyError, ValueError, zlib.error,
                EOFError) as exc:
            raise BackupError(f"{self.path} is not a tmgr backup or is damaged "
                              f"({_short(exc)})",
                              hint="nothing was changed") from exc
        self.manifest = self._parse(raw)

    def _parse(self, raw: Any) -> Manifest:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise BackupError(f"{self.path} is not a tmgr backup", hint="nothing was changed")
        if not isinstance(raw.get("format_version"), int) or \
                raw["format_version"] > FORMAT_VERSION:
            raise BackupError(f"{self.path} was written by a newer tmgr "
                              f"({raw.get('tmgr_version')})",
                              hint="upgrade tmgr to restore it; nothing was changed")
        try:
            entries = tuple(BackupTable(t["name"], tuple(t["columns"]), int(t["rows"]),
                                        t["sha256"]) for t in raw["tables"])
            manifest = Manifest(revision=raw["revision"], legacy=bool(raw.get("legacy")),
                                dialect=raw["dialect"], created_at=raw["created_at"],
                                tmgr_version=raw["tmgr_version"], tables=entries)
        except (KeyError, TypeError, ValueError) as exc:
            raise BackupError(f"{self.path}: the manifest is damaged ({exc})",
                              hint="nothing was changed") from exc
        if raw.get("checksum") != _tables_checksum(entries):
            raise BackupError(f"{self.path}: the manifest's checksum does not match",
                              hint="the file is damaged; nothing was changed")
        if manifest.revision not in schema.known_revisions():
            raise BackupError(f"{self.path} is from a newer tmgr (schema revision "
                              f"{manifest.revision}; this tmgr knows up to "
                              f"{schema.head_revision()})",
                              hint="upgrade tmgr to restore it; nothing was changed")
        return manifest

    def _chunks(self, entry: BackupTable) -> Iterator[bytes]:
        try:
            with self.archive.open(entry.member) as member:
                while chunk := member.read(READ_CHUNK):
                    yield chunk
        except (OSError, zipfile.BadZipFile, KeyError, EOFError, zlib.error) as exc:
            raise BackupError(f"{self.path}: table {entry.name} is damaged ({_short(exc)})",
                              hint="nothing was changed") from exc

    def _lines(self, entry: BackupTable) -> Iterator[list[bytes]]:
        """The member's lines (without their newline), a chunk's worth at a time."""
        rest = b""
        for chunk in self._chunks(entry):
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            yield lines
        if rest:
            yield [rest]

    def verify(self) -> None:
        """Read every member through: row counts and checksums must match the manifest."""
        for entry in self.manifest.tables:
            digest, rows = hashlib.sha256(), 0
            for chunk in self._chunks(entry):
                digest.update(chunk)
                rows += chunk.count(b"\n")
            if rows != entry.rows or digest.hexdigest() != entry.sha256:
                raise BackupError(f"{self.path}: table {entry.name} does not match its "
                                  f"checksum ({rows} rows, {entry.rows} expected)",
                                  hint="the file is damaged; nothing was changed")

    def batches(self, entry: BackupTable,
                size: int = tables.BATCH_ROWS) -> Iterator[list[tables.Row]]:
        pending: list[bytes] = []
        try:
            for lines in self._lines(entry):
                pending.extend(lines)
                while len(pending) >= size:
                    yield decode_rows(pending[:size])
                    del pending[:size]
            if pending:
                yield decode_rows(pending)
        except ValueError as exc:  # checked by verify(); a file changed since
            raise BackupError(f"{self.path}: table {entry.name} is damaged ({exc})",
                              hint="nothing was restored") from exc

    def close(self) -> None:
        self.archive.close()
