"""One contract, run over every format in the registries: what each kind must guarantee.

Pure tests: no database. Validators are the real tools: msgfmt, xmllint with the
OASIS XLIFF 1.2 schema and the TMX 1.4 DTD (copies in tests/data/schemas). The
glossary formats (CSV, TBX) have a registry of their own and the same contract.
"""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

import pytest

from tests.exchange import BILLION_LAUGHS, XXE, msgfmt_check, xmllint_tmx, xmllint_xliff
from tmgr.errors import FormatError
from tmgr.formats import (
    FORMATS,
    GLOSSARY_FORMATS,
    format_for_file,
    get_format,
    get_glossary_format,
    glossary_format_for_file,
)
from tmgr.formats.base import (
    MAX_IMPORT_BYTES,
    CatalogFormat,
    Format,
    GlossaryFormat,
    MemoryFormat,
    PublishFormat,
)
from tmgr.formats.model import (
    Article,
    ArticleBlock,
    Catalog,
    Memory,
    MemoryPair,
    Run,
    TermRecord,
    Unit,
)
from tmgr.store.models import State

WHEN = datetime(2024, 11, 3, 18, 30, tzinfo=UTC)
TRICKY = 'Ён сказаў: "<b>&amp;</b>" — і\tпайшоў'


def article(draft: bool = False) -> Article:
    gap = [Run(" "), Run("Not approved yet.", gap=True)] if draft else []
    return Article(
        slug="2024-11-04-test", lang="be", title=[Run("Загаловак & <тэст>")],
        byline=[Run("Аўтар: Ганна Сакалова")], week=[Run("4–10 лістапада 2024")],
        week_start=date(2024, 11, 4), section=[Run("Эканоміка")],
        status_line=[Run("Сітуацыя пагоршылася")],
        blocks=[ArticleBlock("lead", [Run("Першы сказ."), Run("  "), Run("Другі сказ."), *gap]),
                ArticleBlock("heading", [Run("Падзагаловак")]),
                ArticleBlock("list_item", [Run("пункт адзін;")]),
                ArticleBlock("list_item", [Run("пункт два.")]),
                ArticleBlock("quote", [Run("«Цытата».")]),
                ArticleBlock("paragraph", [Run(TRICKY)])],
        draft_label="ЧАРНАВІК" if draft else None)


def catalog(lang: str = "be", document: str = "2024-11-04-test") -> Catalog:
    units = [
        Unit(key="k-untranslated", source="First sentence.", version=1, context="lead, block 2"),
        Unit(key="k-draft", source="Second one.", target="МЕТА-ДРУГІ", state=State.DRAFT,
             origin="mt:google", version=2, previous_source="The second one."),
        Unit(key="k-needs", source="Third.", target="МЕТА-ТРЭЦІ", state=State.NEEDS_EDITING,
             origin="human", version=4, comments=["anna: праверце імя"]),
        Unit(key="k-translated", source='Quote "this" & <that>.', target=TRICKY,
             state=State.TRANSLATED, origin="human", version=3),
        Unit(key="k-approved", source="Line one\nline two.", target="Радок адзін\nрадок два.",
             state=State.APPROVED, origin="human", version=7),
    ]
    return Catalog(document=document, target_lang=lang, units=units, title="Загаловак",
                   snapshot=WHEN)


#: what a state is read back as, after a tmgr export: drafts come back as needs-editing
READ_BACK = {State.UNTRANSLATED: State.UNTRANSLATED, State.DRAFT: State.NEEDS_EDITING,
             State.NEEDS_EDITING: State.NEEDS_EDITING, State.TRANSLATED: State.TRANSLATED}


class FormatContract:
    """What every format guarantees."""

    name: ClassVar[str]
    registry: ClassVar[Mapping[str, Format]] = FORMATS
    lookup: ClassVar[Callable[[str], Format]] = staticmethod(get_format)

    @property
    def fmt(self) -> Format:
        return self.registry[self.name]

    def read(self, data: bytes, name: str) -> object:
        """Load ``data`` as the file ``name`` (readable formats)."""
        fmt = self.fmt
        assert isinstance(fmt, CatalogFormat | MemoryFormat)
        return fmt.load(data, name)

    def test_registered_under_its_name_and_extension(self) -> None:
        assert self.lookup(self.name) is self.fmt
        assert self.fmt.extension.startswith(".") and self.fmt.media_type
        assert self.fmt.description
        assert self.fmt.kind in ("publish", "catalog", "memory", "glossary")


