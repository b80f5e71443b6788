"""Site strings in PO and XLIFF files: a document's catalogs carry the ones it uses,
``tmgr strings export|import`` all of them; what comes back is applied with the
editor's rules (:func:`tmgr.review.sitestrings.change_string`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.errors import FormatError, TmgrError
from tmgr.formats import FORMATS, format_for_file
from tmgr.formats.base import CatalogFormat
from tmgr.formats.model import Catalog, Unit
from tmgr.review import sitestrings as site
from tmgr.states import State
from tmgr.store.models import Document, SiteString, User

#: the catalog name of ``tmgr strings export``
STRINGS_CATALOG = "site-strings"


def is_site_unit(unit: Unit) -> bool:
    """Whether a catalog unit is a site string rather than a segment."""
    return unit.key.startswith(site.KEY_PREFIX)


def _unit(string: SiteString, lang: str) -> Unit:
    row = site.existing_translation(string, lang)
    return Unit(key=site.unit_key(string), source=string.source,
                target=row.text if row else "",
                state=row.state if row else State.UNTRANSLATED,
                context=f"site string: {site.KIND_NAMES[string.kind]}")


def site_units(session: Session, document_id: int, lang: str) -> list[Unit]:
    """The units of the site strings a document uses, for its PO/XLIFF catalog."""
    document = session.get(Document, document_id)
    if document is None:
        return []
    return [_unit(string, lang) for string in site.document_strings(session, document)]


def split_site_units(catalog: Catalog) -> list[Unit]:
    """Take the site-string units out of ``catalog`` and return them."""
    found = [unit for unit in catalog.units if is_site_unit(unit)]
    if found:
        catalog.units = [unit for unit in catalog.units if not is_site_unit(unit)]
    return found


def split_unmarked_site_units(session: Session, catalog: Catalog,
                              is_sentence: Callable[[Unit], bool]) -> list[Unit]:
    """Take out the units that lost their site-string mark (a converter such as xliff2po
    drops keys) but whose English is a site string of the document and no sentence."""
    document = session.scalar(select(Document).where(Document.slug == catalog.document))
    if document is None:
        return []
    known = {site.fold(string.source) for string in site.document_strings(session, document)}
    found = [unit for unit in catalog.units
             if not is_sentence(unit) and site.fold(unit.source) in known]
    if found:
        catalog.units = [unit for unit in catalog.units if unit not in found]
    return found


def _resolve(strings: Sequence[SiteString], unit: Unit) -> SiteString | None:
    by_key = next((s for s in strings if site.unit_key(s) == unit.key), None)
    if by_key is not None:
        return by_key
    same = [s for s in strings if site.fold(s.source) == site.fold(unit.source)]
    return same[0] if len(same) == 1 else None


def apply_site_units(session: Session, units: Sequence[Unit], lang: str, user: User,
                     report: site.StringReport, *, four_eyes: bool = True) -> None:
    """Apply translated site-string units, as the editor would; refusals go to ``report``."""
    strings = site.all_strings(session)
    for unit in units:
        if unit.edited is False or not unit.target.strip():
            report.unchanged += 1
            continue
        string = _resolve(strings, unit)
        if string is None or string.source != unit.source:
            report.refused.append(f"site string {unit.source!r}: not known, or its English "
                                  "changed since the export")
            continue
        state = unit.state if unit.state >= State.NEEDS_EDITING else State.TRANSLATED
        row = site.existing_translation(string, lang)
        if row is not None and row.text == unit.target and state <= row.state:
            report.unchanged += 1  # the file has tmgr's words: a PO cannot say "approved"
            continue
        try:
            with session.begin_nested():
                changed = _change(session, string, lang, unit.target, state, user, four_eyes)
        except TmgrError as exc:
            report.refused.append(f"site string {unit.source!r}: {exc.message}")
            continue
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1


def _change(session: Session, string: SiteString, lang: str, text: str, state: State,
            user: User, four_eyes: bool) -> bool:
    """Apply one unit; approval the rules refuse falls back to translated."""
    try:
        return site.change_string(session, string, lang, text=text, state=state, user=user,
                                  four_eyes=four_eyes)
    except TmgrError:
        if state != State.APPROVED:
            raise
        return site.change_string(session, string, lang, text=text, state=State.TRANSLATED,
                                  user=user, four_eyes=four_eyes)


def export_strings(session: Session, lang: str, name: str) -> bytes:
    """Every site string in ``lang`` as a PO or XLIFF file (by ``name``'s suffix)."""
    suffix = PurePath(name).suffix.lower()
    fmt = next((f for f in FORMATS.values()
                if isinstance(f, CatalogFormat) and f.extension == suffix), None)
    if fmt is None:
        raise FormatError(f"{name}: site strings go to a PO or XLIFF file",
                          hint="name the file .po or .xlf")
    units = [_unit(string, lang) for string in site.all_strings(session)]
    return fmt.dump([Catalog(document=STRINGS_CATALOG, target_lang=lang, units=units,
                             title="site strings")])


def import_strings(session: Session, name: str, data: bytes, user: User, *,
                   four_eyes: bool = True) -> site.StringReport:
    """Take back the site strings of a PO or XLIFF file (any catalog of it)."""
    fmt = format_for_file(name, data)
    if not isinstance(fmt, CatalogFormat):
        raise FormatError(f"{name}: not a PO or XLIFF file", hint="name the file .po or .xlf")
    report = site.StringReport()
    for catalog in fmt.load(data, name):
        units = [unit for unit in catalog.units if is_site_unit(unit)]
        apply_site_units(session, units, catalog.target_lang, user, report,
                         four_eyes=four_eyes)
    return report


def approve_document_strings(session: Session, document: Document, lang: str, user: User,
                             *, four_eyes: bool = True) -> tuple[list[str], list[str]]:
    """Approve the document's translated site strings the rules allow: (approved, skipped)."""
    approved, skipped = [], []
    for string in site.document_strings(session, document):
        row = site.existing_translation(string, lang)
        if row is None or row.state != State.TRANSLATED:
            continue
        try:
            with session.begin_nested():
                site.change_string(session, string, lang, text=None, state=State.APPROVED,
                                   user=user, four_eyes=four_eyes)
        except TmgrError as exc:
            skipped.append(f"site string {string.key!r}: {exc.message}")
        else:
            approved.append(string.key)
    return approved, skipped
