"""The reader on invented pages in every layout of the site since 2013.

The pages and what they should read as are in ``tests/data/pages`` (made by its
``make_pages.py``); ``bench/bench_reader.py`` prints the same figures beside 0.1.0's.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tmgr.readers import parse_commentary

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (PAGES / "expected.json").read_text(encoding="utf-8"))


def read(name: str):  # noqa: ANN201 - a ParsedCommentary
    return parse_commentary((PAGES / name).read_bytes(), name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_page_reads_as_an_editor_would(name: str) -> None:
    want, got = EXPECTED[name], read(name)
    assert (got.title or None, got.section, got.week.text if got.week else None,
            got.status_line) == (want["title"], want["section"], want["week"], want["status"])
    body = [block for block in got.blocks if block.kind != "title"]
    assert len(body) == want["paragraphs"]
    text = "\n".join(block.text for block in got.blocks).casefold()
    assert [n for n in want["noise"] if str(n).casefold() in text] == []


@pytest.mark.parametrize("stem", ["2024-grain", "2024-drones", "2024-china"])
@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_markdown_and_html_copies_read_like_the_text(stem: str, suffix: str) -> None:
    text, copy = read(stem + ".txt"), read(stem + suffix)
    assert [(b.kind, b.text) for b in copy.blocks] == [(b.kind, b.text) for b in text.blocks]
    assert (copy.title, copy.section, copy.status_line, copy.author) == (
        text.title, text.section, text.status_line, text.author)


def test_an_unknown_status_wording_is_kept_reported_and_not_fused_into_the_lead() -> None:
    page = read("2024-border.txt")
    assert page.status_line == "The situation is deteriorating"
    assert any(w.startswith("new status line wording: 'The situation is deteriorating'")
               and "site string to translate" in w for w in page.warnings)
    lead = next(block for block in page.blocks if block.kind == "lead")
    assert lead.text.startswith("Belarusian border guards")


def test_a_cyrillic_caption_is_kept_aside_never_translated() -> None:
    page = read("2024-schools.txt")
    assert page.captions == ["Светлана Тихановская / Фото из соцсетей"]
    assert all("Тихановская" not in block.text for block in page.blocks)


def test_old_template_teasers_and_remnants_are_not_body_text() -> None:
    page = read("2016-rouble.txt")
    assert page.dated == "October 31, 2016 11:26"
    assert [block.kind for block in page.blocks] == ["title", "lead"]
    roles = {reading.text: reading.role for reading in page.readings}
    assert roles["header -->"] == "boilerplate"
    assert roles["Similar articles"] == "cut"
    assert roles["Death penalty debate returns to the agenda"] == "after-cut"
    assert any(w.startswith("no week range found (the page is dated October 31, 2016")
               for w in page.warnings)


def test_a_page_without_a_headline_gets_no_title_and_a_warning() -> None:
    page = read("2023-no-headline.txt")
    assert page.title == "" and page.blocks[0].kind == "lead"
    assert any(w.startswith("no headline found") and "tmgr doc set DOC --title" in w
               for w in page.warnings)


def test_a_truncated_page_is_reported_and_its_fragment_stays_a_paragraph() -> None:
    page = read("2024-drones-truncated.txt")
    last = page.blocks[-1]
    assert last.kind == "paragraph" and last.text.endswith("fears any pub")
    assert any(w.startswith("the text seems to end mid-sentence") and "fears any pub" in w
               for w in page.warnings)


def test_a_fragment_at_the_end_is_never_a_heading() -> None:
    source = (PAGES / "2024-grain.txt").read_text(encoding="utf-8").split("\n\nYou have")[0]
    page = parse_commentary((source + "\n\nThe Ministry Of").encode(), "cut.txt")
    assert page.blocks[-1].kind == "paragraph"
    assert any("end mid-sentence" in w for w in page.warnings)


def test_lines_the_reader_does_not_understand_are_reported_not_translated() -> None:
    source = (PAGES / "2024-grain.txt").read_text(encoding="utf-8").replace(
        "The talks are likely", "* * *\n\nhttps://example.org/grain-report\n\nThe talks are likely")
    page = parse_commentary(source.encode(), "odd.txt")
    text = " ".join(block.text for block in page.blocks)
    assert "* * *" not in text and "example.org" not in text
    assert any("ignored (no words)" in w for w in page.warnings)
    assert any("ignored (a web address alone)" in w for w in page.warnings)


def test_an_author_on_the_line_after_by_and_a_day_first_week() -> None:
    source = ("by\nAnatol Kotau\n21 October – 27 October 2024\nEconomy\n\n"
              "Banks Tighten Lending Rules Again\n\nThe situation got worse\n"
              "Banks Tighten Lending Rules Again\n\n"
              "The National Bank raised reserve requirements. Lending slowed.\n")
    page = parse_commentary(source.encode(), "a.txt")
    assert (page.author, page.title, page.section, page.status_line) == (
        "Anatol Kotau", "Banks Tighten Lending Rules Again", "Economy", "The situation got worse")
    assert page.week is not None and page.week.start is not None
    assert page.week.start.isoformat() == "2024-10-21"


SENTENCES: dict[str, list[list[str]]] = json.loads(
    (PAGES / "sentences.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SENTENCES))
def test_every_sentence_of_the_new_layouts_is_one_segment(name: str) -> None:
    """0 wrong sentence breaks: each block splits into the sentences (or table cells)
    it was written as."""
    from tmgr.segment import split_sentences

    got = [block for block in read(name).blocks if block.kind != "title"]
    want = SENTENCES[name]
    assert len(got) == len(want)
    for block, sentences in zip(got, want, strict=True):
        if block.kind == "table":
            cells = [cell for row in sentences for cell in row.replace("\u00a0", "  ").split()
                     if cell]
            assert "  " not in block.text and "\u00a0" not in block.text
            assert " ".join(split_sentences(block.text)).split() == cells
        else:
            assert split_sentences(block.text) == sentences


def test_a_stray_cms_line_is_reported_never_the_title() -> None:
    page = read("2012-stray-notice.txt")
    assert page.title == "Households Face a Second Gas Price Rise This Year"
    assert any("line 1 above the headline ignored" in w and "CMS" in w for w in page.warnings)
    assert [r.role for r in page.readings[:2]] == ["ignored", "title"]


def test_a_review_reads_its_verdict_in_parentheses_and_its_period() -> None:
    page = read("2019-annual-review.txt")
    assert page.status_line == "The situation has worsened"
    assert page.week is not None and (page.week.start, page.week.end) == (
        date(2019, 12, 1), date(2019, 12, 31))
    month = read("2014-monthly-review.txt")
    assert month.week is not None and month.week.end == date(2014, 5, 31)


def test_an_unseen_verdict_is_kept_and_reported_not_put_in_the_text() -> None:
    page = read("2011-unknown-verdict.txt")
    assert page.status_line == "Situation unclear"
    assert any("Situation unclear" in w for w in page.warnings)


def test_aligned_columns_are_one_table_block_of_cells() -> None:
    tables = [b for b in read("2019-annual-review.txt").blocks if b.kind == "table"]
    assert [row.split("\t") for row in tables[0].text.split("\n")] == [
        ["Indicator", "2018", "2019"], ["GDP growth, %", "3.1", "1.2"],
        ["Inflation, %", "4.9", "4.7"]]


def test_a_caption_in_a_third_language_is_kept_aside_and_reported() -> None:
    page = read("2016-third-language-caption.txt")
    assert page.captions == ["Zdjęcie: Michał Wójcik / Agencja Łódź"]
    assert any("another language kept as a caption" in w for w in page.warnings)


def test_the_headline_printed_after_the_lead_is_not_a_paragraph() -> None:
    page = read("2018-headline-after-lead.txt")
    kinds = [b.kind for b in page.blocks]
    assert kinds == ["title", "lead", "paragraph"]
    assert any(r.role == "title-repeat" and r.detail.endswith("after the lead")
               for r in page.readings)


def test_a_page_whose_first_lines_are_all_unknown_says_the_headline_is_a_guess() -> None:
    raw = (b"Menu Home Contacts\nLatest issues list\nAnother loose line\n\n"
           b"The ministry approved the plan on Monday. It takes effect in May.\n")
    page = parse_commentary(raw, "unknown-top.txt")
    assert any("was taken as the headline; check it" in w and "Menu Home Contacts" in w
               for w in page.warnings)
    assert any("and the first paragraph kept as text" in w and "Latest issues list" in w
               for w in page.warnings)


def test_a_20_mb_page_is_refused_with_one_line_and_nothing_read() -> None:
    from tmgr.errors import IngestError

    raw = ("The ministry approved the plan. " * 700_000).encode()
    with pytest.raises(IngestError, match=r"too large: 2\d\.\d MB .* the limit is 2 MB"):
        parse_commentary(raw, "huge.txt")


def test_a_headline_above_the_byline_is_still_the_headline() -> None:
    raw = ("500 Political Prisoners Remain Behind Bars\n\nby\nFebruary 3 – February 9, 2025\n"
           "Human rights\n\nThe situation has not changed\n\n"
           "Human rights groups counted five hundred political prisoners. Few were freed.\n"
           ).encode()
    page = parse_commentary(raw, "headline-first.txt")
    assert (page.title, page.section, page.status_line) == (
        "500 Political Prisoners Remain Behind Bars", "Human rights",
        "The situation has not changed")


def test_two_spaces_after_full_stops_are_prose_not_a_table() -> None:
    raw = (b"Gas Deal Signed\n\nThe deal was signed.  Prices will not change.  Few\n"
           b"expected it.  Officials were silent.  The talks\nended on Monday.\n")
    page = parse_commentary(raw, "two-spaces.txt")
    assert [b.kind for b in page.blocks] == ["title", "lead"]
