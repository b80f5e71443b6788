"""The commentary reader: metadata, blocks, boilerplate, formats and bad input.

Pure tests: no database, no network. Fixtures live in tests/data/sources/.
"""

from __future__ import annotations

import pathlib
from datetime import date

import pytest

from tmgr.errors import ConfigError, IngestError
from tmgr.readers import (
    MAX_SOURCE_BYTES,
    SOURCE_SUFFIXES,
    BoilerplateRules,
    ParsedBlock,
    ParsedCommentary,
    Vocabulary,
    WeekRange,
    decode_source,
    parse_commentary,
    parse_week_range,
    read_commentary,
)
from tmgr.segment import split_sentences

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "2024-10-28-lukashenka-negotiations.txt"
FIXTURES = pathlib.Path(__file__).resolve().parent / "data" / "sources"
SHIPPED_RULES = ROOT / "tmgr" / "data" / "boilerplate.toml"
SHIPPED_VOCABULARY = ROOT / "tmgr" / "data" / "commentary.toml"

SAMPLE_HEADLINE = ("Lukashenka Advocates for Negotiations with Ukraine but Is Ready to "
                   "Lend Military Support to Russia Again if Necessary")
BOILERPLATE = (
    "successfully subscribed", "Subscribe", "Once a week, in coordination",
    "View all", "Read more", "Situation in Belarus", "BE/RU",
)
DRILLS_KINDS = [
    "title", "lead", "heading", "paragraph", "list_item", "list_item", "list_item",
    "paragraph", "quote", "heading", "paragraph", "paragraph", "list_item", "list_item",
    "list_item", "paragraph",
]


def body_text(commentary: ParsedCommentary) -> str:
    return "\n".join(block.text for block in commentary.blocks)


def assert_no_boilerplate(commentary: ParsedCommentary) -> None:
    for block in commentary.blocks:
        for phrase in BOILERPLATE:
            assert phrase.casefold() not in block.text.casefold(), (phrase, block)
        assert block.text not in {"EN", "BE", "RU"}
        assert not block.text.casefold().startswith(("photo", "image"))


def minimal(body: str = "Minsk did one thing this week. It matters for the region.") -> str:
    """A small commentary in the site's text layout with ``body`` as its only paragraph."""
    return ("by\nNovember 4–10, 2024\nDomestic policy\n\nA Headline About Minsk\n\n"
            f"The situation has not changed\nA Headline About Minsk\n\n{body}\n")


# -- the sample from the site ------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> ParsedCommentary:
    return read_commentary(SAMPLE)


def test_sample_metadata(sample: ParsedCommentary) -> None:
    assert sample.author is None
    assert sample.week == WeekRange("October 28 – November 3, 2024",
                                    date(2024, 10, 28), date(2024, 11, 3))
    assert sample.section == "Belarus-West relations"
    assert sample.status_line == "The situation has not changed"
    assert sample.title == SAMPLE_HEADLINE
    assert sample.warnings == []


def test_sample_blocks_are_headline_once_then_lead_and_paragraphs(
        sample: ParsedCommentary) -> None:
    kinds = [block.kind for block in sample.blocks]
    assert kinds == ["title", "lead"] + ["paragraph"] * 11
    assert sample.blocks[0] == ParsedBlock("title", SAMPLE_HEADLINE)
    assert sum(SAMPLE_HEADLINE in block.text for block in sample.blocks) == 1
    assert sample.blocks[1].text.startswith("The Lukashenka’s regime is once again")
    assert sample.blocks[-1].text.startswith("Although Lukashenka claims")
    assert "The situation has not changed" not in body_text(sample)


def test_sample_drops_photo_credit_and_site_boilerplate(sample: ParsedCommentary) -> None:
    assert_no_boilerplate(sample)
    assert "elements.envato.com" not in body_text(sample)
    assert "November 11" not in body_text(sample)


def test_sample_paragraph_text_is_kept_exactly(sample: ParsedCommentary) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for block in sample.blocks[1:]:
        assert block.text in lines


