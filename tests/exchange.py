"""Helpers shared by the export, import and format tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from tests.conftest import DATA, SAMPLE
from tmgr.documents.ingest import get_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State, User

SCHEMAS = DATA / "schemas"
GOLDEN = DATA / "golden"
SLUG = SAMPLE.stem


_LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def ru_text(index: int, belarusian: str = "") -> str:
    """A made-up Russian sentence per segment that agrees with the Belarusian one on what
    QA's cross-language check compares (numbers, kept names): no digits, NATO, "one",
    "second"."""
    extra = (" NATO" if "NATO" in belarusian else "") + (
        " одной" if re.search(r"\bадн(ой|аго)\b", belarusian, re.IGNORECASE) else "") + (
        " второй" if re.search(r"\bдругой\b", belarusian, re.IGNORECASE) else "")
    return (f"Русский текст {_LETTERS[index // len(_LETTERS)]}"
            f"{_LETTERS[index % len(_LETTERS)]}{extra}.")


def golden_translations() -> list[str]:
    return json.loads((GOLDEN / f"{SLUG}.be.json").read_text(encoding="utf-8"))


def approve_sample(database: Database, langs: tuple[str, ...] = ("be", "ru"),
                   user: str | None = None) -> None:
    """Approve every segment of the sample: be from the golden translations, ru made up."""
    be = golden_translations()
    with database.transaction() as session:
        document = get_document(session, SLUG)
        reviewer = session.query(User).filter_by(name=user).one() if user else None
        for index, segment in enumerate(document.segments):
            for lang in langs:
                text = be[index] if lang == "be" else ru_text(index, be[index])
                change_translation(session, segment.translation(lang), text=text,
                                   state=State.APPROVED, origin="human", user=reviewer)


def add_user(database: Database, name: str, role: str = "translator",
             languages: str = "be,ru") -> None:
    with database.transaction() as session:
        session.add(User(name=name, role=role, languages=languages))


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "-c", "--check-format", "-o", os.devnull, str(path)],
                          capture_output=True, text=True, check=False)


def xmllint_xliff(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")}
    return subprocess.run(["xmllint", "--nonet", "--noout", "--schema",
                           str(SCHEMAS / "xliff-core-1.2-strict.xsd"), str(path)],
                          capture_output=True, text=True, check=False, env=env)


def xmllint_tmx(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid",
                           str(SCHEMAS / "tmx14.dtd"), str(path)],
                          capture_output=True, text=True, check=False)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="x" source-language="en" target-language="be" datatype="plaintext"><body>
<trans-unit id="a"><source>&xxe;</source><target>&xxe;</target></trans-unit>
</body></file></xliff>
"""

_LOLS = "".join(
    f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10))
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n <!ENTITY lol0 "lol">\n' + _LOLS + "]>\n"
    '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
    'o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu>'
    '<tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="be"><seg>&lol9;</seg></tuv>'
    "</tu></body></tmx>\n").encode()
