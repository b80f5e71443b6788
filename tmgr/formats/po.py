"""Gettext PO catalogs, one per document × language (``locales/<lang>/<slug>.po``).

One entry per segment: ``msgctxt`` is the segment's stable key, ``msgid`` the
English, ``msgstr`` the translation; drafts and needs-editing are ``fuzzy``; a
changed source shows the previous English as ``#| msgid``. The extracted comment
``#. tmgr: version=N digest=D`` records what tmgr exported, so that an import can
tell a translator's change from a change made in tmgr meanwhile. An entry without
``msgctxt`` (a converter such as xliff2po drops it) is matched by its English.

Files are written directly (fast, deterministic, no line wrapping) and read with
polib; every file read is first checked with ``msgfmt -c --check-format``,
because polib accepts some broken files (an unterminated string, for one).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import PurePath

import polib

from tmgr import __version__
from tmgr.errors import ConfigError, FormatError
from tmgr.formats.base import CatalogFormat, decode_text
from tmgr.formats.model import Catalog, Unit, as_utc, fingerprint
from tmgr.localedata import language_name
from tmgr.localedata.cldr import plural_forms
from tmgr.qa.messages import N_, Listing
from tmgr.states import State

_MARKER = re.compile(r"^tmgr: version=(?P<version>\d+) digest=(?P<digest>[0-9a-f]{12})$")
_ORIGIN = re.compile(r"^origin: (?P<origin>\S+)$")
_CONTEXT = re.compile(r"^where: (?P<context>.+)$")
_SITE = re.compile(r"^site: (?P<site>site-\S+)$")
#: site strings (keys ``site-…``) share this msgctxt; their key is in a ``#. site:`` note
SITE_CONTEXT = "site"
SITE_KEY_PREFIX = "site-"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})
MSGFMT_TIMEOUT = 60
#: what PO cannot say: approved reads back as translated, a draft as fuzzy
STATE_VIEW = {State.APPROVED: State.TRANSLATED, State.DRAFT: State.NEEDS_EDITING}


def _quote(text: str) -> str:
    """A PO string: one line, or ``""`` then one line per ``\\n``-ended piece."""
    if "\n" not in text[:-1]:
        return f'"{text.translate(_ESCAPES)}"'
    pieces = text.splitlines(keepends=True)
    return '""\n' + "\n".join(f'"{piece.translate(_ESCAPES)}"' for piece in pieces)


def _stamp(moment: datetime | None) -> str:
    moment = as_utc(moment or datetime(1970, 1, 1, tzinfo=UTC))
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _digest(fuzzy: bool, target: str) -> str:
    return fingerprint("po", "fuzzy" if fuzzy else "", target)


def _is_fuzzy(unit: Unit) -> bool:
    return bool(unit.target) and State.DRAFT <= unit.state <= State.NEEDS_EDITING


def _header(catalog: Catalog) -> list[str]:
    snapshot = as_utc(catalog.snapshot) if catalog.snapshot else None
    fields = [
        ("Project-Id-Version", catalog.document),
        ("POT-Creation-Date", _stamp(catalog.snapshot)),
        ("PO-Revision-Date", _stamp(catalog.snapshot)),
        ("Last-Translator", "tmgr"),
        ("Language-Team", language_name(catalog.target_lang)),
        ("Language", catalog.target_lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(catalog.target_lang)),
        ("X-Generator", f"tmgr {__version__}"),
        ("X-Tmgr-Document", catalog.document),
        ("X-Tmgr-Title", " ".join(catalog.title.split())),
        ("X-Tmgr-Snapshot", snapshot.isoformat() if snapshot else ""),
    ]
    title = " ".join(catalog.title.split())
    lines = [f"# {language_name(catalog.target_lang)} translation of “{title}”.",
             f"# Exported by tmgr from document {catalog.document}. Translate the msgstr",
             "# lines; keep the “tmgr:” notes so that tmgr can tell your changes apart.",
             'msgid ""', 'msgstr ""']
    lines += [_quote(f"{name}: {value}\n") for name, value in fields]
    return lines


def _entry(unit: Unit) -> list[str]:
    fuzzy = _is_fuzzy(unit)
    lines = []
    if unit.context:
        lines.append(f"#. where: {unit.context}")
    lines.append(f"#. state: {unit.state.value}")
    if unit.origin:
        lines.append(f"#. origin: {unit.origin}")
    if unit.version is not None:
        lines.append(f"#. tmgr: version={unit.version} digest={_digest(fuzzy, unit.target)}")
    lines += [f"# {' '.join(comment.split())}" for comment in unit.comments if comment.strip()]
    if fuzzy:
        lines.append("#, fuzzy")
    if unit.previous_source:
        lines.append("#| msgid " + _quote(unit.previous_source).replace("\n", "\n#| "))
    context = unit.key
    if unit.key.startswith(SITE_KEY_PREFIX):
        lines.insert(0, f"#. site: {unit.key}")
        context = SITE_CONTEXT
    lines += ["msgctxt " + _quote(context), "msgid " + _quote(unit.source),
              "msgstr " + _quote(unit.target)]
    return lines


_MSGFMT_LINE = re.compile(r"^<stdin>:(?P<line>\d+):(?P<rest>.*)$")


#: what msgfmt says, as a translator reads it (other messages are shown as msgfmt words them)
_MSGFMT_SAYS = (
    ("end-of-line within string", N_("a string is not closed on this line")),
    ("missing 'msgstr' section", N_("an entry has no msgstr")),
    ('missing "msgstr" section', N_("an entry has no msgstr")),
    ("duplicate message definition", N_("the same entry is there twice")),
    ("invalid multibyte sequence", N_("the text is not valid UTF-8 here")),
    ("do not both end with", N_("msgid and msgstr do not both end with a line break")),
    ("format specifications", N_("msgid and msgstr have different placeholders")),
    ("syntax error", N_("this line cannot be read as PO")),
)


def _msgfmt_line(line: str, name: str) -> str:
    """A msgfmt message with the file's name; an unterminated string is reported on the
    line after it (msgfmt has read the newline by then), so point at the string itself."""
    match = _MSGFMT_LINE.match(line)
    if match is None:
        return line.replace("<stdin>", name)
    number = int(match["line"])
    if "end-of-line within string" in match["rest"] and number > 1:
        number -= 1
    said = next((words for phrase, words in _MSGFMT_SAYS if phrase in match["rest"]),
                match["rest"].strip())
    return N_("%(file)s:%(num)s: %(problem)s", file=name, num=number, problem=said)


def check_with_msgfmt(data: bytes, name: str) -> None:
    """Run ``msgfmt -c --check-format``; :class:`FormatError` with its file:line messages."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise ConfigError("msgfmt is not installed, so PO files cannot be checked",
                          hint="install gettext (apt-get install gettext)")
    try:
        result = subprocess.run([msgfmt, "-c", "--check-format", "-o", "/dev/null", "-"],
                                input=data, capture_output=True, timeout=MSGFMT_TIMEOUT,
                                check=False)
    except subprocess.TimeoutExpired as exc:
        raise FormatError(f"{name}: msgfmt took too long to check it") from exc
    if result.returncode != 0:
        messages = result.stderr.decode("utf-8", "replace")
        lines = [_msgfmt_line(line, name) for line in messages.splitlines()
                 if line.startswith("<stdin>:")]
        raise FormatError(N_("not a valid PO file: %(problems)s",
                             problems=Listing(lines[:10] or [messages], "; ")),
                          hint=N_("fix the lines named, e.g. in Poedit, and import it again"))


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a byte-order mark allowed) or UTF-16 (Windows editors), as text."""
    text = decode_text(data, name, hint="save the catalog as UTF-8")
    return text if text.endswith("\n") else text + "\n"


def _language(header: dict[str, str], name: str) -> str:
    code = header.get("Language", "").strip() or PurePath(name).parent.name
    if not code:
        raise FormatError(f"{name}: the header has no Language",
                          hint='add "Language: be" (or ru) to the header')
    return code.replace("-", "_").split("_")[0].lower()


def _notes(entry: polib.POEntry) -> tuple[dict[str, str], list[str]]:
    extracted: dict[str, str] = {}
    for line in (entry.comment or "").splitlines():
        for pattern in (_MARKER, _ORIGIN, _CONTEXT, _SITE):
            match = pattern.match(line.strip())
            if match:
                extracted.update(match.groupdict())
    comments = [line for line in (entry.tcomment or "").splitlines() if line.strip()]
    return extracted, comments


def _unit(entry: polib.POEntry, name: str) -> Unit:
    if entry.msgid_plural:
        raise FormatError(f"{name}:{entry.linenum}: plural entries are not tmgr segments")
    fuzzy = "fuzzy" in entry.flags
    notes, comments = _notes(entry)
    state = (State.UNTRANSLATED if not entry.msgstr
             else State.NEEDS_EDITING if fuzzy else State.TRANSLATED)
    digest = notes.get("digest")
    key = entry.msgctxt or ""
    if key == SITE_CONTEXT:  # a site string: found by its note, else by its English
        key = notes.get("site") or SITE_KEY_PREFIX
    return Unit(key=key, source=entry.msgid, target=entry.msgstr, state=state,
                previous_source=entry.previous_msgid or None, origin=notes.get("origin"),
                comments=comments, context=notes.get("context", ""),
                version=int(notes["version"]) if "version" in notes else None,
                edited=None if digest is None else digest != _digest(fuzzy, entry.msgstr),
                line=entry.linenum)


def _snapshot(header: dict[str, str]) -> datetime | None:
    try:
        return datetime.fromisoformat(header.get("X-Tmgr-Snapshot", "").strip())
    except ValueError:
        return None


class PoFormat(CatalogFormat):
    """Gettext PO, for Poedit and any gettext tool."""

    name = "po"
    extension = ".po"
    media_type = "text/x-gettext-translation; charset=utf-8"
    description = "gettext PO catalog (Poedit, Lokalize, any gettext tool)"

    def dump(self, catalogs: Sequence[Catalog]) -> bytes:
        catalog = self._one(catalogs)
        chunks = ["\n".join(_header(catalog))]
        chunks += ["\n".join(_entry(unit)) for unit in catalog.units]
        return ("\n\n".join(chunks) + "\n").encode("utf-8")

    def load(self, data: bytes, name: str) -> list[Catalog]:
        self.check_size(data, name)
        text = _decode(data, name)
        # checked as decoded: msgfmt takes a byte-order mark for a syntax error and
        # cannot read UTF-16
        check_with_msgfmt(text.encode("utf-8"), name)
        try:
            parsed = polib.pofile(text, wrapwidth=0)
        except (OSError, ValueError) as exc:
            raise FormatError(f"{name}: {exc}", hint="fix the file and import it again") from exc
        header = dict(parsed.metadata)
        units = [_unit(entry, name) for entry in parsed if not entry.obsolete]
        document = header.get("X-Tmgr-Document", "").strip() or PurePath(name).stem
        return [Catalog(document=document, target_lang=_language(header, name), units=units,
                        title=header.get("X-Tmgr-Title", ""), snapshot=_snapshot(header),
                        state_view=dict(STATE_VIEW))]