# -- more commentaries --------------------------------------------------------------


def test_byline_same_month_range_subheading_list_and_quote() -> None:
    commentary = read_commentary(FIXTURES / "2024-11-04-china-trade.txt")
    assert commentary.author == "Hanna Sakalova"
    assert commentary.week == WeekRange("November 4–10, 2024",
                                        date(2024, 11, 4), date(2024, 11, 10))
    assert commentary.section == "Economy"
    assert commentary.status_line == "The situation has worsened"
    assert commentary.title == "Trade with China Fails to Offset the Loss of Western Markets"
    assert [block.kind for block in commentary.blocks] == [
        "title", "lead", "paragraph", "heading", "paragraph", "list_item", "list_item",
        "list_item", "quote", "paragraph", "paragraph",
    ]
    assert commentary.blocks[3].text == "Where the Money Goes"
    assert commentary.blocks[5].text == ("Chinese importers demand discounts of up to 30% "
                                         "for goods under Western sanctions;")
    assert commentary.blocks[8].text.startswith("“We will double our trade")
    assert_no_boilerplate(commentary)
    assert "November 18" not in body_text(commentary)


def test_one_line_paragraphs_without_blank_lines() -> None:
    commentary = read_commentary(FIXTURES / "2024-10-14-crossings.txt")
    assert commentary.author is None
    assert commentary.week == WeekRange("Oct. 14 – Oct. 20, 2024",
                                        date(2024, 10, 14), date(2024, 10, 20))
    assert commentary.section == "Belarus-Russia relations"
    assert commentary.status_line == "The situation has slightly improved"
    assert [block.kind for block in commentary.blocks] == [
        "title", "lead", "paragraph", "paragraph", "paragraph"]
    assert commentary.blocks[2].text.startswith("The agreement covers road and rail")
    assert_no_boilerplate(commentary)
    assert "October 21" not in body_text(commentary)


DRILLS = ["2024-12-30-winter-drills.txt", "2024-12-30-winter-drills.md",
          "2024-12-30-winter-drills.html"]


@pytest.mark.parametrize("name", DRILLS)
def test_every_format_reads_the_same_commentary(name: str) -> None:
    """Contract: one article saved as text, Markdown and HTML parses to the same thing."""
    commentary = read_commentary(FIXTURES / name)
    assert commentary.title == "Minsk Opens the Year with Snap Drills Near the Polish Border"
    assert commentary.author == "Pavel Novik and Ala Marchuk"
    assert commentary.section == "Security"
    assert commentary.status_line == "The situation has worsened"
    assert commentary.week is not None
    assert (commentary.week.start, commentary.week.end) == (date(2024, 12, 30), date(2025, 1, 5))
    assert [block.kind for block in commentary.blocks] == DRILLS_KINDS
    assert_no_boilerplate(commentary)
    reference = read_commentary(FIXTURES / DRILLS[0])
    assert [" ".join(b.text.split()) for b in commentary.blocks] == \
        [" ".join(b.text.split()) for b in reference.blocks]


def test_markdown_inline_markup_links_and_images_are_removed() -> None:
    commentary = read_commentary(FIXTURES / "2024-12-30-winter-drills.md")
    assert commentary.week == WeekRange("December 30, 2024 – January 5, 2025",
                                        date(2024, 12, 30), date(2025, 1, 5))
    text = body_text(commentary)
    assert "The Polish Ministry of National Defence said" in text
    assert "saw no immediate threat." in text
    assert commentary.blocks[1].text.endswith("remains modest.")
    for markup in ("*", "_", "](", "[", "!", "#", "> "):
        assert markup not in text
    assert commentary.blocks[12].text == ("the regime wants to show loyalty to Moscow "
                                          "before the Union State summit;")


