"""The UI catalogs: every string of the templates and views translated, .mo up to date."""

from __future__ import annotations

import io

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import DOMAIN_PACKAGES, ROOT

TRANSLATIONS = ROOT / "web" / "translations"


def _ids_in_sources() -> set[str]:
    method_map = [("tmgr/web/**.py", "python"), ("tmgr/qa/**.py", "python"),
                  *((package.replace(".", "/") + "/**.py", "python")
                    for package in DOMAIN_PACKAGES),
                  ("tmgr/concordance/**.py", "python"),
                  ("web/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, keywords={"_": None, "_l": None, "gettext": None,
                                             "ngettext": (1, 2), "lazy_gettext": None,
                                             "N_": None}):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_catalog_translates_every_ui_string(lang: str) -> None:
    po_path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog if m.id}
    missing = sorted(_ids_in_sources() - set(ids))
    assert not missing, f"run `make translations` and translate: {missing}"
    untranslated = [i for i, m in ids.items()
                    if not (all(m.string) if isinstance(m.string, tuple) else m.string)
                    or m.fuzzy]
    assert not untranslated, f"{lang}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_compiled_catalog_matches_the_po_file(lang: str) -> None:
    folder = TRANSLATIONS / lang / "LC_MESSAGES"
    def table(catalog: object) -> dict[object, object]:
        def flat(value: object) -> object:
            return tuple(value) if isinstance(value, (list, tuple)) else value
        return {flat(m.id): flat(m.string) for m in catalog if m.id}  # type: ignore[attr-defined]

    with (folder / "messages.po").open("rb") as fh:
        po = table(read_po(fh))
    mo = table(read_mo(io.BytesIO((folder / "messages.mo").read_bytes())))
    assert mo == po, "the .mo is stale: run `make translations`"


def test_origin_labels_name_the_engine_and_the_pivot(app) -> None:
    from tmgr.web.templating import origin_label

    with app.test_request_context("/"):
        assert origin_label("mt:google via ru") == "MT via pivot (google)"
        assert origin_label("mt:libre") == "MT (libre)"
        assert origin_label("tm") == "TM" and origin_label("human") == "human"


@pytest.mark.parametrize("lang,expected", [
    ("be", "месяцы не супадаюць з арыгіналам: няма люты; няма ў арыгінале сакавік"),
    ("ru", "месяцы не совпадают с оригиналом: нет февраль; нет в оригинале март"),
])
def test_check_messages_are_shown_in_the_ui_language(lang: str, expected: str) -> None:
    from babel.support import Translations

    from tmgr.qa import check_translation

    (finding,) = check_translation("On Feb. 5 it ended.", "5 сакавіка скончылася.", "be")
    catalog = Translations.load(str(TRANSLATIONS), [lang])
    assert finding.message == "months differ from the source: missing February; " \
        "not in the source March"
    assert finding.translated(catalog.gettext) == expected


def test_editor_shows_findings_in_the_ui_language(app) -> None:
    from tmgr.qa import check_translation
    from tmgr.qa.spelling import with_suggestions
    from tmgr.web.messages import finding_json

    (finding,) = with_suggestions(
        check_translation("The talks resumed.", "Перамовы аднавілся.", "be"), "be")
    with app.test_request_context("/", headers={"Accept-Language": "ru"}):
        shown = finding_json(finding)
    assert shown["message"] == "«аднавілся» — возможно, орфографическая ошибка"
    assert shown["key"] == "аднавілся" and "аднавіліся" in shown["suggestions"]
