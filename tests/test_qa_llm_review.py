"""The optional LLM reviewer (TMGR_LLM_REVIEW=1) against the local chat-completions
server: MQM-style issues become warnings with their reason, never errors."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from tests.conftest import Tmgr
from tests.mtserver import MTServer, running
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import Document, State, Translation

TEXT = "Мінск заклікае як мага хутчэй пачаць перамовы."


@pytest.fixture
def server() -> Iterator[MTServer]:
    with running() as srv:
        yield srv


def _translate_first_segment(env: dict[str, str], slug: str) -> None:
    database = Database(env["TMGR_DATABASE_URL"])
    with database.transaction() as session:
        document = session.scalars(select(Document).where(Document.slug == slug)).one()
        translation = session.scalars(select(Translation).where(
            Translation.segment_id == document.segments[0].id,
            Translation.lang == "be")).one()
        change_translation(session, translation, text=TEXT, state=State.TRANSLATED,
                           origin="human")
    database.dispose()


def test_the_reviewers_issues_are_warnings_with_their_reason(
        env: dict[str, str], tmgr: Tmgr, sample_doc: str, server: MTServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _translate_first_segment(env, sample_doc)
    monkeypatch.setenv("TMGR_LLM_REVIEW", "1")
    monkeypatch.setenv("TMGR_LLM_URL", server.url("llm"))
    monkeypatch.setenv("TMGR_LLM_MODEL", "reviewer-test")
    server.review_words = {"перамовы"}
    found = json.loads(tmgr("qa", sample_doc, "--lang", "be", "--json", ok=False).output)
    (issue,) = [f for f in found if f["check"] == "llm-review"]
    assert issue["severity"] == "warning" and issue["key"] == "перамовы"
    assert "accuracy/mistranslation (major)" in issue["message"]
    assert "does not say what the English says" in issue["message"]
    asked = [a for a in server.asked if "MQM" in a.messages[0]["content"]]
    assert asked and "Belarusian" in asked[0].messages[0]["content"]
    assert TEXT in asked[0].messages[1]["content"]


def test_without_the_llm_settings_the_other_checks_still_run(
        env: dict[str, str], tmgr: Tmgr, sample_doc: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _translate_first_segment(env, sample_doc)
    monkeypatch.setenv("TMGR_LLM_REVIEW", "1")  # but no TMGR_LLM_URL
    result = tmgr("qa", sample_doc, "--lang", "be", "--json", ok=False)
    assert "Traceback" not in result.output
    assert all(f["check"] != "llm-review" for f in json.loads(result.output))


def test_without_apertium_qa_says_so_once_and_the_other_checks_run(
        env: dict[str, str], tmgr: Tmgr, sample_doc: str, tmp_path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    _translate_first_segment(env, sample_doc)
    environment = {**env, "TMGR_APERTIUM_PATH": str(tmp_path / "no-apertium"),
                   "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "tmgr", "qa", sample_doc, "--lang", "be"],
                          env=environment, capture_output=True, text=True, check=False)
    assert done.stderr.count("Apertium analysers (be) unavailable") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "error(s)" in done.stdout  # the findings of the other checks are listed