def test_html_page_furniture_is_ignored_and_entities_decoded() -> None:
    commentary = read_commentary(FIXTURES / "2024-12-30-winter-drills.html")
    assert commentary.week == WeekRange("December 30 – January 5, 2025",
                                        date(2024, 12, 30), date(2025, 1, 5))
    text = body_text(commentary)
    for furniture in ("Tracking pixel", "About us", "Analytics", "All rights reserved",
                      "E-mail", "Belarus in Focus", "January 6", "initMenu", "font-family"):
        assert furniture not in text
    assert "10\u00a0days" in text  # &nbsp; is content, kept as a no-break space
    assert "&" not in text
    warning = " ".join(commentary.warnings)
    assert "<script>" in warning and "<style>" in warning and "<form>" in warning


def test_html_metadata_in_paragraphs_and_sloppy_markup() -> None:
    page = (
        b"<html><body><p>by Iryna Lis</p><p>Sept. 30 &ndash; Oct. 6, 2024</p>"
        b"<p>Domestic policy</p><h1>Courts Step Up Trials in Absentia</h1>"
        b"<div><span>The situation has deteriorated</span></div>"
        b"<p>The number of trials in absentia grew again&#8212;now to 40 a month."
        b"<p>Lawyers say the courts&rsquo; workload has doubled.<br>Fees rose &amp; "
        b"delays grew.</p><h3>What Comes Next</h3><p>More trials are expected.</p>"
        b"</body></html>"
    )
    commentary = parse_commentary(page, "courts.htm")
    assert commentary.author == "Iryna Lis"
    assert commentary.week == WeekRange("Sept. 30 – Oct. 6, 2024",
                                        date(2024, 9, 30), date(2024, 10, 6))
    assert commentary.section == "Domestic policy"
    assert commentary.status_line == "The situation has deteriorated"
    assert [(b.kind, b.text) for b in commentary.blocks] == [
        ("title", "Courts Step Up Trials in Absentia"),
        ("lead", "The number of trials in absentia grew again—now to 40 a month."),
        ("paragraph", "Lawyers say the courts’ workload has doubled.\nFees rose & delays grew."),
        ("heading", "What Comes Next"),
        ("paragraph", "More trials are expected."),
    ]


def test_hard_wrapped_text_joins_lines_so_sentences_stay_whole() -> None:
    body = ("The regime has again changed the rules for returning\n"
            "emigrants. A new commission will review applications,\n"
            "but few people trust its promises.\n\n"
            "Western Reaction\n"
            "Vilnius called the commission a propaganda exercise\n"
            "aimed at the diaspora.\n\n"
            "* first, applications are slow;\n"
            "* second, the list of crimes is vague.")
    commentary = parse_commentary(minimal(body).encode(), "emigrants.txt")
    assert [(b.kind, b.text) for b in commentary.blocks[1:]] == [
        ("lead", "The regime has again changed the rules for returning emigrants. A new "
                 "commission will review applications, but few people trust its promises."),
        ("heading", "Western Reaction"),
        ("paragraph",
         "Vilnius called the commission a propaganda exercise aimed at the diaspora."),
        ("list_item", "first, applications are slow;"),
        ("list_item", "second, the list of crimes is vague."),
    ]
    assert split_sentences(commentary.blocks[1].text) == [
        "The regime has again changed the rules for returning emigrants.",
        "A new commission will review applications, but few people trust its promises."]


def test_markdown_paragraphs_quotes_and_setext_headline() -> None:
    source = (
        "Minsk Expands the List of Extremist Materials\n"
        "=============================================\n\n"
        "by Ales Bialou\n\nAugust 26 – September 1, 2024\nDomestic policy\n\n"
        "The situation has not changed.\n\n"
        "The Ministry of Information added __twelve__ Telegram channels\n"
        "to the list in a single week.\n\n"
        "> Subscribing to an extremist channel\n> is itself an offence.\n\n"
        "### Who Is Affected\n\n"
        "Mostly local news channels, see [the list](https://example.org/list).\n"
    )
    commentary = parse_commentary(source.encode(), "extremism.markdown")
    assert commentary.title == "Minsk Expands the List of Extremist Materials"
    assert (commentary.author, commentary.section) == ("Ales Bialou", "Domestic policy")
    assert commentary.status_line == "The situation has not changed"
    assert [(b.kind, b.text) for b in commentary.blocks[1:]] == [
        ("lead", "The Ministry of Information added twelve Telegram channels to the list "
                 "in a single week."),
        ("quote", "Subscribing to an extremist channel is itself an offence."),
        ("heading", "Who Is Affected"),
        ("paragraph", "Mostly local news channels, see the list."),
    ]