class PublishContract(FormatContract):
    def render(self, draft: bool = False) -> str:
        fmt = self.fmt
        assert isinstance(fmt, PublishFormat)
        return fmt.render(article(draft)).decode("utf-8")

    def test_renders_every_part_once_in_order(self) -> None:
        text = self.render()
        for part in ("Ганна Сакалова", "4–10 лістапада 2024", "Эканоміка", "Загаловак",
                     "Сітуацыя пагоршылася", "Першы сказ.", "Падзагаловак", "пункт адзін;",
                     "пункт два.", "Цытата"):
            assert text.count(part) >= 1, part
        positions = [text.index(p) for p in ("Загаловак", "Першы", "Падзагаловак", "пункт два")]
        assert positions == sorted(positions)

    def test_keeps_spacing_between_sentences(self) -> None:
        assert "Першы сказ.  Другі сказ." in self.render()

    def test_is_deterministic_utf8_with_final_newline(self) -> None:
        assert self.render() == self.render()
        assert self.render().endswith("\n")

    def test_draft_is_labelled_and_gaps_marked(self) -> None:
        final, draft = self.render(), self.render(draft=True)
        assert "ЧАРНАВІК" not in final and "ЧАРНАВІК" in draft
        assert "Not approved yet." in draft
        body = draft[max(draft.find("<body>"), 0):]  # HTML names its title in <head> too
        assert body.index("ЧАРНАВІК") < body.index("Загаловак")


class ImportLimitContract:
    """Readable formats refuse a file too large to be real before parsing any of it."""

    fmt: Format

    def read(self, data: bytes, name: str) -> object:
        raise NotImplementedError

    def test_huge_file_is_refused(self) -> None:
        with pytest.raises(FormatError, match="too large to import") as caught:
            self.read(b" " * (MAX_IMPORT_BYTES + 1), f"huge{self.fmt.extension}")
        assert caught.value.hint and "MB" in caught.value.hint


class XmlSafetyContract(ImportLimitContract):
    """XML formats refuse external entities and entity bombs without expanding them,
    and stay within libxml2's limits (no huge_tree)."""

    def load(self, data: bytes) -> object:
        return self.read(data, f"evil{self.fmt.extension}")

    def test_xxe_is_refused(self) -> None:
        with pytest.raises(FormatError, match="declares XML entities") as caught:
            self.load(XXE)
        assert "root:" not in str(caught.value)

    def test_billion_laughs_is_refused(self) -> None:
        with pytest.raises(FormatError, match="declares XML entities"):
            self.load(BILLION_LAUGHS)

    def test_a_text_beyond_the_parser_limits_is_refused(self) -> None:
        deep = b"<a>" * 300 + b"</a>" * 300
        long_text = b'<?xml version="1.0"?>\n<a>\n' + b"x" * (11 * 1024 * 1024) + b"</a>"
        for data, line in ((deep, 1), (long_text, 3)):
            with pytest.raises(FormatError, match="beyond what tmgr reads safely") as caught:
                self.load(data)
            assert f"evil{self.fmt.extension}:{line}:" in str(caught.value)
            assert "XML_PARSE_HUGE" not in str(caught.value)

    def test_text_not_in_its_declared_encoding_is_refused_with_its_line(self) -> None:
        data = '<?xml version="1.0" encoding="UTF-8"?>\n<a>\n<b>Мінск</b></a>'.encode("cp1251")
        with pytest.raises(FormatError, match=f"evil{self.fmt.extension}:3: ") as caught:
            self.load(data)
        assert "encoding" in str(caught.value)


