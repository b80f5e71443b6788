"""Export through the CLI and the use case, on both databases: what publishers get."""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from sqlalchemy.orm import Session

from tests.conftest import Tmgr
from tests.exchange import (
    GOLDEN,
    SLUG,
    add_user,
    approve_sample,
    msgfmt_check,
    xmllint_tmx,
    xmllint_xliff,
)
from tmgr.cli.files import write_atomic
from tmgr.documents.ingest import get_document
from tmgr.exchange.export import export_documents, zip_files
from tmgr.localedata.cldr import week_range
from tmgr.quality.checks import check_segment, override_finding
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import Segment, State, Translation

NBSP = "\u00a0"


def test_fully_approved_sample_matches_the_golden_files(tmgr: Tmgr, sample_doc: str,
                                                        database: Database,
                                                        tmp_path: Path) -> None:
    approve_sample(database)
    out = tmp_path / "out"
    result = tmgr("export", sample_doc, "--lang", "be", "--out", str(out))
    for ext in ("txt", "md", "html"):
        written = out / "be" / f"{SLUG}.{ext}"
        assert written.read_bytes() == (GOLDEN / f"{SLUG}.be.{ext}").read_bytes(), ext
        assert f"wrote {written}" in result.stdout
    assert "typography:" in result.stdout
    assert not (out / "ru").exists()


def test_article_keeps_structure_metadata_and_spacing(tmgr: Tmgr, sample_doc: str,
                                                      database: Database,
                                                      tmp_path: Path) -> None:
    approve_sample(database)
    with database.transaction() as session:
        files = export_documents(session, [sample_doc], languages=["be", "ru"],
                                 formats=["txt"])
    be = files[f"be/{SLUG}.txt"].decode()
    ru = files[f"ru/{SLUG}.txt"].decode()
    assert be.startswith("28 кастрычніка – 3 лістапада 2024\nАдносіны Беларусі")
    assert ru.startswith(f"28 октября — 3 ноября 2024{NBSP}г.\nОтношения Беларуси")
    assert f"Сітуацыя не{NBSP}змянілася" in be and f"Ситуация не{NBSP}изменилась" in ru
    paragraphs = be.split("\n\n")
    assert paragraphs[1].startswith("Лукашэнка выступае") and len(paragraphs) == 15
    assert "Русский текст аб. Русский текст ав. Русский текст аг." in ru  # original spacing


def test_spacing_between_sentences_survives_the_export(tmgr: Tmgr, database: Database,
                                                   tmp_path: Path) -> None:
    source = tmp_path / "2024-11-11-wrapped.txt"
    source.write_text("November 11–17, 2024\nEconomy\n\nPrices Rise Again\n\n"
                      "Prices rose again.  Wages did\nnot follow. Rents rose too.\n",
                      encoding="utf-8")
    tmgr("ingest", str(source))
    with database.transaction() as session:
        document = get_document(session, source.stem)
        for segment in document.segments:
            change_translation(session, segment.translation("ru"),
                               text=f"<{'абвг'[segment.ordinal]}>", state=State.APPROVED,
                               origin="human")
        block = document.segments[1].block
    assert block.text == "Prices rose again.  Wages did not follow. Rents rose too."
    tmgr("export", source.stem, "--lang", "ru", "--out", str(tmp_path / "out"))
    text = (tmp_path / "out" / "ru" / f"{source.stem}.txt").read_text(encoding="utf-8")
    assert "\n\n<б>  <в> <г>\n" in text  # two spaces after the first sentence, as in the source
    assert text.startswith(f"11—17 ноября 2024{NBSP}г.\nЭкономика\n\n<а>")