def test_header_without_section_keeps_a_short_headline_as_the_title() -> None:
    source = ("by\nSeptember 4 – September 10, 2017\n\nMinsk Courts Beijing\n\n"
              "The situation has not changed\n\nBy contrast with last year, the talks "
              "in Beijing produced no new loans. Minsk had hoped for more.\n")
    commentary = parse_commentary(source.encode(), "beijing.txt")
    assert commentary.section is None
    assert commentary.title == "Minsk Courts Beijing"
    assert commentary.blocks[1].kind == "lead"
    assert commentary.blocks[1].text.startswith("By contrast with last year")


def test_year_less_week_range_keeps_text_without_dates_and_warns() -> None:
    source = minimal().replace("November 4–10, 2024", "October 28 – November 3")
    commentary = parse_commentary(source.encode(), "no-year.txt")
    assert commentary.week == WeekRange("October 28 – November 3", None, None)
    assert any("has no year" in warning for warning in commentary.warnings)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("October 28 – November 3, 2024", date(2024, 10, 28), date(2024, 11, 3)),
    ("November 4–10, 2024", date(2024, 11, 4), date(2024, 11, 10)),
    ("November 4 - 10, 2024", date(2024, 11, 4), date(2024, 11, 10)),
    ("November 4 — November 10, 2024", date(2024, 11, 4), date(2024, 11, 10)),
    ("November 4 to November 10, 2024", date(2024, 11, 4), date(2024, 11, 10)),
    ("December 30, 2024 – January 5, 2025", date(2024, 12, 30), date(2025, 1, 5)),
    ("December 30 – January 5, 2025", date(2024, 12, 30), date(2025, 1, 5)),
    ("December 30, 2024 – January 5", date(2024, 12, 30), date(2025, 1, 5)),
    ("Oct. 28 – Nov. 3, 2024", date(2024, 10, 28), date(2024, 11, 3)),
    ("Sept 30 – Oct 6, 2024", date(2024, 9, 30), date(2024, 10, 6)),
    ("October 28 – November 3", None, None),
    ("February 27 – March 5", None, None),
    ("February 30 – March 5, 2024", None, None),
])
def test_week_ranges(text: str, start: date | None, end: date | None) -> None:
    assert parse_week_range(text) == WeekRange(text, start, end)


@pytest.mark.parametrize("text", [
    "Belarus-West relations", "May 9 Victory Day parade", "Octopus 28 – 30, 2024",
    "The situation has not changed", "2024-10-28",
])
def test_not_week_ranges(text: str) -> None:
    assert parse_week_range(text) is None


# -- encodings and characters ---------------------------------------------------------


def test_utf8_bom_is_stripped() -> None:
    commentary = parse_commentary(b"\xef\xbb\xbf" + minimal().encode(), "bom.txt")
    assert commentary.author is None and commentary.week is not None
    assert "\ufeff" not in body_text(commentary)
    assert commentary.warnings == []


def test_utf16_with_bom_is_read_with_a_warning() -> None:
    commentary = parse_commentary(minimal().encode("utf-16"), "wide.txt")
    assert commentary.title == "A Headline About Minsk"
    assert "decoded as UTF-16" in commentary.warnings


