"""A fuzz target per parser: whatever bytes arrive, a parser answers or raises a TmgrError.

Each target mutates valid files of its format (made here by tmgr's own writers, or
the repository's sample sources) with Hypothesis: bytes flipped, inserted, deleted,
pieces of markup spliced in, control characters and broken UTF-8 planted. The suite
runs a bounded budget (``TMGR_FUZZ_EXAMPLES``, default 40 per target); ``make fuzz``
runs thousands. A parser that raises anything but :class:`TmgrError` (or accepts a
catalog text that import must refuse) fails with the smallest input that shows it.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, SAMPLE
from tmgr.errors import TmgrError
from tmgr.exchange.imports import check_catalog_text
from tmgr.formats import FORMATS, GLOSSARY_FORMATS
from tmgr.formats.model import Catalog, Memory, MemoryPair, TermRecord, Unit
from tmgr.readers import parse_commentary
from tmgr.store.models import State
from tmgr.text import bad_character

LANGUAGES = ("be", "ru")
EXAMPLES = int(os.environ.get("TMGR_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SNIPPETS = [b"<", b">", b"</", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"&#0;", b"&#x1;",
            b"]]>", b"<![CDATA[", b'"', b"\\", b"\n", b"\r", b"\x00", b"\x07", b"\xff",
            b"\xc3", b"\xed\xa0\x80", b"msgid ", b'msgstr "', b"#, fuzzy\n", b"msgctxt ",
            b"#| msgid ", b'xml:lang="', b"<target>", b"<seg>", b"<tu>", b"<tuv>", b"\t",
            b"# ", b"## ", b"* ", b"> ", b"|", b",", b"\xef\xbb\xbf", b"\xe2\x80\xa8"]


def _catalog() -> Catalog:
    units = [Unit(key=f"k{n}", source=f"Sentence {n}, with “quotes” & <b>tags</b>.",
                  target=f"Сказ {n}." if n % 3 else "", version=n + 1,
                  state=[State.TRANSLATED, State.DRAFT, State.APPROVED][n % 3],
                  previous_source="Old sentence." if n == 2 else None,
                  comments=["anna: a note"] if n == 1 else [], origin="human")
             for n in range(5)]
    return Catalog(document="fuzz-doc", target_lang="be", units=units, title="Fuzz",
                   snapshot=datetime(2024, 10, 28, 12, 0, tzinfo=UTC))


def _memory() -> Memory:
    return Memory(pairs=[MemoryPair(f"Sentence {n}.", lang, f"Сказ {n}.")
                         for n in range(4) for lang in ("be", "ru")])


def _seeds() -> dict[str, list[bytes]]:
    catalog = _catalog()
    seeds = {name: [fmt.dump([catalog])] for name, fmt in FORMATS.items()
             if fmt.kind == "catalog"}
    seeds["tmx"] = [FORMATS["tmx"].dump(_memory())]
    sources = [SAMPLE, *sorted((DATA / "sources").iterdir())]
    for suffix in (".txt", ".md", ".html"):
        seeds[suffix] = [p.read_bytes()[:6000] for p in sources if p.suffix == suffix]
    glossary = (SAMPLE.parents[1] / "tmgr" / "data" / "glossary.csv").read_text("utf-8")
    seeds["csv"] = [glossary.encode("utf-8")[:4000]]
    records = GLOSSARY_FORMATS["csv"].load(glossary.encode("utf-8"), "glossary.csv", LANGUAGES)
    seeds["tbx"] = [GLOSSARY_FORMATS["tbx"].dump(records[:12], LANGUAGES)]
    seeds["tab"] = [GLOSSARY_FORMATS["tab"].dump(records[:12], LANGUAGES)]
    return seeds


def _issue_27_cases() -> dict[str, list[bytes]]:
    """The hostile inputs of issue 27's probe, each a seed of the target that reads it."""
    page = (DATA / "sources" / "2024-10-14-crossings.txt").read_bytes()
    head, _, body = page.partition(b"\n")
    long_sentence = b" ".join(b"talks%d in Minsk again" % (n % 17) for n in range(700)) + b"."
    return {
        ".txt": [head + b"\x00\x07\n" + body,  # control characters in the metadata
                 page.replace(b"Minsk and Moscow Agree", b"Minsk\x00and Moscow\x1bAgree", 1),
                 head + b"\n" + body.replace(b"\n", b"\n" + long_sentence + b"\n", 1)],
        ".md": [b"# =HYPERLINK(\"http://evil.example\")\n\nOct. 14 \xe2\x80\x93 Oct. 20, "
                b"2024\n\n" + long_sentence + b"\n"],
        "csv": ["term,be,ru,note\nŁódź,Лодзь,Лодзь,\nłódź,,,twin\n=1+2,+375,-1,@risk\n"
                "'=SUM(A1),,,\"two\nlines\"\n".encode()],
        "tbx": [GLOSSARY_FORMATS["tbx"].dump([
            TermRecord(term="Łódź", note="a\nb", translations={"be": ["Лодзь"]}),
            TermRecord(term="łódź", note="", translations={"ru": ["Лодзь"]}),
            TermRecord(term="=cmd|' /C calc'!A0", note="@x", translations={})], LANGUAGES)],
    }


