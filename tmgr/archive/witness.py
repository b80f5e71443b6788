"""The Belarusian–Russian witness: Apertium ru→be, and the alignment of one article.

Russian sentences are put into Belarusian with Apertium (one process chain for a
whole batch of articles), so that the published Belarusian and Russian can be
compared word by word; where Apertium is not installed the Russian is compared as
it is (the two languages share many stems), which is a weaker witness.
"""

from __future__ import annotations

from collections.abc import Sequence

from tmgr.archive.align import Link, Side, align_pair, apply_witness, witness_score
from tmgr.archive.files import Article
from tmgr.errors import MTError
from tmgr.mt.apertium import Apertium
from tmgr.mt.config import EngineConfig


class Witness:
    """Translates Russian sentences to Belarusian for comparison (Apertium, cached)."""

    def __init__(self, use_apertium: bool = True) -> None:
        self._cache: dict[str, str] = {}
        self.engine = None
        if use_apertium:
            engine = Apertium(EngineConfig("apertium"))
            if engine.missing_setting() is None and engine.supports("ru", "be"):
                self.engine = engine

    @property
    def label(self) -> str:
        return "apertium ru→be" if self.engine else "direct stems (apertium not installed)"

    def prepare(self, sentences: Sequence[str]) -> None:
        """Translate, in one batch, the sentences not seen before."""
        todo = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        if not todo:
            return
        outputs: Sequence[str | MTError] = todo
        if self.engine is not None:
            outputs = self.engine.translate_many(todo, "ru", "be")
        for source, output in zip(todo, outputs, strict=True):
            self._cache[source] = output if isinstance(output, str) else source

    def belarusian(self, sentence: str) -> str:
        if sentence not in self._cache:
            self.prepare([sentence])
        return self._cache[sentence]


def align_article(article: Article, witness: Witness | None) -> dict[str, list[Link]]:
    """Sentence links of every translation of ``article`` against its English."""
    english = Side("en", article.versions["en"].paragraphs)
    links: dict[str, list[Link]] = {
        lang: align_pair(english, Side(lang, article.versions[lang].paragraphs))
        for lang in ("be", "ru") if lang in article.versions}
    if witness is not None and len(links) == 2:
        russian = [[witness.belarusian(s) for s in p]
                   for p in article.versions["ru"].paragraphs]
        be_ru = align_pair(Side("be", article.versions["be"].paragraphs),
                           Side("be", russian), witness_score)
        links["be"], links["ru"] = apply_witness(links["be"], links["ru"], be_ru)
    return links