def test_cp1251_cyrillic_text_is_decoded_with_a_warning() -> None:
    source = ("by Ганна Сакалова\nNovember 4–10, 2024\nЭканоміка\n\n"
              "Экспарт у Кітай скараціўся трэці квартал запар\n\n"
              "The situation has worsened\n\n"
              "Паводле Белстата, экспарт у Кітай за дзевяць месяцаў знізіўся на 14%. "
              "Улады тлумачаць гэта «часовымі цяжкасцямі» — лагістыкай і цэнамі.\n")
    commentary = parse_commentary(source.encode("cp1251"), "export.txt")
    assert commentary.author == "Ганна Сакалова"
    assert commentary.section == "Эканоміка"
    assert commentary.title == "Экспарт у Кітай скараціўся трэці квартал запар"
    assert commentary.blocks[1].text.startswith("Паводле Белстата")
    assert any("cp1251" in warning for warning in commentary.warnings)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_parse_like_lf(newline: str) -> None:
    raw = SAMPLE.read_text(encoding="utf-8").replace("\n", newline).encode()
    converted = parse_commentary(raw, "windows.txt")
    original = read_commentary(SAMPLE)
    assert converted.blocks == original.blocks
    assert (converted.week, converted.section) == (original.week, original.section)
    assert not any("\r" in block.text for block in converted.blocks)


def test_control_characters_are_stripped_with_a_warning() -> None:
    body = "Minsk\x07 did one\x0b thing this week.\x1b It\tmatters."
    commentary = parse_commentary(minimal(body).encode(), "controls.txt")
    assert commentary.blocks[1].text == "Minsk did one thing this week. It\tmatters."
    assert "3 control characters stripped" in commentary.warnings


def test_decode_source_normalises_line_endings() -> None:
    text, warnings = decode_source(b"one\r\ntwo\rthree\n", "x.txt")
    assert (text, warnings) == ("one\ntwo\nthree\n", [])


# -- bad input: one clear error, nothing partial ------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "is empty"),
    (b"  \n\t\r\n  ", "contains only whitespace"),
    (b"\xef\xbb\xbf \n", "contains only whitespace"),
])
def test_empty_files_are_refused(raw: bytes, expected: str) -> None:
    with pytest.raises(IngestError, match=expected):
        parse_commentary(raw, "blank.txt")


@pytest.mark.parametrize("raw", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"PK\x03\x04\x14\x00\x06\x00word/document.xml" * 20,
    bytes(range(1, 32)) * 40 + b"some text",
    b"\x81\x98\xfe\x83" * 300,
])
def test_binary_files_are_refused(raw: bytes) -> None:
    with pytest.raises(IngestError, match="looks like a binary file") as caught:
        parse_commentary(raw, "photo.txt")
    assert caught.value.hint is not None and "UTF-8" in caught.value.hint


def test_text_that_is_neither_utf8_nor_cyrillic_is_refused() -> None:
    source = minimal("Le café de Minsk a fermé. Très étrange.").replace("–", "-")
    raw = source.encode("latin-1")
    with pytest.raises(IngestError, match="is not UTF-8 text") as caught:
        parse_commentary(raw, "latin.txt")
    assert "save it as UTF-8" in str(caught.value)
    assert "line 10" in caught.value.message


def test_files_over_the_size_limit_are_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(IngestError, match=r"too large: 2\.0 MB .*the limit is 2 MB"):
        parse_commentary(b"a" * (MAX_SOURCE_BYTES + 1), "huge.txt")
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    with pytest.raises(IngestError, match=r"3\.0 MB \(3,145,728 bytes\)"):
        read_commentary(huge)


@pytest.mark.parametrize(("name", "expected"), [
    ("commentary.docx", "unsupported file type '.docx'"),
    ("commentary", "no file extension"),
])
def test_unknown_extensions_are_refused_naming_the_supported_ones(
        name: str, expected: str) -> None:
    with pytest.raises(IngestError, match=expected) as caught:
        parse_commentary(minimal().encode(), name)
    assert caught.value.hint == "save the commentary as one of .htm, .html, .markdown, .md, .txt"