class CatalogContract(FormatContract, ImportLimitContract):
    #: (file content, line the error must name)
    broken: ClassVar[list[tuple[bytes, int]]]
    #: the state each exported state reads back as
    read_back: ClassVar[dict[State, State]] = READ_BACK

    @property
    def cfmt(self) -> CatalogFormat:
        assert isinstance(self.fmt, CatalogFormat)
        return self.fmt

    def validate(self, path: Path) -> None:
        raise NotImplementedError

    def test_round_trip_keeps_everything(self) -> None:
        original = catalog()
        [back] = self.cfmt.load(self.cfmt.dump([original]), f"be/x{self.fmt.extension}")
        assert (back.document, back.target_lang, back.title) == ("2024-11-04-test", "be",
                                                                 "Загаловак")
        assert back.snapshot == WHEN
        for before, after in zip(original.units, back.units, strict=True):
            assert (after.key, after.source, after.target) == (before.key, before.source,
                                                               before.target)
            assert after.state == self.read_back.get(before.state, before.state)
            assert (after.previous_source, after.origin, after.comments, after.context) == (
                before.previous_source, before.origin, before.comments, before.context)
            assert after.version == before.version and after.edited is False
            assert after.line > 0

    def test_a_changed_target_reads_as_edited(self) -> None:
        data = self.cfmt.dump([catalog()]).replace("МЕТА-ТРЭЦІ".encode(), "НОВЫ".encode())
        units = {u.key: u for u in self.cfmt.load(data, f"x{self.fmt.extension}")[0].units}
        assert units["k-needs"].edited is True and units["k-needs"].target == "НОВЫ"
        assert units["k-draft"].edited is False

    def test_exported_file_is_valid(self, tmp_path: Path) -> None:
        path = tmp_path / f"x{self.fmt.extension}"
        path.write_bytes(self.cfmt.dump([catalog()]))
        self.validate(path)

    def test_malformed_file_is_refused_with_file_and_line(self) -> None:
        for data, line in self.broken:
            with pytest.raises(FormatError) as caught:
                self.cfmt.load(data, f"broken{self.fmt.extension}")
            assert f"broken{self.fmt.extension}:{line}" in str(caught.value)

    def test_found_by_extension_on_import(self) -> None:
        data = self.cfmt.dump([catalog()])
        assert format_for_file(f"a/b{self.fmt.extension}", data) is self.fmt


class TestText(PublishContract):
    name = "txt"

    def test_lists_and_quotes_are_marked(self) -> None:
        text = self.render()
        assert "- пункт адзін;\n- пункт два." in text and "> «Цытата»." in text
        assert "⟦Not approved yet.⟧" in self.render(draft=True)


class TestMarkdown(PublishContract):
    name = "md"


class TestHtml(PublishContract):
    name = "html"

    def test_escapes_text(self) -> None:
        html = self.render()
        assert "<b>" not in html and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in html


class TestPo(CatalogContract):
    name = "po"
    # gettext knows fuzzy or not: what a translator sends back is at most "translated"
    read_back = {**READ_BACK, State.APPROVED: State.TRANSLATED}
    broken = [
        (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
         b'msgctxt "k"\nmsgid "Hello\nmsgstr "x"\n', 6),  # unterminated: polib accepts it
        (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
         b'msgctxt "k"\nmsgid "Hello"\ngarbage\nmsgstr "x"\n', 7),
        (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
         b'"Language: be\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
         b'msgctxt "k"\nmsgid "One"\nmsgid_plural "Many"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
         7),  # plural entries are not sentences (an entry without msgctxt is matched by
              # its English since xliff2po drops msgctxt: see tests/test_interop.py)
    ]

    def validate(self, path: Path) -> None:
        result = msgfmt_check(path)
        assert result.returncode == 0 and not result.stderr, result.stderr


class TestXliff(CatalogContract, XmlSafetyContract):
    name = "xliff"
    broken = [
        (b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
         b'version="1.2">\n<file original="x" target-language="be">\n<body>\n'
         b"<trans-unit id='a'><source>x</target></trans-unit>\n</body></file></xliff>\n", 5),
        (b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
         b'version="1.2">\n<file original="x" target-language="be" source-language="en" '
         b'datatype="plaintext">\n<body>\n<trans-unit><source>x</source></trans-unit>\n'
         b"</body></file></xliff>\n", 5),
    ]

    def validate(self, path: Path) -> None:
        result = xmllint_xliff(path)
        assert result.returncode == 0, result.stderr

    def test_several_documents_and_languages_in_one_file(self) -> None:
        data = self.cfmt.dump([catalog("be"), catalog("ru", "other")])
        back = self.cfmt.load(data, "x.xlf")
        assert [(c.document, c.target_lang) for c in back] == [("2024-11-04-test", "be"),
                                                              ("other", "ru")]


