"""`tmgr report mt` and the editors' page: figures from real drafts, edits and approvals."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Tmgr
from tmgr.documents.ingest import load_document
from tmgr.people.users import create_user
from tmgr.review.actions import ReviewPolicy, approve, save
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State, User

KEYS = {"engine", "lang", "segments", "words", "unchanged", "edit_distance", "chrf",
        "seconds_per_word"}


def _people(database: Database) -> tuple[int, int, int]:
    with database.transaction() as session:
        made = [create_user(session, name, role=role, languages=["be", "ru"],
                            password="pw-" + name * 2, configured=("be", "ru"))
                for name, role in (("anna", "translator"), ("boris", "translator"),
                                   ("rev", "reviewer"))]
        session.flush()
        return tuple(user.id for user in made)  # type: ignore[return-value]


def _work(database: Database, slug: str) -> None:
    """RU approved by hand; BE drafted by Apertium from it, post-edited, approved."""
    anna, boris, rev = _people(database)
    with database.transaction() as session:
        segments = load_document(session, slug).segments[:4]
        for segment, text in zip(segments, [
                "Лукашенко выступает за переговоры с Украиной.",
                "Правительство объявило о новых ограничениях.",
                "Встреча прошла в Минске.", "Экономика выросла на 3,9 процента."],
                strict=True):
            change_translation(session, segment.translation("ru"), text=text,
                               state=State.APPROVED, origin="human")
    return anna, boris, rev


def _approve_be(database: Database, slug: str, edits: dict[int, tuple[int, str | None, float]],
                reviewer: int) -> None:
    policy = ReviewPolicy(four_eyes=True)
    with database.transaction() as session:
        segments = load_document(session, slug).segments
        for index, (user_id, text, seconds) in edits.items():
            segment = segments[index]
            user = session.get_one(User, user_id)
            current = segment.translation("be").text
            save(session, user, segment.id, "be", text=text if text is not None else current,
                 expected_version=None, seconds=seconds)
            approve(session, session.get_one(User, reviewer), segment.id, "be",
                    expected_version=None, policy=policy, override_reason="test")


def test_the_report_shows_edit_figures_per_engine_translator_and_date(
        tmgr: Tmgr, sample_doc: str, database: Database) -> None:
    anna, boris, rev = _work(database, sample_doc)
    assert json.loads(tmgr("report", "mt", "--json").stdout) == []
    drafted = json.loads(tmgr("draft", sample_doc, "--lang", "be", "--pivot", "ru",
                              "--engine", "apertium", "--json").stdout)
    assert drafted["from_engine"] == 4
    with database.transaction() as session:
        drafts = [s.translation("be").text for s in load_document(session, sample_doc)
                  .segments[:4]]
    _approve_be(database, sample_doc, {
        0: (anna, None, 30.0),  # accepted as drafted
        1: (anna, drafts[1].replace("объявило", "абвясціў"), 95.0),
        2: (boris, drafts[2] + " Так.", 7200.0),  # two hours: not a measurement
    }, rev)
    rows = json.loads(tmgr("report", "mt", "--json").stdout)
    assert len(rows) == 1 and set(rows[0]) == KEYS
    row = rows[0]
    assert (row["engine"], row["lang"], row["segments"]) == ("apertium via ru", "be", 3)
    assert row["unchanged"] == pytest.approx(1 / 3, abs=0.001)
    assert 0 < row["edit_distance"] < 30 and 60 < row["chrf"] < 100
    with database.transaction() as session:
        words = [s.words for s in load_document(session, sample_doc).segments[:2]]
    assert row["seconds_per_word"] == round(125.0 / sum(words), 2)

    by = {r["translator"]: r for r in json.loads(
        tmgr("report", "mt", "--by", "translator", "--json").stdout)}
    assert set(by) == {"anna", "boris"} and set(by["anna"]) == KEYS | {"translator"}
    assert by["anna"]["segments"] == 2 and by["boris"]["seconds_per_word"] is None
    assert by["boris"]["unchanged"] == 0.0
    docs = json.loads(tmgr("report", "mt", "--by", "document", "--json").stdout)
    assert [r["document"] for r in docs] == [sample_doc]
    assert json.loads(tmgr("report", "mt", "--since", "2999-01-01", "--json").stdout) == []
    table = tmgr("report", "mt").stdout
    assert "apertium via ru" in table and "edit_distance" in table
    bad = tmgr("report", "mt", "--since", "yesterday", ok=False)
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_editors_see_the_report_page_with_charts(tmgr: Tmgr, sample_doc: str,
                                                 database: Database,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web.conftest import Web, create_test_app

    anna, boris, rev = _work(database, sample_doc)
    tmgr("draft", sample_doc, "--lang", "be", "--pivot", "ru", "--engine", "apertium")
    _approve_be(database, sample_doc, {0: (anna, None, 20.0)}, rev)
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    app = create_test_app()
    with database.transaction() as session:
        create_user(session, "ed", role="editor", languages=[], password="pw-editor-1",
                    configured=("be", "ru"))
    editor, translator = Web(app.test_client()), Web(app.test_client())
    assert editor.login("ed", "pw-editor-1").status_code == 302
    assert translator.login("anna", "pw-" + "anna" * 2).status_code == 302
    page = editor.get("/reports/mt")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in html and "apertium via ru" in html
    assert 'class="bar pivot"' in html and "<script" not in html.split("<svg", 1)[1]
    assert editor.get("/reports/mt?by=translator").get_data(as_text=True).count("anna") >= 1
    assert translator.get("/reports/mt").status_code == 403
    assert editor.get("/reports/mt?since=nonsense").status_code == 400
    belarusian = editor.client.get("/reports/mt", headers={"Accept-Language": "be"})
    assert "Справаздача пра рэдагаванне МП" in belarusian.get_data(as_text=True)
    app.extensions["tmgr.database"].dispose()