def _backup_seeds() -> list[bytes]:
    """A real backup of a small database, and the same with its compressed data corrupt."""
    from tmgr.documents.ingest import ingest_file
    from tmgr.store.backup import write_backup
    from tmgr.store.db import Database

    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{folder}/fuzz.sqlite3")
        database.upgrade()
        with database.transaction() as session:
            ingest_file(session, DATA / "sources" / "2024-10-14-crossings.txt", LANGUAGES)
        write_backup(database, Path(folder) / "fuzz.tmgr")
        database.dispose()
        good = (Path(folder) / "fuzz.tmgr").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        member = archive.getinfo("tables/segments.jsonl")
        start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    corrupt = bytearray(good)
    for offset in range(start + 8, start + min(member.compress_size, 300) - 8, 5):
        corrupt[offset] ^= 0x5A
    return [good, bytes(corrupt)]


BACKUPS = _backup_seeds()
VALID_SEEDS = {**_seeds(), "backup": BACKUPS[:1]}
#: what the fuzzer mutates: valid files and the hostile cases of issue 27
SEEDS = {target: [*seeds, *_issue_27_cases().get(target, [])]
         for target, seeds in VALID_SEEDS.items()}
SEEDS["backup"] = BACKUPS


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed file with a few random edits: the broken files tools and people make."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(("insert", "delete", "replace", "snippet", "cut")))
        if kind == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[where:where + draw(st.integers(1, 40))]
        elif kind == "replace" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif kind == "snippet":
            data[where:where] = draw(st.sampled_from(SNIPPETS))
        else:
            del data[where:]
    return bytes(data)


def _catalog_target(name: str) -> Callable[[bytes], object]:
    fmt = FORMATS[name]

    def load(data: bytes) -> object:
        for catalog in fmt.load(data, f"be/fuzz-doc{fmt.extension}"):  # type: ignore[union-attr]
            try:
                check_catalog_text(catalog, "fuzz")
            except TmgrError:
                continue  # import refuses it: that is an answer
            for unit in catalog.units:  # what import accepts, tmgr can store and export
                assert bad_character(unit.target) is None, unit.target
        return None
    return load


def _memory_target(data: bytes) -> object:
    return FORMATS["tmx"].load(data, "fuzz.tmx")  # type: ignore[union-attr]


def _glossary_target(name: str) -> Callable[[bytes], object]:
    fmt = GLOSSARY_FORMATS[name]
    return lambda data: fmt.load(data, f"fuzz{fmt.extension}", LANGUAGES)


def _commentary_target(suffix: str) -> Callable[[bytes], object]:
    def parse(data: bytes) -> object:
        commentary = parse_commentary(data, f"fuzz{suffix}")
        return commentary
    return parse


def _backup_target(data: bytes) -> object:
    """A backup file as `tmgr restore` reads it before changing anything."""
    from tmgr.store.backup import BackupFile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.tmgr"
        path.write_bytes(data)
        backup = BackupFile(path)
        try:
            backup.verify()
            for entry in backup.manifest.tables:
                for _batch in backup.batches(entry):
                    pass
        finally:
            backup.close()
    return None


TARGETS: dict[str, Callable[[bytes], object]] = {
    **{name: _catalog_target(name) for name, fmt in FORMATS.items() if fmt.kind == "catalog"},
    "tmx": _memory_target,
    ".txt": _commentary_target(".txt"), ".md": _commentary_target(".md"),
    ".html": _commentary_target(".html"),
    **{name: _glossary_target(name) for name in GLOSSARY_FORMATS},
    "backup": _backup_target,
}


def test_every_parser_has_a_target() -> None:
    readable = {name for name, fmt in FORMATS.items() if fmt.readable}
    assert readable | set(GLOSSARY_FORMATS) <= set(TARGETS)
    assert {".txt", ".md", ".html", "csv", "tbx"} <= set(TARGETS)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_parser_answers_or_raises_a_tmgr_error(target: str) -> None:
    parse = TARGETS[target]

    @FUZZ
    @given(mutated(SEEDS[target]))
    def run(data: bytes) -> None:
        try:
            parse(data)
        except TmgrError:
            pass  # a clear one-line error is the right answer to a broken file

    run()


@pytest.mark.parametrize(("target", "case"), [
    (target, case) for target, cases in {**_issue_27_cases(), "backup": SEEDS["backup"]}.items()
    for case in range(len(cases))])
def test_issue_27_cases_are_read_or_refused_in_one_line(target: str, case: int) -> None:
    data = ({**_issue_27_cases(), "backup": SEEDS["backup"]})[target][case]
    try:
        TARGETS[target](data)
    except TmgrError as exc:  # a refusal is an answer: one line that says what is wrong
        assert "\n" not in str(exc) and "Error -3" not in str(exc)
        assert target != "backup" or "damaged" in str(exc)
    else:
        assert (target, case) != ("backup", 1), "a corrupt backup must be refused"


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_unmutated_seeds_parse(target: str) -> None:
    """The fuzzer starts from files the parser accepts (or it would test nothing)."""
    for seed in VALID_SEEDS[target]:
        TARGETS[target](seed)