class TestXliff2(CatalogContract, XmlSafetyContract):
    name = "xliff2"
    broken = [
        (b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
         b'version="2.0" srcLang="en" trgLang="be">\n<file id="x">\n'
         b"<unit id='a'><segment><source>x</target></segment></unit>\n</file></xliff>\n", 4),
        (b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
         b'version="2.0" srcLang="en" trgLang="be">\n<file id="x">\n'
         b"<unit id='a'><segment><source>x</source></segment><segment><source>y</source>"
         b"</segment></unit>\n</file></xliff>\n", 4),
    ]

    def validate(self, path: Path) -> None:
        # No XLIFF 2.0 schema is available offline: check the core structure instead.
        from lxml import etree

        root = etree.parse(str(path)).getroot()
        ns = "{urn:oasis:names:tc:xliff:document:2.0}"
        assert root.tag == f"{ns}xliff" and root.get("version") == "2.0"
        assert root.get("srcLang") == "en" and root.get("trgLang") == "be"
        for unit in root.iter(f"{ns}unit"):
            children = [child.tag for child in unit]
            assert children[-1] == f"{ns}segment" and children.count(f"{ns}segment") == 1
            assert unit.find(f"{ns}segment/{ns}source") is not None

    def test_one_target_language_per_file(self) -> None:
        with pytest.raises(ValueError):
            self.cfmt.dump([catalog("be"), catalog("ru")])

    def test_xliff_versions_are_told_apart_by_content(self) -> None:
        old, new = FORMATS["xliff"], FORMATS["xliff2"]
        assert isinstance(old, CatalogFormat) and isinstance(new, CatalogFormat)
        assert format_for_file("a.xliff", old.dump([catalog()])) is old
        assert format_for_file("a.xlf", new.dump([catalog()])) is new


class TestTmx(FormatContract, XmlSafetyContract):
    name = "tmx"

    def memory(self) -> Memory:
        return Memory(pairs=[
            MemoryPair("Minsk calls for talks.", "be", "Мінск заклікае да перамоў.", WHEN, "anna"),
            MemoryPair("Minsk calls for talks.", "ru", "Минск призывает к переговорам.", WHEN),
            MemoryPair("Minsk calls for talks.", "ru", "Минск зовёт к переговорам.", None),
            MemoryPair(TRICKY, "be", TRICKY, None, None)])

    def test_round_trip_keeps_every_pair(self) -> None:
        fmt = self.fmt
        assert isinstance(fmt, MemoryFormat)
        back = fmt.load(fmt.dump(self.memory()), "x.tmx")
        assert set(back.pairs) == set(self.memory().pairs)

    def test_exported_file_is_valid_and_stable(self, tmp_path: Path) -> None:
        fmt = self.fmt
        assert isinstance(fmt, MemoryFormat)
        path = tmp_path / "x.tmx"
        path.write_bytes(fmt.dump(self.memory()))
        result = xmllint_tmx(path)
        assert result.returncode == 0, result.stderr
        assert fmt.dump(self.memory()) == path.read_bytes()

    def test_a_memory_in_another_source_language_is_refused(self) -> None:
        fmt = self.fmt
        assert isinstance(fmt, MemoryFormat)
        data = fmt.dump(self.memory()).replace(b'srclang="en"', b'srclang="de"')
        with pytest.raises(FormatError, match="source language"):
            self.load(data)


LANGUAGES = ("be", "ru")


def terms() -> list[TermRecord]:
    return [
        TermRecord("Lukashenka", {"be": ["Лукашэнка"], "ru": ["Лукашенко"]},
                   {"ru": ["Лукашенка"]}, note="the president, since 1994"),
        TermRecord("Hi-Tech Park", {"be": ["Парк высокіх тэхналогій", "ПВТ"],
                                    "ru": ["Парк высоких технологий", "ПВТ"]}),
        TermRecord("Telegram", do_not_translate=True),
        TermRecord('"Viasna" & <co>', {"be": ["«Вясна»"]},
                   note='a note, with "quotes", commas\nand a second line'),
        TermRecord("Belarus", {"be": ["Беларусь"], "ru": ["Беларусь"]},
                   {"ru": ["Белоруссия", "Белорусь"]}),
    ]


