"""tmgr qa, tmgr override and tmgr glossary as a user types them, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Tmgr
from tmgr.documents.ingest import get_document
from tmgr.errors import QABlocked
from tmgr.quality.checks import blocking_errors, require_no_errors
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import Revision, State, User


def _translate(database: Database, slug: str, ordinal: int, lang: str, text: str) -> int:
    with database.transaction() as session:
        segment = get_document(session, slug).segments[ordinal]
        change_translation(session, segment.translation(lang), text=text,
                           state=State.TRANSLATED, origin="human")
        return segment.id


def test_qa_json_lists_findings_and_override_resolves_an_error(
        tmgr: Tmgr, database: Database, sample_doc: str) -> None:
    tmgr("glossary", "import")
    segment = _translate(database, sample_doc, 1, "be",
                         "Режим Лукашенко снова сигнализирует о готовности к переговорам.")
    _translate(database, sample_doc, 1, "ru",
               "Режим Лукашенко снова сигнализирует о готовности к переговорам.")
    findings = json.loads(tmgr("qa", sample_doc, "--json").stdout)
    assert findings and all(set(f) == {"segment", "source", "lang", "check", "key",
                                       "severity", "message", "suggestions"}
                            for f in findings)
    be = [f for f in findings if f["lang"] == "be"]
    assert {"foreign-letters", "glossary", "cross-language"} <= {f["check"] for f in be}
    assert all(f["segment"] == segment and f["source"].startswith("The Lukashenka")
               for f in be)
    ru = json.loads(tmgr("qa", sample_doc, "--lang", "ru", "--json").stdout)
    # The Russian is right about Lukashenka: BE (which lacks Лукашэнка) takes the blame;
    # the Russian leaves out "Ukraine", a warning.
    assert [(f["check"], f["severity"]) for f in ru] == [("names", "warning")]
    with database.transaction() as session:
        document = get_document(session, sample_doc)
        assert {f.check for f in blocking_errors(session, document, "be")} >= {"glossary"}
        assert blocking_errors(session, document, "ru") == []
        session.add(User(name="rita", role="reviewer", languages="be,ru"))
        session.add(User(name="tom", role="translator", languages="be"))
    refused = tmgr("override", str(segment), "be", "glossary", "--reason", "quote",
                   "--user", "tom", ok=False)
    assert refused.exit_code == 1 and "may not override" in refused.stderr
    for check in {f["check"] for f in be if f["severity"] == "error"}:
        tmgr("override", str(segment), "be", check, "--reason", "a quoted Russian source",
             "--user", "rita")
    left = json.loads(tmgr("qa", sample_doc, "--lang", "be", "--json").stdout)
    assert not [f for f in left if f["severity"] == "error"]
    with database.transaction() as session:
        translation = get_document(session, sample_doc).segments[1].translation("be")
        require_no_errors(session, translation)
        with pytest.raises(QABlocked):  # a new text needs a new decision
            require_no_errors(session, translation, translation.text + " Минск")


def _override_args(segment: int, user: str, lang: str = "be") -> list[str]:
    return ["override", str(segment), lang, "glossary", "--reason", "the source quotes it",
            "--as", user]


def test_override_follows_the_webs_rule_per_finding_with_the_webs_history_note(
        tmgr: Tmgr, database: Database, sample_doc: str) -> None:
    tmgr("glossary", "import")
    segment = _translate(database, sample_doc, 1, "be",
                         "Рэжым Лукашенко зноў сігналізуе пра гатоўнасць да перамоў.")
    with database.transaction() as session:
        for name, role, languages in (("rita", "reviewer", "be"), ("ivan", "reviewer", "ru"),
                                      ("tom", "translator", "be"), ("eda", "editor", ""),
                                      ("pat", "publisher", ""), ("gone", "reviewer", "be")):
            session.add(User(name=name, role=role, languages=languages,
                             active=name != "gone"))
    before = json.loads(tmgr("qa", sample_doc, "--lang", "be", "--json").stdout)
    assert "glossary" in {f["check"] for f in before if f["severity"] == "error"}
    for user in ("tom", "eda", "pat", "ivan", "gone"):  # the web lets none of them
        refused = tmgr(*_override_args(segment, user), ok=False)
        assert refused.exit_code == 1, user
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:"), refused.stderr
        assert "Traceback" not in refused.stderr
    missing = tmgr("override", str(segment), "be", "glossary", "--reason", "x", ok=False)
    assert missing.exit_code == 2 and "--as" in missing.stderr  # nobody decides anonymously
    done = tmgr(*_override_args(segment, "rita"))
    assert "overridden: glossary" in done.stdout
    after = json.loads(tmgr("qa", sample_doc, "--lang", "be", "--json").stdout)
    # per finding: only the glossary error went, the other checks' errors stay
    assert "glossary" not in {f["check"] for f in after}
    assert {f["check"] for f in before} - {"glossary"} == {f["check"] for f in after}
    with database.transaction() as session:
        translation = get_document(session, sample_doc).segments[1].translation("be")
        notes = [(r.note, r.user.name if r.user else None)
                 for r in session.scalars(select(Revision).where(
                     Revision.translation_id == translation.id).order_by(Revision.id))]
    assert notes[-1] == ("QA override (glossary): the source quotes it", "rita")
    clean = tmgr("override", str(segment), "be", "numbers", "--reason", "x", "--as", "rita",
                 ok=False)  # a check that finds nothing has nothing to override
    assert clean.exit_code == 1 and "no QA error 'numbers'" in clean.stderr


def test_qa_text_output_and_unknown_document(tmgr: Tmgr, database: Database,
                                            sample_doc: str) -> None:
    _translate(database, sample_doc, 3, "ru", "Минск призывает начать процесс в 2025 году.")
    out = tmgr("qa", sample_doc).stdout
    assert "numbers" in out and "1 error(s)" in out
    missing = tmgr("qa", "no-such-doc", ok=False)
    assert missing.exit_code == 1 and missing.stderr.startswith("error:")


def test_glossary_commands_round_trip_csv_and_tbx(tmgr: Tmgr, tmp_path: Path) -> None:
    tmgr("glossary", "add", "Viasna", "-t", "be=Вясна", "-t", "ru=Вясна",
         "--note", "Human rights centre")
    tmgr("glossary", "add", "Telegram", "--do-not-translate")
    again = tmgr("glossary", "add", "Viasna", "-t", "be=Вясна", ok=False)
    assert again.exit_code == 1 and "--replace" in again.stderr
    bad = tmgr("glossary", "add", "X", "-t", "Вясна", ok=False)
    assert bad.exit_code == 1 and "LANG=TEXT" in bad.stderr
    listed = json.loads(tmgr("glossary", "list", "--json").stdout)
    assert [t["term"] for t in listed] == ["Telegram", "Viasna"]
    for fmt in ("csv", "tbx"):
        path = tmp_path / f"terms.{fmt}"
        tmgr("glossary", "export", str(path))
        for term in ("Telegram", "Viasna"):
            tmgr("glossary", "remove", term)
        assert "2 added" in tmgr("glossary", "import", str(path)).stdout
        assert json.loads(tmgr("glossary", "list", "--json").stdout) == listed


def test_glossary_import_refuses_unsafe_or_broken_files(tmgr: Tmgr, tmp_path: Path) -> None:
    evil = tmp_path / "evil.tbx"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x "boom">]>'
                    '<martif><text><body><termEntry><langSet xml:lang="en"><tig>'
                    '<term>&x;</term></tig></langSet></termEntry></body></text></martif>')
    result = tmgr("glossary", "import", str(evil), ok=False)
    assert result.exit_code == 1 and "TBX" in result.stderr
    broken = tmp_path / "terms.csv"
    broken.write_text("word,be\nMinsk,Мінск\n", encoding="utf-8")
    result = tmgr("glossary", "import", str(broken), ok=False)
    assert result.exit_code == 1 and "'term' column" in result.stderr
    assert json.loads(tmgr("glossary", "list", "--json").stdout) == []


def test_glossary_import_replace_overwrites_each_language(tmgr: Tmgr, tmp_path: Path) -> None:
    tmgr("glossary", "add", "Minsk", "-t", "be=Мінск", "-t", "ru=Минск")
    for fmt in ("csv", "tbx"):
        path = tmp_path / f"terms.{fmt}"
        path.write_text("term,be,ru_forbidden\nMinsk,Менск|Мінск,Минськ\n", encoding="utf-8")
        if fmt == "tbx":  # the same entry as TBX, through export
            tmgr("glossary", "import", "--replace", str(tmp_path / "terms.csv"))
            tmgr("glossary", "export", str(path))
        result = tmgr("glossary", "import", "--replace", str(path))
        assert "0 added, 1 replaced" in result.stdout
        [term] = json.loads(tmgr("glossary", "list", "--json").stdout)
        assert term["translations"]["be"] == ["Менск", "Мінск"], term
        assert "ru" not in term["translations"] and term["forbidden"]["ru"] == ["Минськ"]


def test_starter_glossary_loads(tmgr: Tmgr) -> None:
    assert "added" in tmgr("glossary", "import").stdout
    out = tmgr("glossary", "list").stdout
    assert "Lukashenka" in out and "Лукашэнка" in out and "Белоруссия" in out


def test_fix_applies_one_certain_fix_and_says_when_there_is_none(
        tmgr: Tmgr, database: Database, sample_doc: str) -> None:
    segment = _translate(database, sample_doc, 3, "be",
                         "Мiнск заклікае  пачаць працэс як мага хутчэй.")
    with database.transaction() as session:
        session.add(User(name="rita", role="reviewer", languages="be"))
    done = tmgr("fix", str(segment), "be", "mixed-script", "--as", "rita")
    assert "Мінск заклікае  пачаць" in done.stdout
    assert "mixed-script" not in {f["check"] for f in json.loads(
        tmgr("qa", sample_doc, "--lang", "be", "--json").stdout) if f["segment"] == segment}
    again = tmgr("fix", str(segment), "be", "mixed-script", "--as", "rita", ok=False)
    assert again.exit_code == 1 and "no certain fix" in again.stderr
    tmgr("fix", str(segment), "be", "double-space", "--as", "rita")
    with database.transaction() as session:
        translation = get_document(session, sample_doc).segments[3].translation("be")
        assert translation.text == "Мінск заклікае пачаць працэс як мага хутчэй."
        assert translation.author_id is None  # rita only fixed letters and spaces
