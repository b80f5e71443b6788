"""The translator's editor under pressure: an ended session, MT status, keys (issue 23)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete

from tests.browser.conftest import PASSWORD, LiveServer
from tmgr.documents.ingest import load_document
from tmgr.review.translations import get_translation
from tmgr.store.models import WebSession

pytestmark = pytest.mark.browser


def _ids(server: LiveServer) -> list[int]:
    with server.database.transaction() as session:
        return [s.id for s in load_document(session, server.slug).segments]


def _end_every_session(server: LiveServer) -> None:
    with server.database.transaction() as session:
        session.execute(delete(WebSession))


def test_an_ended_session_asks_for_the_password_and_keeps_the_text(login, live_server) -> None:
    ids = _ids(live_server)
    page: Page = login("tr_be")
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    first = page.locator(f"#s{ids[0]} textarea")
    first.click()
    expect(page.locator("#panel")).to_contain_text("Request MT")
    first.fill("Лукашэнка выступае за перамовы.")
    _end_every_session(live_server)
    page.locator(f"#s{ids[1]} textarea").click()  # the panel of another segment: not a login page
    dialog = page.locator("dialog#reauth")
    expect(dialog).to_be_visible()
    expect(page.locator("#panel input[type=password]")).to_have_count(0)
    dialog.locator("input[name=password]").fill(PASSWORD)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#panel")).to_contain_text("Request MT")
    expect(first).to_have_value("Лукашэнка выступае за перамовы.")
    _end_every_session(live_server)
    first.click()
    page.keyboard.press("Control+Enter")
    expect(dialog).to_be_visible()
    dialog.locator("input[name=password]").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(f"#s{ids[0]} [data-role=state]")).to_have_text("translated")
    with live_server.database.transaction() as session:
        assert get_translation(session, ids[0], "be").text == "Лукашэнка выступае за перамовы."


BELARUSIAN = [
    "Лукашэнка выступае за перамовы з Украінай, але гатовы зноў аказаць Расіі ваенную "
    "падтрымку ў выпадку неабходнасці",
    "Рэжым Лукашэнкі зноў сігналізуе пра гатоўнасць удзельнічаць у мірных перамовах з Украінай.",
    "Адначасова дыктатар дамагаецца гарантый бяспекі як ад Кіева, так і ад заходніх сталіц.",
    "Мінск заклікае пачаць працэс як мага хутчэй, каб пазбегнуць далейшай эскалацыі.",
    "Калі гэтага не адбудзецца, Лукашэнка гатовы зноў прадаставіць беларускую тэрыторыю "
    "расійскім войскам для нападу на Украіну з поўначы, не баючыся ніякіх наступстваў з боку "
    "Захаду.",
    "На Другой канферэнцыі па еўразійскай бяспецы ў Мінску Лукашэнка выказаў жаданне "
    "ўдзельнічаць у мірных перамовах, каб забяспечыць бяспеку краіны.",
    "Пазіцыя Беларусі па-ранейшаму адлюстроўвае інтарэсы Крамля: заявы дыктатара падтрымліваюць "
    "расійскую інтэрпрэтацыю падзей і крытыкуюць Захад.",
    "Беларускае кіраўніцтва падкрэслівае, што ўключэнне Мінска ў перамовы пра Украіну вельмі "
    "важнае для ўласнай бяспекі Беларусі.",
    "Такім чынам, рэжым Лукашэнкі гатовы дапамагчы зменшыць напружанасць і выступіць "
    "пасярэднікам.",
    "Лукашэнка сцвярджае, што пасля нядаўніх сустрэч з неназванымі заходнімі прадстаўнікамі "
    "тыя нібыта пачалі разумець неабходнасць перамоў.",
]
FOCUSED_SEGMENT = "document.activeElement && document.activeElement.closest('form.seg')" \
                  " ? document.activeElement.closest('form.seg').id : null"


def _focused_segment(page: Page) -> str | None:
    return page.evaluate(FOCUSED_SEGMENT)


def _by_keyboard(login, server: LiveServer, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    translator = login("tr_be")
    translator.goto(f"{server.url}doc/{server.slug}/be")
    expect(translator.locator("#article")).to_be_visible()
    translator.keyboard.press("Alt+ArrowDown")  # into the first segment
    translator.keyboard.press("Alt+Slash")
    expect(translator.locator("#shortcuts")).to_be_visible()
    expect(translator.locator("#shortcuts")).to_contain_text("insert glossary term N")
    translator.keyboard.press("Alt+Slash")
    for number, (segment_id, text) in enumerate(zip(ids, BELARUSIAN, strict=False)):
        expect(translator.locator(f"#s{segment_id}")).to_have_class(
            "seg untranslated active")
        translator.keyboard.insert_text(text)
        if number == 2:  # a question to the reviewer, without leaving the keyboard
            translator.keyboard.press("Alt+k")
            expect(translator.locator("#panel .comment-form textarea")).to_be_focused()
            translator.keyboard.insert_text("Ці правільна «заходнія сталіцы»?")
            translator.keyboard.press("Control+Enter")
            expect(translator.locator("#panel .comments")).to_contain_text("заходнія сталіцы")
            assert _focused_segment(translator) == f"s{segment_id}", "focus back in the row"
        translator.keyboard.press("Control+Enter")
        expect(translator.locator(f"#s{segment_id} [data-role=state]")).to_have_text(
            "translated")
    reviewer = login("rev_be")
    reviewer.goto(f"{server.url}doc/{server.slug}/be?state=translated")
    expect(reviewer.locator("#article")).to_be_visible()
    reviewer.keyboard.press("Alt+ArrowDown")
    for segment_id in ids:
        expect(reviewer.locator(f"#s{segment_id}")).to_have_class("seg translated active")
        reviewer.keyboard.press("Alt+n")  # a look at the findings: there are none
        expect(reviewer.locator("#key-announce")).not_to_be_empty()
        reviewer.keyboard.press("Control+Shift+Enter")
        expect(reviewer.locator(f"#s{segment_id} [data-role=state]")).to_have_text("approved")
    assert reviewer.locator("#state-filter").input_value() == "translated", "filter kept"


def _by_mouse(login, server: LiveServer, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    translator = login("tr_be")
    translator.goto(f"{server.url}doc/{server.slug}/be")
    for number, (segment_id, text) in enumerate(zip(ids, BELARUSIAN, strict=False)):
        row = translator.locator(f"#s{segment_id}")
        row.locator("textarea").click()
        translator.keyboard.insert_text(text)
        if number == 2:
            translator.locator("#panel .comment-form textarea").click()
            translator.keyboard.insert_text("Ці правільна «заходнія сталіцы»?")
            translator.locator("#panel .comment-form button").click()
            expect(translator.locator("#panel .comments")).to_contain_text("заходнія сталіцы")
        row.get_by_role("button", name="Save").click()
        expect(row.locator("[data-role=state]")).to_have_text("translated")
    reviewer = login("rev_be")
    reviewer.goto(f"{server.url}doc/{server.slug}/be?state=translated")
    for segment_id in ids:
        row = reviewer.locator(f"#s{segment_id}")
        row.locator("textarea").click()
        row.get_by_role("button", name="Approve").click()
        expect(row.locator("[data-role=state]")).to_have_text("approved")


@pytest.mark.parametrize("way", ["keyboard", "mouse"])
def test_ten_segments_translated_and_reviewed(way: str, login, live_server) -> None:
    import time
    ids = _ids(live_server)[:10]
    started = time.monotonic()
    (_by_keyboard if way == "keyboard" else _by_mouse)(login, live_server, ids)
    print(f"\n10-segment translate-and-review task by {way}: "
          f"{time.monotonic() - started:.1f} s")
    with live_server.database.transaction() as session:
        texts = [get_translation(session, i, "be") for i in ids]
        assert [t.text for t in texts] == BELARUSIAN
        assert all(t.state.value == "approved" for t in texts)


def test_reject_asks_for_the_error_category_and_severity(login, live_server) -> None:
    ids = _ids(live_server)[:1]
    translator = login("tr_be")
    translator.goto(f"{live_server.url}doc/{live_server.slug}/be")
    translator.locator(f"#s{ids[0]} textarea").fill(BELARUSIAN[0])
    translator.keyboard.press("Control+Enter")
    expect(translator.locator(f"#s{ids[0]} [data-role=state]")).to_have_text("translated")
    reviewer = login("rev_be")
    reviewer.goto(f"{live_server.url}doc/{live_server.slug}/be")
    reviewer.locator(f"#s{ids[0]} textarea").click()
    reviewer.keyboard.press("Alt+r")
    dialog = reviewer.locator("#reject-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("textarea[name=comment]")).to_be_focused()
    reviewer.keyboard.insert_text("«Ваенную падтрымку» тут не пра тое.")
    dialog.locator("select[name=category]").select_option("accuracy")
    dialog.locator("select[name=severity]").select_option("major")
    dialog.locator("button.reject").click()
    expect(reviewer.locator(f"#s{ids[0]} [data-role=state]")).to_have_text("needs editing")
    assert _focused_segment(reviewer) == f"s{ids[0]}"
    with live_server.database.transaction() as session:
        from tmgr.store.models import ReviewIssue as ReviewError
        error = session.query(ReviewError).one()
        assert (error.category, error.severity) == ("accuracy", "major")
