"""The newsroom's whole week in Debian's chromium, no command line once the server runs.

An editor pastes this week's commentary, reads how it was read and adds it; the
Russian and Belarusian translators translate it in the editor (the Belarusian one
takes two machine suggestions as they are) and translate its site strings; a
reviewer per language approves; the publisher finds it ready, previews it as
published, is told that an editor must confirm the unedited machine translation,
an editor confirms it on the document's page (kept in its history), and the
publisher exports. Every step asserts what the person sees.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, _wait_until_up, free_port, signed_in_pages
from tmgr.documents.ingest import load_document
from tmgr.drafting.cache import CacheKey, remember
from tmgr.people.users import create_user
from tmgr.store.db import Database

pytestmark = pytest.mark.browser

MONDAY = date.today() - timedelta(days=date.today().weekday())
SUNDAY = MONDAY + timedelta(days=6)
SLUG = f"{MONDAY.isoformat()}-gas-deal"
WEEK = f"{MONDAY:%B} {MONDAY.day} – {SUNDAY:%B} {SUNDAY.day}, {SUNDAY.year}"
COMMENTARY = f"""by Ala Marchuk
{WEEK}
Energy

Gas Deal Signed in Minsk

The situation is stabilising
Gas Deal Signed in Minsk

The deal was signed on Monday. Prices will not change.
"""
#: the segments' English, and what each translator writes (None: the cached MT, as is)
SEGMENTS = ["Gas Deal Signed in Minsk", "The deal was signed on Monday.",
            "Prices will not change."]
RUSSIAN = ["Газовое соглашение подписано в Минске",
           "Соглашение было подписано в понедельник.", "Цены не изменятся."]
BELARUSIAN_MT = ["Газавае пагадненне падпісана ў Мінску",
                 "Пагадненне было падпісана ў панядзелак."]
BELARUSIAN_BY_HAND = "Цэны не зменяцца."
SITE_STRINGS = {"Energy": {"be": "Энергетыка", "ru": "Энергетика"},
                "The situation is stabilising": {"be": "Сітуацыя стабілізуецца",
                                                 "ru": "Ситуация стабилизируется"},
                "Ala Marchuk": {"be": "Ала Марчук", "ru": "Ала Марчук"}}
PEOPLE = {"ed": ("editor", []), "tr_be": ("translator", ["be"]),
          "tr_ru": ("translator", ["ru"]), "rev_be": ("reviewer", ["be"]),
          "rev_ru": ("reviewer", ["ru"]), "pub": ("publisher", [])}


@dataclass
class Newsroom:
    url: str
    database: Database


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Newsroom]:
    """An empty newsroom: its people, the machine translations it had cached, and the
    unedited-MT warning at 50 % for Belarusian; then `tmgr serve`."""
    url = f"sqlite:///{tmp_path / 'tmgr.sqlite3'}"
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    database = Database(url)
    database.upgrade()
    with database.transaction() as session:
        for name, (role, langs) in PEOPLE.items():
            create_user(session, name, role=role, languages=langs, password=PASSWORD,
                        configured=("be", "ru"))
        remember(session, [(CacheKey("google", "en", "be", english), text)
                           for english, text in zip(SEGMENTS, BELARUSIAN_MT, strict=False)])
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMGR_")}
    env.update(TMGR_DATABASE_URL=url, TMGR_INSTANCE=str(tmp_path / "instance"),
               TMGR_LANGUAGES="be,ru", TMGR_PASSWORD_HASH="pbkdf2:sha256:1000",
               TMGR_UNEDITED_MT_WARN="be=50")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tmgr", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(base, process)
        yield Newsroom(base, database)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()  # type: ignore[union-attr]
        database.dispose()


@pytest.fixture
def sign_in(browser, newsroom: Newsroom) -> Iterator[Callable[[str], Page]]:  # type: ignore[no-untyped-def]
    with signed_in_pages(browser, newsroom.url, accept_downloads=True) as make:
        yield make


def _editor_adds_the_commentary(page: Page) -> None:
    page.locator("#add-commentary").click()
    page.locator("input[name=slug]").fill(SLUG)
    page.locator("select[name=kind]").select_option("txt")
    page.locator("textarea[name=text]").fill(COMMENTARY)
    page.get_by_role("button", name="Read it").click()
    reading = page.locator("#reading")
    expect(reading.locator("tr.role-week")).to_contain_text(WEEK)
    expect(reading.locator("tr.role-title-repeat")).to_contain_text("the headline printed again")
    expect(page.locator("#warnings")).to_contain_text("new status line wording")
    expect(page.locator("#field-title")).to_have_value(SEGMENTS[0])
    page.locator("#add-button").click()
    expect(page.locator(".flash.ok")).to_contain_text(SLUG)
    expect(page.locator("h1")).to_contain_text(SEGMENTS[0])


def _segment_ids(newsroom: Newsroom) -> list[int]:
    with newsroom.database.transaction() as session:
        segments = load_document(session, SLUG).segments
        assert [s.source for s in segments] == SEGMENTS
        return [s.id for s in segments]


def _open_editor(page: Page, newsroom: Newsroom, lang: str) -> None:
    page.goto(f"{newsroom.url}doc/{SLUG}/{lang}")
    expect(page.locator("#article")).to_be_visible()


def _translate(page: Page, segment: int, text: str | None) -> None:
    """Type ``text``, or take the machine suggestion unchanged (None); save."""
    box = page.locator(f"#s{segment} textarea")
    box.click()
    if text is None:
        expect(page.locator("#panel .suggestion[data-kind=mt]").first).to_be_visible()
        page.keyboard.press("Alt+m")
        expect(box).not_to_have_value("")
    else:
        box.fill(text)
    box.press("Control+Enter")
    expect(page.locator(f"#s{segment} [data-role=state]")).to_have_text("translated")


def _strings(page: Page, lang: str, action: str) -> None:
    """On the site strings page: save (translator) or approve (reviewer) what is waiting."""
    page.locator("#nav-strings").click()
    page.get_by_role("link", name="Only those not approved").click()
    rows = page.locator("tr.site-string")
    sources = [rows.nth(i).get_attribute("data-key") or "" for i in range(rows.count())]
    for source in sources:
        cell = page.locator(f'tr.site-string[data-key="{source}"] '
                            f'td.string-cell[data-lang="{lang}"]')
        if cell.get_attribute("data-state") in ("approved", None):
            continue
        if action == "save":
            assert source in SITE_STRINGS, f"a site string this test does not know: {source}"
            cell.locator("input[name=text]").fill(SITE_STRINGS[source][lang])
            cell.get_by_role("button", name="Save").click()
            expect(page.locator(f'tr.site-string[data-key="{source}"] '
                                f'td.string-cell[data-lang="{lang}"]')
                   ).to_have_attribute("data-state", "translated")
        else:
            expect(cell.locator("input[name=text]")).to_have_value(SITE_STRINGS[source][lang])
            cell.get_by_role("button", name="Approve").click()
            expect(page.locator(".flash.ok")).to_contain_text(f"Site string «{source}» saved")
            expect(page.locator(f'tr.site-string[data-key="{source}"] td.string-cell'
                                f'[data-lang="{lang}"]:not([data-state="approved"])')
                   ).to_have_count(0)  # approved, or off the list once every language is


def _approve(page: Page, ids: list[int]) -> None:
    for segment in ids:
        page.locator(f"#s{segment} textarea").click()
        page.keyboard.press("Control+Shift+Enter")
        expect(page.locator(f"#s{segment} [data-role=state]")).to_have_text("approved")
    expect(page.locator("#doc-progress .pct")).to_have_text("100%")


def _translators_and_reviewers(sign_in: Callable[[str], Page], newsroom: Newsroom,
                               ids: list[int]) -> None:
    for lang, texts in (("ru", RUSSIAN), ("be", [None, None, BELARUSIAN_BY_HAND])):
        translator = sign_in(f"tr_{lang}")
        expect(translator.locator("#my-work .site-work")).to_contain_text("Energy")
        _open_editor(translator, newsroom, lang)
        for segment, text in zip(ids, texts, strict=True):
            _translate(translator, segment, text)
        _strings(translator, lang, "save")
        reviewer = sign_in(f"rev_{lang}")
        _open_editor(reviewer, newsroom, lang)
        _approve(reviewer, ids)
        _strings(reviewer, lang, "approve")
        reviewer.goto(f"{newsroom.url}documents/{SLUG}")
        for cell in reviewer.locator(f'.doc-site-strings td[data-lang="{lang}"]').all():
            expect(cell).to_have_attribute("data-state", "approved")


def _publisher_previews(publisher: Page) -> None:
    publisher.reload()
    ready = publisher.locator(f'#ready-to-publish li[data-slug="{SLUG}"]')
    expect(ready).to_have_count(2)
    row = publisher.locator("a.preview").first
    row.click()
    expect(publisher.locator("h1")).to_contain_text(SEGMENTS[0])
    expect(publisher.locator("#preview-draft")).to_have_count(0)  # every part approved
    published = publisher.frame_locator("#published-frame").locator("body")
    expect(published).to_contain_text(BELARUSIAN_MT[0])
    expect(published).to_contain_text("Энергетыка")  # the section, in Belarusian
    expect(publisher.locator("#preview-english")).to_contain_text(SEGMENTS[1])
    publisher.locator("nav.tabs a").nth(1).click()
    expect(publisher.frame_locator("#published-frame").locator("body")).to_contain_text(
        RUSSIAN[0])


def _export_page(publisher: Page, newsroom: Newsroom) -> None:
    publisher.goto(newsroom.url)
    publisher.locator(f'#ready-to-publish li[data-slug="{SLUG}"] a').first.click()
    expect(publisher.locator(f'input[name=slug][value="{SLUG}"]')).to_be_checked()
    for name in ("txt", "md", "po", "xliff", "xliff2", "tmx"):
        box = publisher.locator(f'input[name=format][value="{name}"]')
        if box.count():
            box.uncheck()
    publisher.locator('input[name=format][value="html"]').check()


def test_the_whole_week_in_the_browser(sign_in: Callable[[str], Page], newsroom: Newsroom,
                                       tmp_path: Path) -> None:
    editor = sign_in("ed")
    _editor_adds_the_commentary(editor)
    ids = _segment_ids(newsroom)
    _translators_and_reviewers(sign_in, newsroom, ids)

    publisher = sign_in("pub")
    _publisher_previews(publisher)
    _export_page(publisher, newsroom)
    publisher.get_by_role("button", name="Download").click()
    asked = publisher.locator("#unedited-mt")
    expect(asked).to_contain_text(f"{SLUG} (be)")
    expect(publisher.locator("#confirm-by-editor")).to_contain_text(
        "publishers may not confirm it alone")
    expect(publisher.locator("#confirm-unedited")).to_have_count(0)

    editor.goto(newsroom.url)
    editor.locator(f'a.details[href$="/documents/{SLUG}"]').click()
    shares = editor.locator("#unedited-mt-shares")
    expect(shares.locator('li[data-lang="ru"]')).to_have_attribute("data-percent", "0.0")
    expect(shares.locator('li[data-lang="be"]')).to_contain_text("over the warning")
    editor.locator("#confirm-unedited-be").click()
    expect(editor.locator(".flash.ok")).to_contain_text("Confirmed")
    confirmation = editor.locator('#unedited-confirmations li[data-lang="be"]')
    expect(confirmation).to_contain_text("confirmed by ed at 73.3% of 15 approved words")
    expect(confirmation).to_contain_text("(warning 50%, block off)")
    expect(editor.locator("#confirm-unedited-be")).to_have_count(0)

    _export_page(publisher, newsroom)
    with publisher.expect_download() as download:
        publisher.get_by_role("button", name="Download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as archive:
        texts = {name: archive.read(name).decode("utf-8").replace("\xa0", " ")  # typography
                 for name in archive.namelist()}
    be = next(text for name, text in texts.items() if "/be/" in name)
    ru = next(text for name, text in texts.items() if "/ru/" in name)
    assert BELARUSIAN_MT[1] in be and BELARUSIAN_BY_HAND in be and "Энергетыка" in be
    assert RUSSIAN[2] in ru and "Энергетика" in ru
    publisher.goto(newsroom.url + "week")
    expect(publisher.locator(f'#week-rows tr[data-slug="{SLUG}"]')).to_have_count(2)