def test_unapproved_text_is_refused_with_what_is_missing(tmgr: Tmgr, sample_doc: str,
                                                         database: Database,
                                                         tmp_path: Path) -> None:
    approve_sample(database)
    with database.transaction() as session:
        segment = get_document(session, sample_doc).segments[3]
        change_translation(session, segment.translation("ru"), text="Черновик.",
                           state=State.DRAFT, origin="mt:google")
        segment_id = segment.id
    out = tmp_path / "out"
    result = tmgr("export", sample_doc, "--out", str(out), ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{sample_doc} (ru): 1 segment(s) not approved" in result.stderr
    assert f"#{segment_id} draft: Minsk calls for the process" in result.stderr
    assert "--allow-partial" in result.stderr and f"{sample_doc} (be)" not in result.stderr
    assert not out.exists(), "nothing is written when the export is refused"
    tmgr("export", sample_doc, "--format", "po,xliff", "--out", str(out))  # work goes out
    assert (out / "ru" / f"{SLUG}.po").is_file() and (out / "be" / f"{SLUG}.xlf").is_file()


def test_allow_partial_marks_gaps_and_labels_a_draft(tmgr: Tmgr, sample_doc: str,
                                                     database: Database,
                                                     tmp_path: Path) -> None:
    approve_sample(database, langs=("be",))
    with database.transaction() as session:
        segments = get_document(session, sample_doc).segments
        change_translation(session, segments[2].translation("be"), text="Чарнавы сказ.",
                           state=State.TRANSLATED, origin="human")
    out = tmp_path / "out"
    result = tmgr("export", sample_doc, "--lang", "be", "--allow-partial", "--out", str(out),
                  "--format", "txt,html")
    assert "DRAFT" in result.stdout
    assert not (out / "be" / f"{SLUG}.txt").exists()
    text = (out / "be" / f"{SLUG}.draft.txt").read_text(encoding="utf-8")
    assert text.startswith("ЧАРНАВІК — не для публікацыі")
    assert "⟦Чарнавы сказ.⟧" in text and text.count("⟦") == 2  # the label explains ⟦…⟧
    html = (out / "be" / f"{SLUG}.draft.html").read_text(encoding="utf-8")
    assert '<p class="draft">' in html and '<mark class="gap"' in html
    approve_sample(database, langs=("be",))  # once approved, the final replaces the draft
    tmgr("export", sample_doc, "--lang", "be", "--out", str(out), "--format", "txt")
    assert (out / "be" / f"{SLUG}.txt").is_file()
    assert not (out / "be" / f"{SLUG}.draft.txt").exists()


def test_untranslated_document_as_partial_shows_the_english(tmgr: Tmgr, sample_doc: str,
                                                            tmp_path: Path) -> None:
    tmgr("export", sample_doc, "--lang", "ru", "--allow-partial", "--out", str(tmp_path))
    text = (tmp_path / "ru" / f"{SLUG}.draft.txt").read_text(encoding="utf-8")
    assert "⟦Lukashenka Advocates for Negotiations" in text
    assert "“successes”" in text, "the English inside a gap is left as written"


def test_missing_section_name_blocks_until_its_site_string_is_approved(
        tmgr: Tmgr, database: Database, tmp_path: Path, env: dict[str, str]) -> None:
    source = tmp_path / "2024-11-18-energy.txt"
    source.write_text("November 18–24, 2024\nEnergy\n\nGas Deal Signed\n\n"
                      "The deal was signed.\n", encoding="utf-8")
    tmgr("ingest", str(source))
    with database.transaction() as session:
        for segment in get_document(session, source.stem).segments:
            change_translation(session, segment.translation("be"), text="Пагадненне.",
                               state=State.APPROVED, origin="human")
    result = tmgr("export", source.stem, "--lang", "be", "--out", str(tmp_path / "o"), ok=False)
    assert "no approved Belarusian for the section 'Energy'" in result.stderr
    assert "tmgr strings set section 'Energy' --lang be" in result.stderr
    add_user(database, "tania", "translator", "be")
    add_user(database, "rita", "reviewer", "be")
    tmgr("strings", "set", "section", "Energy", "Энергетыка", "--lang", "be", "--as", "tania")
    still = tmgr("export", source.stem, "--lang", "be", "--out", str(tmp_path / "o"), ok=False)
    assert "no approved Belarusian for the section 'Energy'" in still.stderr
    tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "rita", "--approve")
    tmgr("export", source.stem, "--lang", "be", "--out", str(tmp_path / "o"))
    text = (tmp_path / "o" / "be" / f"{source.stem}.txt").read_text(encoding="utf-8")
    assert text.startswith("18–24 лістапада 2024\nЭнергетыка\n")