@pytest.mark.parametrize("source", [
    "You have been successfully subscribed\n\nSubscribe to our newsletter\n\nRead more\n",
    "by\nNovember 4–10, 2024\nEconomy\n\nA Headline Only\n\nThe situation has improved\n",
    "by\nNovember 4–10, 2024\nEconomy\n\nA Headline\n\nYou have been successfully subscribed"
    "\n\nSubscribe to our newsletter\n\nOnce a week, in coordination with a group of "
    "prominent Belarusian analysts, we provide analytical commentaries.\nEN\nBE/RU\n"
    "Subscribe\n\nSituation in Belarus\n\nNovember 11 – November 17\nView all\n",
])
def test_sources_without_a_body_are_refused(source: str) -> None:
    with pytest.raises(IngestError, match=r"no commentary text found in nobody\.txt"):
        parse_commentary(source.encode(), "nobody.txt")


def test_missing_file_is_an_ingest_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        read_commentary(tmp_path / "missing.txt")


def test_registry_covers_the_supported_extensions_case_insensitively() -> None:
    supported = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
    assert supported == SOURCE_SUFFIXES
    raw = (FIXTURES / "2024-12-30-winter-drills.md").read_bytes()
    assert parse_commentary(raw, "DRILLS.MD").title.startswith("Minsk Opens the Year")


# -- rules and vocabulary are data ---------------------------------------------------------


def test_custom_boilerplate_rule_drops_a_line_the_shipped_rules_keep(
        tmp_path: pathlib.Path) -> None:
    raw = minimal("Minsk did one thing.\n\nFollow us on Telegram\n\nIt matters.").encode()
    assert "Follow us on Telegram" in body_text(parse_commentary(raw, "a.txt"))
    shipped = SHIPPED_RULES.read_text(encoding="utf-8")
    custom = shipped.replace("[drop]\nlines = [\n",
                             '[drop]\nlines = [\n    "Follow us on Telegram",\n')
    assert custom != shipped
    rules_file = tmp_path / "boilerplate.toml"
    rules_file.write_text(custom, encoding="utf-8")
    commentary = parse_commentary(raw, "a.txt", BoilerplateRules.load(rules_file))
    assert "Follow us on Telegram" not in body_text(commentary)
    assert [b.text for b in commentary.blocks[1:]] == ["Minsk did one thing.", "It matters."]


def test_custom_cut_rule_removes_everything_after_it(tmp_path: pathlib.Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text("[cut]\npatterns = ['^Related:']\n", encoding="utf-8")
    raw = minimal("First point.\n\nRelated: other news\n\nUnrelated teaser.").encode()
    commentary = parse_commentary(raw, "a.txt", BoilerplateRules.load(rules_file))
    assert [b.text for b in commentary.blocks[1:]] == ["First point."]


@pytest.mark.parametrize(("content", "expected"), [
    ("[drop]\npatterns = ['(unclosed']\n", "bad regular expression"),
    ("[drop]\nline = ['EN']\n", "unknown key"),
    ("[dropp]\nlines = ['EN']\n", "unknown table"),
    ("[drop]\nlines = 'EN'\n", "must be a list of non-empty strings"),
    ("[drop\n", "not valid TOML"),
])
def test_broken_rules_files_name_the_problem(
        tmp_path: pathlib.Path, content: str, expected: str) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected) as caught:
        BoilerplateRules.load(rules_file)
    assert "rules.toml" in caught.value.message


def test_status_vocabulary_is_data(tmp_path: pathlib.Path) -> None:
    source = minimal().replace("The situation has not changed", "The situation is stable")
    unknown = parse_commentary(source.encode(), "a.txt")
    assert unknown.status_line == "The situation is stable"  # found by its place
    assert any(w.startswith("new status line wording: 'The situation is stable'")
               for w in unknown.warnings)
    assert "The situation is stable" not in body_text(unknown)
    vocabulary_file = tmp_path / "commentary.toml"
    shipped = SHIPPED_VOCABULARY.read_text(encoding="utf-8")
    vocabulary_file.write_text(
        shipped.replace("lines = [\n", 'lines = [\n    "The situation is stable",\n'),
        encoding="utf-8")
    commentary = parse_commentary(source.encode(), "a.txt",
                                  vocabulary=Vocabulary.load(vocabulary_file))
    assert commentary.status_line == "The situation is stable"
    assert "The situation is stable" not in body_text(commentary)
