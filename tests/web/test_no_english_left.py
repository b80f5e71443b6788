"""Every word in the user's language: pages and error answers in be and ru hold no English
of tmgr's own (names, codes and the English being translated are allowed)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from tests.conftest import SAMPLE
from tests.web.conftest import Web, segment_ids
from tmgr.store.db import Database

#: names, codes and terms of the trade that stay as they are in every language
ALLOWED = {
    "tmgr", "TM", "MT", "QA", "PO", "XLIFF", "TMX", "HTML", "CSV", "JSON", "TXT", "URL", "ID",
    "Ctrl", "Alt", "Shift", "Enter", "Esc", "Tab", "chrF", "BLEU", "TER", "PDF", "UTC",
    "google", "mymemory", "deepl", "libre", "yandex", "microsoft", "apertium", "llm",
    "offline", "Google", "DeepL", "Apertium", "English", "Беларуская", "Русский",
    "tr_be", "tr_ru", "rev_be", "rev2_be", "editor", "publisher", "admin", "be", "ru", "en",
    "review", "four_eyes", "false", "tmgr engines", "OK", "txt", "md", "html", "po", "xliff",
    "tmx", "csv", "zip", "nbsp", "xliff2",
    "root",  # the system account that ingested the sample (a name)
}
SKIPPED_TAGS = {"script", "style", "code", "kbd", "textarea", "pre", "option", "time"}
LATIN = re.compile(r"[A-Za-z]\w{2,}(?:['’]\w+)*")
COMMAND = re.compile(r"`[^`]*`|(?<!\w)/[\w./-]+")  # a command or a path stays as typed


class _Text(HTMLParser):
    """The words a reader sees or hears: text and titles, labels, placeholders; not what
    is marked lang="en" (the sentences being translated) nor code and data."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = tag in SKIPPED_TAGS or values.get("lang") == "en" or "translate" in values \
            and values["translate"] == "no"
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self.stack.append((tag, skip))
        if not (skip or self._skipping()):
            for name in ("title", "aria-label", "placeholder", "alt"):
                if values.get(name):
                    self.words.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.words.append(data)


def english_left(html: str, allowed: set[str]) -> list[str]:
    parser = _Text()
    parser.feed(html)
    found = []
    for text in parser.words:
        for word in LATIN.findall(COMMAND.sub(" ", text)):
            if word not in allowed and word.lower() not in allowed:
                found.append(word)
    return sorted(set(found))


def _signed_in(as_user: Any, name: str, lang: str) -> Web:
    web = as_user(name)
    web.form("/ui-language", {"ui_lang": lang, "next": "/"})
    return web


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_pages_and_error_answers_speak_the_users_language(
        as_user: Any, db: Database, sample_doc: str, lang: str) -> None:
    ids = segment_ids(db, sample_doc)
    content = SAMPLE.read_text(encoding="utf-8")  # the English being translated
    allowed = ALLOWED | set(LATIN.findall(f"{content} {sample_doc} no-such-document"))
    pages = {
        "tr_be": ["/", f"/documents/{sample_doc}", f"/doc/{sample_doc}/be",
                  f"/doc/{sample_doc}/be/read", f"/doc/{sample_doc}/be/segment/{ids[0]}",
                  f"/doc/{sample_doc}/be/segment/{ids[0]}/panel", "/notifications",
                  "/account", "/words", "/doc/no-such-document/be", "/replace"],
        "admin": ["/admin/users", "/admin/outbox", "/dashboard", "/mt", "/export"],
    }
    left: dict[str, list[str]] = {}
    for user, urls in pages.items():
        web = _signed_in(as_user, user, lang)
        for url in urls:
            response = web.get(url)
            assert response.status_code < 500, url
            words = english_left(response.get_data(as_text=True), allowed)
            if words:
                left[url] = words
    assert not left, f"English left in the {lang} UI: {left}"


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_refusals_speak_the_users_language(
        as_user: Any, db: Database, sample_doc: str, lang: str) -> None:
    ids = segment_ids(db, sample_doc)
    web = _signed_in(as_user, "rev_be", lang)
    saved = web.api("PUT", f"/api/segments/{ids[0]}/be", {"text": "Мінск.", "version": 1})
    refusals = [
        web.api("POST", f"/api/segments/{ids[0]}/be/approve",
                {"version": saved.get_json()["version"]}),  # the four-eyes rule
        web.api("PUT", f"/api/segments/{ids[1]}/be", {"text": "Слова. " * 2000,
                                                      "version": 1}),  # a long paste
        web.api("POST", f"/api/segments/{ids[2]}/be/reject", {"version": 1, "comment": ""}),
        web.api("POST", f"/api/segments/{ids[2]}/be/mt", {"engine": "apertium:ru"}),
        web.api("POST", "/api/replace/preview", {"search": ".*", "replace": "", "regex": True,
                                                 "lang": "be"}),
        web.api("POST", "/api/replace/preview", {"search": "(a+)+", "replace": "",
                                                 "regex": True, "lang": "be"}),
    ]
    web.form("/logout", {})
    web.form("/ui-language", {"ui_lang": lang, "next": "/"}, "/login")
    refusals.append(web.api("PUT", f"/api/segments/{ids[0]}/be", {"text": "x", "version": 9}))
    for answer in refusals:
        data = answer.get_json()
        assert answer.status_code >= 400, data
        words = english_left(f"<p>{data['error']}</p><p>{data.get('hint') or ''}</p>",
                             ALLOWED)
        assert not words, f"{lang}: {data}"


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_override_and_reject_are_different_words(lang: str) -> None:
    from babel.support import Translations

    from tests.web.test_i18n import TRANSLATIONS

    catalog = Translations.load(str(TRANSLATIONS), [lang])
    assert catalog.gettext("Override…") != catalog.gettext("Reject…")
    assert catalog.gettext("Override") != catalog.gettext("Reject")


def test_history_notes_name_checks_and_the_pivot_in_the_ui_language(app) -> None:
    from tmgr.web.notes import history_note

    with app.test_request_context("/", headers={"Accept-Language": "be"}):
        said = history_note("QA override (cross-language): імёны правільныя")
        assert "cross-language" not in said and "Версіі разыходзяцца" in said
        assert history_note("from the approved ru text: Мінск.") == \
            "з зацверджанага рускага тэксту: Мінск."


def test_an_html_draft_titles_its_gaps_in_its_own_language() -> None:
    from tmgr.formats.html import HtmlFormat
    from tmgr.formats.model import Article, Run

    article = Article(slug="x", lang="be", title=[Run("Загаловак")], blocks=[])
    article.draft_label, article.gap_label = "ЧАРНАВІК", "не зацверджана"
    article.title = [Run("Загаловак "), Run("Minsk", gap=True)]
    html = HtmlFormat().render(article).decode()
    assert 'title="не зацверджана"' in html and "not approved" not in html