def test_typography_is_reported_and_can_be_switched_off(tmgr: Tmgr, sample_doc: str,
                                                        database: Database,
                                                        tmp_path: Path) -> None:
    approve_sample(database, langs=("be",))
    result = tmgr("export", sample_doc, "--lang", "be", "--format", "txt", "--json",
                  "--out", str(tmp_path / "a"))
    [entry] = json.loads(result.stdout)
    rules = {change["rule"] for change in entry["typography"]}
    assert {"quotes", "dashes", "nbsp", "apostrophes"} <= rules
    quotes = [c for c in entry["typography"] if c["rule"] == "quotes"]
    assert quotes[0]["before"] == '"' and quotes[0]["after"] == "«"
    verbose = tmgr("export", sample_doc, "--lang", "be", "--format", "txt,md", "-v",
                   "--out", str(tmp_path / "b")).stdout
    assert verbose.count("quotes: '\"' -> '«'") == 2  # listed once, not once per format
    tmgr("export", sample_doc, "--lang", "be", "--format", "txt", "--no-typography",
         "--out", str(tmp_path / "c"))
    plain = (tmp_path / "c" / "be" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert 'што "поспехі" Расіі' in plain and NBSP not in plain


def test_typography_can_be_configured_per_language(tmgr: Tmgr, sample_doc: str,
                                                   database: Database, tmp_path: Path,
                                                   env: dict[str, str]) -> None:
    approve_sample(database, langs=("be",))
    config = tmp_path / "tmgr.toml"
    config.write_text('[typography.be]\nrules = ["quotes"]\n', encoding="utf-8")
    import os
    os.environ["TMGR_CONFIG"] = str(config)
    try:
        tmgr("export", sample_doc, "--lang", "be", "--format", "txt", "--out", str(tmp_path))
    finally:
        del os.environ["TMGR_CONFIG"]
    text = (tmp_path / "be" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "«поспехі»" in text and NBSP not in text


def _override_all(session: Session, translation: Translation) -> None:
    """A reviewer waves through QA's (rightful) objections to a deliberately odd text."""
    for finding in check_segment(session, translation):
        override_finding(session, translation, finding.check, reason="testing the format")


def test_unresolved_qa_errors_block_publication(tmgr: Tmgr, sample_doc: str,
                                                database: Database, tmp_path: Path) -> None:
    approve_sample(database, langs=("be",))
    with database.transaction() as session:
        segment = get_document(session, sample_doc).segments[5]
        change_translation(session, segment.translation("be"), state=State.APPROVED,
                           text="У 2025 годзе Лукашэнка выказаў жаданне.", origin="human")
        segment_id = segment.id
    result = tmgr("export", sample_doc, "--lang", "be", "--out", str(tmp_path), ok=False)
    assert f"{sample_doc} (be): 1 QA error(s) not resolved" in result.stderr
    assert f"#{segment_id} numbers:" in result.stderr
    with database.transaction() as session:
        _override_all(session, session.get(Segment, segment_id).translation("be"))
    tmgr("export", sample_doc, "--lang", "be", "--out", str(tmp_path))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.setdefault(tag, dict(attrs))


def test_html_is_standalone_escaped_and_script_free(tmgr: Tmgr, sample_doc: str,
                                                    database: Database) -> None:
    approve_sample(database, langs=("ru",))
    with database.transaction() as session:
        segment = get_document(session, sample_doc).segments[5]
        change_translation(session, segment.translation("ru"), state=State.APPROVED,
                           text='<script>alert("x")</script> & <b>жирный</b>', origin="human")
        _override_all(session, segment.translation("ru"))
        files = export_documents(session, [sample_doc], languages=["ru"], formats=["html"],
                                 typography=False)
    html = files[f"ru/{SLUG}.html"].decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    assert parser.attrs["html"]["lang"] == "ru" and parser.attrs["meta"]["charset"] == "utf-8"
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert parser.tags.count("h1") == 1 and "style" in parser.tags and "link" not in parser.tags


def test_markdown_is_commonmark_that_renders_the_text_as_written(
        tmgr: Tmgr, sample_doc: str, database: Database) -> None:
    approve_sample(database, langs=("ru",))
    tricky = "*Не* _курсив_ [ссылка](http://x) `код` <i>тег</i> # и 1. пункт"
    with database.transaction() as session:
        segment = get_document(session, sample_doc).segments[5]
        change_translation(session, segment.translation("ru"), text=tricky,
                           state=State.APPROVED, origin="human")
        _override_all(session, segment.translation("ru"))
        files = export_documents(session, [sample_doc], languages=["ru"], formats=["md"],
                                 typography=False)
    md = files[f"ru/{SLUG}.md"].decode("utf-8")
    html = MarkdownIt("commonmark").render(md)
    assert html.count("<h1>") == 1 and html.count("<p>") == 14
    for unwanted in ("<em>", "<a ", "<code>", "<i>"):
        assert unwanted not in html
    assert "*Не* _курсив_ [ссылка](http://x) `код` &lt;i&gt;тег&lt;/i&gt; # и 1. пункт" in html


def test_markdown_lists_headings_and_quotes(tmgr: Tmgr, database: Database) -> None:
    from tests.conftest import DATA

    tmgr("ingest", str(DATA / "sources" / "2024-11-04-china-trade.txt"))
    with database.transaction() as session:
        files = export_documents(session, ["2024-11-04-china-trade"], languages=["be"],
                                 formats=["md"], allow_partial=True)
    html = MarkdownIt("commonmark").render(files["be/2024-11-04-china-trade.draft.md"].decode())
    assert html.count("<li>") == 3 and html.count("<ul>") == 1
    assert html.count("<h2>") == 1 and html.count("<blockquote>") == 1


def test_catalogs_and_memory_pass_their_validators(tmgr: Tmgr, sample_doc: str,
                                                   database: Database,
                                                   tmp_path: Path) -> None:
    approve_sample(database, langs=("be",))
    out = tmp_path / "out"
    tmgr("export", sample_doc, "--format", "po,xliff,tmx", "--out", str(out))
    for lang in ("be", "ru"):
        po = msgfmt_check(out / lang / f"{SLUG}.po")
        assert po.returncode == 0 and not po.stderr, po.stderr
        xliff = xmllint_xliff(out / lang / f"{SLUG}.xlf")
        assert xliff.returncode == 0, xliff.stderr
    tmx = out / f"{SLUG}.tmx"
    assert xmllint_tmx(tmx).returncode == 0
    text = tmx.read_text(encoding="utf-8")
    assert text.count("<tu>") == 30 and 'xml:lang="ru"' not in text  # approved pairs only
    po = (out / "be" / f"{SLUG}.po").read_text(encoding="utf-8")
    assert "Language: be" in po and "Plural-Forms: nplurals=3;" in po
    assert "#. tmgr: version=" in po and "msgctxt" in po
    untranslated = (out / "ru" / f"{SLUG}.po").read_text(encoding="utf-8")
    assert untranslated.count('msgstr ""') == 31  # header + 30 untranslated entries


def test_export_documents_serves_a_web_download(tmgr: Tmgr, sample_doc: str,
                                                database: Database) -> None:
    approve_sample(database)
    with database.transaction() as session:
        files = export_documents(session, [sample_doc], languages=["be", "ru"],
                                 formats=["txt", "html", "po"])
    assert sorted(files) == sorted(f"{lang}/{SLUG}.{ext}" for lang in ("be", "ru")
                                   for ext in ("txt", "html", "po"))
    archive = zipfile.ZipFile(io.BytesIO(zip_files(files, folder="export")))
    assert archive.read(f"export/be/{SLUG}.txt") == files[f"be/{SLUG}.txt"]
    assert zip_files(files) == zip_files(dict(files)), "zips are reproducible"


def test_unknown_document_or_format_is_a_clear_error(tmgr: Tmgr, sample_doc: str,
                                                     tmp_path: Path) -> None:
    result = tmgr("export", "nope", "--out", str(tmp_path), ok=False)
    assert result.exit_code == 1 and "no document 'nope'" in result.stderr
    result = tmgr("export", sample_doc, "--format", "docx", ok=False)
    assert "unknown format 'docx'" in result.stderr and "txt, md, html, po, xliff" in result.stderr


def test_a_failed_write_leaves_no_half_written_file(tmgr: Tmgr, sample_doc: str,
                                                    database: Database,
                                                    tmp_path: Path) -> None:
    approve_sample(database)
    out = tmp_path / "out"
    (out / "ru" / f"{SLUG}.txt").mkdir(parents=True)  # a folder where the file should go
    result = tmgr("export", sample_doc, "--out", str(out), ok=False)
    assert result.exit_code == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.output
    leftovers = [p.name for p in out.rglob("*") if p.name.startswith(".")]
    assert leftovers == []


def test_write_atomic_keeps_the_old_file_when_the_rename_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "be" / "doc.txt"
    assert write_atomic(path, b"old") is True
    assert write_atomic(path, b"old") is False, "unchanged content is not rewritten"

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tmgr.cli.files.os.replace", refuse)
    with pytest.raises(Exception, match="No space left"):
        write_atomic(path, b"new content")
    assert path.read_bytes() == b"old" and sorted(p.name for p in path.parent.iterdir()) == [
        "doc.txt"]


@pytest.mark.parametrize(("lang", "start", "end", "expected"), [
    ("be", (2024, 10, 28), (2024, 11, 3), "28 кастрычніка – 3 лістапада 2024"),
    ("ru", (2024, 10, 28), (2024, 11, 3), "28 октября — 3 ноября 2024 г."),
    ("be", (2024, 11, 4), (2024, 11, 10), "4–10 лістапада 2024"),
    ("ru", (2024, 11, 4), (2024, 11, 10), "4—10 ноября 2024 г."),
    ("be", (2024, 12, 30), (2025, 1, 5), "30 снежня 2024 – 5 студзеня 2025"),
    ("ru", (2024, 12, 30), (2025, 1, 5), "30 декабря 2024 г. — 5 января 2025 г."),
])
def test_week_range_has_full_month_names(lang: str, start: tuple[int, int, int],
                                         end: tuple[int, int, int], expected: str) -> None:
    from datetime import date

    assert week_range(date(*start), date(*end), lang) == expected


def test_the_docs_document_every_exchange_option() -> None:
    """The CLI page and the guides that explain exchange name every option (the
    commands are loaded through the registry, as ``tmgr`` loads them)."""
    import click

    from tests.conftest import ROOT
    from tmgr.cli import cli

    docs = "\n".join((ROOT / "docs" / page).read_text(encoding="utf-8")
                     for page in ("reference/cli.md", "guide/publisher.md",
                                  "guide/translator.md"))
    context = click.Context(cli)
    tm = cli.get_command(context, "tm")
    assert isinstance(tm, click.Group)
    commands = {name: cli.get_command(context, name) for name in ("export", "import", "sync")}
    commands["tm export"] = tm.get_command(context, "export")
    for name, command in commands.items():
        assert command is not None, name
        assert f"tmgr {name}" in docs, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in docs, f"tmgr {name} {option}"
