"""Which lexicons the checks have: what a check that lacks one cannot do, said once.

Without Debian's ``hunspell-be``/``hunspell-ru`` the spelling and other-language
checks of that language find nothing; without Apertium (``lt-proc`` and
``apertium-bel-rus``) the analysers' second lexicon, the other-language
suggestions and the omission check's renderings are missing. The other checks
run either way; ``tmgr qa`` prints each of these lines once (on stderr).
"""

from __future__ import annotations

from collections.abc import Iterable

from tmgr.qa import bilingual
from tmgr.qa.morphology import APERTIUM_ANALYSERS, DICTIONARIES, apertium, spelling_available

_PACKAGES = {"be": "hunspell-be", "ru": "hunspell-ru", "en": "hunspell-en-us"}


def unavailable(languages: Iterable[str]) -> list[str]:
    """One line per missing lexicon the checks of ``languages`` would use."""
    lines = []
    wanted = [lang for lang in dict.fromkeys(languages) if lang in DICTIONARIES]
    for lang in [*wanted, "en"]:
        if not spelling_available(lang):
            lines.append(f"spelling ({lang}) unavailable: no Hunspell dictionary "
                         f"{DICTIONARIES[lang]} (install {_PACKAGES[lang]})"
                         + ("; names are not checked" if lang == "en" else
                            "; other-language words are not checked either"))
    missing = [lang for lang in wanted if lang in APERTIUM_ANALYSERS and apertium(lang) is None]
    if missing:
        lines.append(f"Apertium analysers ({', '.join(missing)}) unavailable: install lt-proc "
                     "and apertium-bel-rus (or set TMGR_APERTIUM_PATH); Hunspell alone "
                     "answers, other-language words get no suggestion")
    elif wanted and not bilingual.available("ru", "be"):
        lines.append("Apertium's bilingual dictionary unavailable: other-language words get "
                     "no suggestion")
    return lines