class GlossaryContract(FormatContract, ImportLimitContract):
    """What every glossary format guarantees: entries round-trip, bad files are refused."""

    registry: ClassVar[Mapping[str, Format]] = GLOSSARY_FORMATS
    lookup: ClassVar[Callable[[str], Format]] = staticmethod(get_glossary_format)
    #: (file content, line the error must name)
    broken: ClassVar[list[tuple[bytes, int]]]

    @property
    def gfmt(self) -> GlossaryFormat:
        assert isinstance(self.fmt, GlossaryFormat)
        return self.fmt

    def read(self, data: bytes, name: str) -> list[TermRecord]:
        return self.gfmt.load(data, name, LANGUAGES)

    def dump(self, records: Sequence[TermRecord]) -> bytes:
        return self.gfmt.dump(records, LANGUAGES)

    def validate(self, path: Path) -> None:
        raise NotImplementedError

    def test_round_trip_keeps_every_entry(self) -> None:
        assert self.read(self.dump(terms()), f"x{self.fmt.extension}") == terms()

    def test_an_empty_glossary_round_trips(self) -> None:
        assert self.read(self.dump([]), f"x{self.fmt.extension}") == []

    def test_is_deterministic_utf8_with_final_newline(self) -> None:
        data = self.dump(terms())
        assert data == self.dump(terms()) and data.endswith(b"\n")
        assert "Лукашэнка" in data.decode("utf-8")

    def test_exported_file_is_valid(self, tmp_path: Path) -> None:
        path = tmp_path / f"x{self.fmt.extension}"
        path.write_bytes(self.dump(terms()))
        self.validate(path)

    def test_malformed_file_is_refused_with_file_and_line(self) -> None:
        for data, line in self.broken:
            with pytest.raises(FormatError) as caught:
                self.read(data, f"broken{self.fmt.extension}")
            assert f"broken{self.fmt.extension}:{line}:" in str(caught.value), data

    def test_found_by_extension_and_by_name(self) -> None:
        assert glossary_format_for_file(f"a/terms{self.fmt.extension.upper()}") is self.fmt
        assert glossary_format_for_file("terms.txt", self.name) is self.fmt


class TestGlossaryCsv(GlossaryContract):
    name = "csv"
    broken = [
        (b"word,be\nMinsk,\xd0\x9c\xd1\x96\xd0\xbd\xd1\x81\xd0\xba\n", 1),  # no 'term'
        ("term,be\nMinsk,Мінск\n,Брэст\n".encode(), 3),  # an empty term
        ('term,be,note\nMinsk,Мінск,"two\nlines"\n"Brest,Брэст\n'.encode(), 4),
        (b"", 1),
    ]

    def validate(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, strict=True))
        assert rows[0] == ["term", "be", "ru", "be_forbidden", "ru_forbidden", "note",
                           "do_not_translate"]
        assert [row[0] for row in rows[1:]] == [record.term for record in terms()]
        assert all(len(row) == len(rows[0]) for row in rows)

    def test_columns_of_other_languages_are_left_out(self) -> None:
        data = "term,be,de,note\nMinsk,Мінск,Minsk,the capital\n".encode()
        [record] = self.read(data, "x.csv")
        assert record.translations == {"be": ["Мінск"]} and record.note == "the capital"

    def test_text_not_in_utf8_is_refused_with_its_line(self) -> None:
        data = "term,be\nMinsk,Мінск\nBrest,Брэст\n".encode("cp1251")
        with pytest.raises(FormatError, match="x.csv:2: .*not UTF-8") as caught:
            self.read(data, "x.csv")
        assert caught.value.hint and "UTF-8" in caught.value.hint

    def test_a_target_column_of_no_language_asks_for_columns(self) -> None:
        data = "source,target\nMinsk,Минск\n".encode()
        with pytest.raises(FormatError, match="x.csv:1: the 'target' column") as caught:
            self.read(data, "x.csv")
        assert caught.value.hint and "--columns term,ru" in caught.value.hint
        assert self.gfmt.load(data, "x.csv", LANGUAGES, ["term", "ru"]) == [
            TermRecord("Minsk", {"ru": ["Минск"]})]  # the header row is not a term

    def test_a_spreadsheet_byte_order_mark_is_read(self) -> None:
        data = "\ufeffterm,be\nMinsk,Мінск\n".encode()
        assert self.read(data, "x.csv") == [TermRecord("Minsk", {"be": ["Мінск"]})]


