"""Word-for-word renderings from Apertium's bilingual dictionaries (ru↔be).

The suggestion for a Russian word in Belarusian text («сейчас» → «цяпер») comes
from Debian's ``apertium-bel-rus``: the word is analysed with its tags, its
lemma looked up in the bilingual dictionary (``lt-proc -b``) and the Belarusian
form generated (``lt-proc -g``) with the same tags; where generation fails the
lemma is offered. Three ``lt-proc`` processes a direction, started on the first
finding and kept running. Without Apertium there are no suggestions.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path

from tmgr.config import apertium_path
from tmgr.qa.ltproc import LtProc
from tmgr.qa.morphology import APERTIUM_FOLDER

_STREAM = re.compile(r"\^([^$]*)\$")
PAIRS = {("ru", "be"): "rus-bel", ("be", "ru"): "bel-rus"}


@lru_cache(maxsize=4)
def _pipeline(source: str, target: str) -> tuple[LtProc, LtProc, LtProc] | None:
    binary, pair = shutil.which("lt-proc"), PAIRS.get((source, target))
    folder = Path(apertium_path() or APERTIUM_FOLDER)
    files = [folder / f"{pair}.{kind}.bin" for kind in ("automorf", "autobil", "autogen")]
    if binary is None or pair is None or not all(f.is_file() for f in files):
        return None
    try:
        return (LtProc([binary, "-z", str(files[0])]), LtProc([binary, "-z", "-b", str(files[1])]),
                LtProc([binary, "-z", "-g", str(files[2])]))
    except OSError:
        return None


def start(source: str, target: str) -> None:
    """Start the processes of a direction now: they load while other checks run."""
    _pipeline(source, target)


def available(source: str, target: str) -> bool:
    return _pipeline(source, target) is not None


@lru_cache(maxsize=5_000)
def renderings(word: str, source: str, target: str) -> tuple[str, ...]:
    """``word`` of ``source`` in ``target``, as Apertium's dictionary has it (empty:
    it does not know the word, or no Apertium)."""
    tools = _pipeline(source, target)
    if tools is None or not word.strip():
        return ()
    analyser, dictionary, generator = tools
    found: list[str] = []
    for unit in _STREAM.findall(analyser.ask(word.lower())):
        readings = unit.split("/")[1:]
        for reading in readings:
            if reading.startswith("*"):
                continue
            translated = _STREAM.findall(dictionary.ask(f"^{reading}$"))
            for rendering in translated[0].split("/")[1:] if translated else ():
                if rendering.startswith(("@", "#", "*")):
                    continue
                form = generator.ask(f"^{rendering}$").strip()
                lemma = rendering.split("<", 1)[0].rstrip("¹²³")
                found.append(form if form and not form.startswith(("#", "@", "*"))
                             and "<" not in form else lemma)
    return tuple(dict.fromkeys(f for f in found if f and f.lower() != word.lower()))
