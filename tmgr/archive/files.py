"""Find the published versions of each commentary and read them into texts.

An archive is folders of files named ``<slug>.<lang>.<ext>`` (``lang`` en, be or ru;
``ext`` txt, md or html). Every problem is a per-file or per-article message
(:class:`ArchiveProblem`); nothing here stops a batch.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tmgr.errors import IngestError
from tmgr.readers import MAX_SOURCE_BYTES, SOURCE_SUFFIXES, decode_source, parse_commentary
from tmgr.readers.model import WeekRange
from tmgr.readers.published import read_published
from tmgr.segment_slavic import split_sentences_for

ARCHIVE_LANGUAGES = ("en", "be", "ru")
_NAME_RE = re.compile(r"^(?P<slug>[^/\\]+?)\.(?P<lang>en|be|ru)(?P<ext>\.[A-Za-z]+)$")


@dataclass(frozen=True)
class ArchiveProblem:
    """Why one file or article was not imported (or was imported with a caveat)."""

    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass
class ArticleFiles:
    """The files of one commentary: language -> path."""

    slug: str
    paths: dict[str, Path] = field(default_factory=dict)


@dataclass
class Version:
    """One language's text of an article: paragraphs of sentences, and its header."""

    lang: str
    title: str
    paragraphs: list[list[str]]
    week: WeekRange | None
    captions: list[str]
    section: str | None = None
    status_line: str | None = None
    author: str | None = None

    @property
    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in paragraph]


@dataclass
class Article:
    """A commentary read in all its languages, with a checksum of the files."""

    slug: str
    versions: dict[str, Version]
    checksum: str
    warnings: list[str] = field(default_factory=list)


#: the longest slug the database keeps (archive_articles.slug)
MAX_SLUG = 200


def find_articles(paths: Iterable[Path], problems: list[ArchiveProblem]
                  ) -> list[ArticleFiles]:
    """Group the files under ``paths`` by slug; odd names become problems."""
    articles: dict[str, ArticleFiles] = {}
    for path in _walk(paths, problems):
        match = _NAME_RE.match(path.name)
        if not match or match["ext"].lower() not in SOURCE_SUFFIXES:
            problems.append(ArchiveProblem(str(path), "not an archive file name",
                                           "name files <slug>.<en|be|ru>.<txt|md|html>"))
            continue
        entry = articles.setdefault(match["slug"], ArticleFiles(match["slug"]))
        if match["lang"] in entry.paths:
            problems.append(ArchiveProblem(str(path), f"a second {match['lang']} file of "
                                           f"{match['slug']!r}; the first is used",
                                           "keep one file per language"))
            continue
        entry.paths[match["lang"]] = path
    return [articles[slug] for slug in sorted(articles)]


def _walk(paths: Iterable[Path], problems: list[ArchiveProblem]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs.sort()
                yield from (Path(root, name) for name in sorted(names)
                            if not name.startswith("."))
        elif path.is_file():
            yield path
        else:
            problems.append(ArchiveProblem(str(path), "no such file or folder",
                                           "check the path"))


def read_article(files: ArticleFiles) -> Article:
    """Read every language of one article; IngestError names the file at fault."""
    if len(files.slug) > MAX_SLUG:
        raise IngestError(f"{files.slug[:40]}…: the name before .<lang> is {len(files.slug)} "
                          f"characters long; at most {MAX_SLUG} are kept",
                          hint="rename the article's files to a shorter slug")
    missing = [lang for lang in ARCHIVE_LANGUAGES if lang not in files.paths]
    if "en" in missing or len(missing) > 1:
        have = ", ".join(sorted(files.paths)) or "none"
        raise IngestError(f"{files.slug}: needs the English and at least one of be/ru "
                          f"(found: {have})", hint="add the missing language files")
    digest = hashlib.sha256()
    versions: dict[str, Version] = {}
    warnings = [f"{files.slug}: no {lang} file; imported without it" for lang in missing]
    for lang in ARCHIVE_LANGUAGES:
        if lang in files.paths:
            raw = _read_bytes(files.paths[lang])
            digest.update(lang.encode() + b"\0" + raw + b"\0")
            versions[lang] = _version(raw, files.paths[lang], lang, warnings)
    return Article(files.slug, versions, digest.hexdigest(), warnings)


def checksum_of(files: ArticleFiles) -> str:
    """The checksum :func:`read_article` gives, from the bytes alone (no parsing)."""
    digest = hashlib.sha256()
    for lang in ARCHIVE_LANGUAGES:
        if lang in files.paths:
            digest.update(lang.encode() + b"\0" + _read_bytes(files.paths[lang]) + b"\0")
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise IngestError(f"{path} is too large: {size / 1024 / 1024:.1f} MB; the limit "
                              f"is {MAX_SOURCE_BYTES // 1024 // 1024} MB",
                              hint="save the article text only, without page assets")
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}",
                          hint="check that the file exists and is readable") from exc


def _version(raw: bytes, path: Path, lang: str, warnings: list[str]) -> Version:
    if lang == "en":
        parsed = parse_commentary(raw, path.name)
        paragraphs = [split_sentences_for(b.text, "en") for b in parsed.blocks
                      if b.kind != "title"]
        paragraphs.insert(0, [parsed.title] if parsed.title else [])
        return Version("en", parsed.title, [p for p in paragraphs if p], parsed.week,
                       list(parsed.captions), parsed.section, parsed.status_line,
                       parsed.author)
    text, notes = decode_source(raw, path.name)
    warnings += [f"{path}: {note}" for note in notes]
    page = read_published(text, path.name, lang)
    paragraphs = [split_sentences_for(b.text, lang) for b in page.blocks]
    if not any(paragraphs):
        raise IngestError(f"{path} has no text after its header",
                          hint="check that it is the published article page")
    paragraphs.insert(0, [page.title] if page.title else [])
    return Version(lang, page.title, [p for p in paragraphs if p], page.week,
                   page.captions, page.section, page.status_line, page.author)