class TestGlossaryTab(GlossaryContract):
    name = "tab"
    broken = [
        ("Minsk\tМінск\n".encode(), 1),  # no header and no --columns
        ("term\tbe\nMinsk\tМінск\n\tБрэст\n".encode(), 3),  # an empty term
        (b"", 1),
    ]

    def validate(self, path: Path) -> None:
        rows = path.read_text("utf-8").splitlines()
        assert rows[0].split("\t") == ["term", "be", "ru", "be_forbidden", "ru_forbidden",
                                       "note", "do_not_translate"]

    def test_omegat_lines_are_read_with_the_columns_given(self) -> None:
        data = ("# OmegaT glossary\nMinsk\tМінск\tthe capital\n\nBrest\tБрэст\n"
                .encode("utf-16"))
        assert self.gfmt.load(data, "g.txt", LANGUAGES, ["term", "be", "note"]) == [
            TermRecord("Minsk", {"be": ["Мінск"]}, note="the capital"),
            TermRecord("Brest", {"be": ["Брэст"]})]


class TestTbx(GlossaryContract, XmlSafetyContract):
    name = "tbx"
    broken = [
        (b'<?xml version="1.0"?>\n<martif type="TBX"><text><body>\n<termEntry>\n'
         b'<langSet xml:lang="en"><tig><term>Minsk</tig></langSet>\n'
         b"</termEntry></body></text></martif>\n", 4),  # not well-formed
        (b'<?xml version="1.0"?>\n<martif type="TBX"><text><body>\n<termEntry>\n'
         b"<langSet><tig><term>Minsk</term></tig></langSet>\n"
         b"</termEntry></body></text></martif>\n", 4),  # a language set without a language
        (b'<?xml version="1.0"?>\n\n<html><body>Minsk</body></html>\n', 3),  # not TBX
    ]

    def validate(self, path: Path) -> None:
        # No TBX schema is available offline: xmllint for well-formedness, then the
        # TBX 2008 core structure.
        checked = subprocess.run(["xmllint", "--noout", "--nonet", str(path)],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        from lxml import etree

        root = etree.parse(str(path)).getroot()
        lang = "{http://www.w3.org/XML/1998/namespace}lang"
        assert root.tag == "martif" and root.get("type") == "TBX"
        entries = root.findall("text/body/termEntry")
        assert len(entries) == len(terms())
        for entry in entries:
            assert [s.get(lang) for s in entry.findall("langSet")][0] == "en"
            for tig in entry.findall("langSet/tig"):
                assert tig.findtext("term") and tig.find("termNote") is not None

    def test_tbx_v3_is_read(self) -> None:
        data = ('<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
                'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
                '<conceptEntry id="c1"><descrip type="definition">the capital</descrip>'
                '<langSec xml:lang="en"><termSec><term>Minsk</term></termSec></langSec>'
                '<langSec xml:lang="be-BY"><termSec><term>Мінск</term></termSec></langSec>'
                '<langSec xml:lang="ru"><termSec><term>Минск</term></termSec><termSec>'
                '<term>Минськ</term><termNote type="administrativeStatus">'
                "deprecatedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>\n"
                "</body></text></tbx>\n").encode()
        assert self.read(data, "v3.tbx") == [TermRecord(
            "Minsk", {"be": ["Мінск"], "ru": ["Минск"]}, {"ru": ["Минськ"]},
            note="the capital")]

    def test_entries_without_an_english_term_are_left_out(self) -> None:
        data = ('<?xml version="1.0"?>\n<martif type="TBX"><text><body>'
                '<termEntry><langSet xml:lang="be"><tig><term>Мінск</term></tig></langSet>'
                "</termEntry></body></text></martif>").encode()
        assert self.read(data, "x.tbx") == []


def test_every_registered_format_is_covered_by_a_contract() -> None:
    covered = {cls.name for cls in (TestText, TestMarkdown, TestHtml, TestPo, TestXliff,
                                    TestXliff2, TestTmx)}
    assert covered == set(FORMATS)
    assert {cls.name for cls in (TestGlossaryCsv, TestGlossaryTab, TestTbx)} == set(
        GLOSSARY_FORMATS)


def test_unknown_import_extension_is_refused() -> None:
    with pytest.raises(FormatError, match="tmgr imports .po"):
        format_for_file("notes.docx", b"")
    with pytest.raises(FormatError, match="cannot tell the glossary format") as caught:
        glossary_format_for_file("terms.xlsx")
    assert caught.value.hint == "use --format csv or --format tab or --format tbx"
    with pytest.raises(FormatError, match="unknown glossary format 'xlsx'"):
        glossary_format_for_file("terms.csv", "xlsx")
