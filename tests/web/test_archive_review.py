"""The alignment review page: a reviewer confirms, re-links or drops unsure archive links."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.conftest import DATA, Tmgr
from tmgr.store.db import Database
from tmgr.store.models import ArchiveLink

LABELLED = DATA / "archive" / "labelled"


def _pending(db: Database, lang: str) -> list[tuple[int, int, int, str]]:
    with db.transaction() as session:
        return [(link.id, link.target_start, link.target_end, link.source)
                for link in session.scalars(select(ArchiveLink).where(
                    ArchiveLink.status == "pending", ArchiveLink.lang == lang)
                    .order_by(ArchiveLink.confidence, ArchiveLink.id))]


def _link(db: Database, link_id: int) -> ArchiveLink:
    with db.transaction() as session:
        link = session.get(ArchiveLink, link_id)
        assert link is not None
        session.expunge(link)
        return link


def test_a_reviewer_confirms_relinks_and_drops_archive_links(
        tmgr: Tmgr, db: Database, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    pending = _pending(db, "be") or _pending(db, "ru")
    lang = "be" if _pending(db, "be") else "ru"
    assert pending, "the labelled set leaves some links to review"
    reviewer = as_user("rev_be" if lang == "be" else "admin")
    page = reviewer.get(f"/archive/review?lang={lang}").get_data(as_text=True)
    first_id, start, end, source = pending[0]
    assert source in page and "Confirm" in page

    # re-link: the link takes one more sentence of the translation, then is confirmed
    chosen = list(range(start, end + 1))
    response = reviewer.form(f"/archive/review/{first_id}",
                             {"action": "confirm", "lang": lang, "sentence": chosen},
                             page=f"/archive/review?lang={lang}")
    assert response.status_code == 302
    link = _link(db, first_id)
    assert link.status == "confirmed" and (link.target_start, link.target_end) == (start, end + 1)
    assert link.tm_unit_id is not None
    assert source not in reviewer.get(f"/archive/review?lang={lang}").get_data(as_text=True)

    if len(pending) > 1:
        second = pending[1][0]
        reviewer.form(f"/archive/review/{second}", {"action": "drop", "lang": lang},
                      page=f"/archive/review?lang={lang}")
        dropped = _link(db, second)
        assert dropped.status == "dropped" and dropped.tm_unit_id is None


def test_a_translator_sees_the_links_but_cannot_decide_them(
        tmgr: Tmgr, db: Database, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    lang = "be" if _pending(db, "be") else "ru"
    translator = as_user(f"tr_{lang}")
    page = translator.get(f"/archive/review?lang={lang}").get_data(as_text=True)
    assert "Alignment review" in page and 'value="confirm"' not in page
    link_id = _pending(db, lang)[0][0]
    response = translator.form(f"/archive/review/{link_id}", {"action": "confirm", "lang": lang},
                               page=f"/archive/review?lang={lang}")
    assert response.status_code == 403
    assert _link(db, link_id).status == "pending"


def test_an_archived_article_reads_side_by_side(tmgr: Tmgr, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    page = as_user("tr_be").get("/archive/articles/2024-10-28-negotiations")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Kyiv, for its part, sees Belarus as a co-aggressor." in text
    assert "Кіеў, са свайго боку, лічыць Беларусь суагрэсарам." in text
    assert as_user("tr_be").get("/archive/articles/no-such-article").status_code == 404
