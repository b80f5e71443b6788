"""Apertium, a local engine for Russian↔Belarusian: Debian's ``apertium-bel-rus``.

Nothing leaves the machine, so it also drafts documents marked "no external MT",
and with ``tmgr draft --lang be --pivot ru`` it drafts Belarusian from approved
Russian. Three things are done around the stock pair:

* **the mode.** The stock ``rus-bel`` mode's HMM tagger crashes on most input and
  prints nothing (exit status 0). tmgr reads the mode file and runs the same
  pipeline with ``cg-proc -w -1 -n`` (the constraint grammar picks the first
  reading) in place of ``cg-proc | apertium-tagger``; every step runs with ``-z``
  (null flush), so one process chain translates a whole batch of segments,
  each ended by a NUL byte.
* **what it does not know.** Unknown words come back as ``*слово``, forms it cannot
  generate as ``#форма`` (``@`` for a missing translation): the marks are removed,
  the word is kept, and the draft carries the words (:class:`Draft`) so it is
  flagged and the editor highlights them.
* **what is certain afterwards.** Glossary terms (the Russian rendering in the
  source → the Belarusian one), ``у`` → ``ў`` after a word ending in a vowel (and
  back after a consonant), URLs/markup/numbers/Latin names kept as they were.
"""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from tmgr.errors import MTError
from tmgr.mt.base import Context, Draft, Engine
from tmgr.mt.protect import Protected, protect, split_for_limit
from tmgr.qa.messages import N_

DEFAULT_MODES = Path("/usr/share/apertium/modes")
#: tmgr language -> Apertium's three-letter code
CODES = {"ru": "rus", "be": "bel"}
#: characters the Apertium stream format reserves (escaped with a backslash)
_RESERVED = "\\[]^$/@<>{}*#"
_ESCAPE = re.compile("([" + re.escape(_RESERVED) + "])")
_UNESCAPE = re.compile(r"\\(.)")
#: a word as Apertium marks it: * unknown, # not generated, @ no translation
_MARKED = re.compile(r"(?<!\\)[*#@]([^\W\d_][\w’'-]*)")
_TOKEN = re.compile(r"\[X\d+X\]")
#: kept as they are: numbers (with inner separators) and words in Latin letters
_KEEP = re.compile(r"\d+(?:[.,:/\u00a0 -]\d+)*|\b[A-Za-z][A-Za-z'’.-]*[A-Za-z]\b|\b[A-Za-z]\b")
_VOWELS = "аеёіоуыэюяАЕЁІОУЫЭЮЯ"
#: a word starting with у/ў: after a word ending in a vowel (a space between) it is ў
_AFTER_VOWEL_U = re.compile(rf"(?<=[{_VOWELS}]) ([уУ])(\w*)(?=\W|$)")
#: ...and after a consonant (a space between), or at the very start, it is у
_NOT_AFTER_VOWEL_W = re.compile(rf"(?:^|(?<=[^\W\d_{_VOWELS}]) )([ўЎ])")
#: Russian endings (after the stem) and the Belarusian ones of the same case
_ENDINGS = {"ой": "ай", "ою": "ай", "ом": "ам", "ого": "ага", "ому": "аму", "ие": "ія",
            "ые": "ыя", "и": "і", "е": "е", "у": "у", "ю": "ю", "а": "а", "ы": "ы",
            "я": "я", "ая": "ая", "ую": "ую", "ых": "ых", "их": "іх", "": ""}


def mode_pipeline(mode_file: Path) -> list[list[str]]:
    """The steps of an Apertium mode file, with the tagger replaced and null flush on."""
    text = mode_file.read_text(encoding="utf-8").strip()
    steps = [shlex.split(part.replace("$1", "-g").replace("$2", ""))
             for part in text.split("|")]
    fixed: list[list[str]] = []
    for argv in steps:
        if not argv:
            continue
        if os.path.basename(argv[0]) == "apertium-tagger" and fixed \
                and os.path.basename(fixed[-1][0]) == "cg-proc":
            grammar = fixed[-1][-1]
            fixed[-1] = [fixed[-1][0], "-w", "-1", "-n", grammar]
            continue
        fixed.append(argv)
    return [[argv[0], "-z", *argv[1:]] for argv in fixed]


def escape(text: str) -> str:
    """``text`` in the Apertium stream format; our ``[X1X]`` tokens become superblanks."""
    parts = _TOKEN.split(text)
    tokens = _TOKEN.findall(text)
    out = [_ESCAPE.sub(r"\\\1", parts[0])]
    for token, part in zip(tokens, parts[1:], strict=True):
        out += [token, _ESCAPE.sub(r"\\\1", part)]
    return "".join(out)


def unmark(text: str) -> tuple[str, tuple[str, ...]]:
    """Apertium's output without its marks, and the words it marked."""
    words = tuple(dict.fromkeys(m.group(1) for m in _MARKED.finditer(text)))
    return _UNESCAPE.sub(r"\1", _MARKED.sub(r"\1", text)), words


def fix_belarusian(text: str, keep: Sequence[str] = ()) -> str:
    """Spelling that is certain: ``у`` → ``ў`` after a vowel, ``ў`` → ``у`` elsewhere.

    Words in ``keep`` (those the engine did not know: Russian words kept as they
    were) are left alone.
    """
    def after_vowel(match: re.Match[str]) -> str:
        if match.group(1) + match.group(2) in keep:
            return match.group(0)
        return " " + ("ў" if match.group(1) == "у" else "Ў") + match.group(2)

    text = _AFTER_VOWEL_U.sub(after_vowel, text)
    return _NOT_AFTER_VOWEL_W.sub(lambda m: m.group(0).replace("ў", "у").replace("Ў", "У"), text)


def _stem(word: str) -> str:
    lowered = word.lower()
    for ending in sorted(_ENDINGS, key=len, reverse=True):
        if ending and lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            return lowered[:-len(ending)]
    return lowered


def _glossary_form(word: str, pairs: Sequence[tuple[str, str]]) -> str | None:
    """The glossary's target form of ``word`` (an inflected one-word source term), or None."""
    lowered = word.lower()
    for source, target in pairs:
        if " " in source.strip() or " " in target.strip() or not target:
            continue
        if lowered == source.lower():
            form = target
        else:
            root = _stem(source)
            ending = lowered[len(root):]
            if not lowered.startswith(root) or ending not in _ENDINGS:
                continue
            form = target[:len(_stem(target))] + _ENDINGS[ending]
        return form[0].upper() + form[1:] if word[:1].isupper() else form
    return None


class Apertium(Engine):
    """Apertium's bel-rus pair, run locally as one process chain per batch."""

    name = "apertium"
    label = "Apertium (on this machine; ru→be, be→ru)"
    external = False
    max_chars = 20000
    default_rate = math.inf
    languages = {"russian": "rus", "belarusian": "bel"}
    batch_size: ClassVar[int] = 200
    #: seconds one batch may take before the process chain is stopped
    batch_timeout: ClassVar[float] = 120.0

    @property
    def modes(self) -> Path:
        return Path(str(self.config.options.get("modes", DEFAULT_MODES)))

    def mode_file(self, source: str, target: str) -> Path | None:
        if source not in CODES or target not in CODES or source == target:
            return None
        path = self.modes / f"{CODES[source]}-{CODES[target]}.mode"
        return path if path.is_file() else None

    def missing_setting(self) -> str | None:
        if shutil.which("lt-proc") is None or not any(self.modes.glob("*.mode")):
            return "apertium-bel-rus (install it: scripts/system-deps.sh)"
        return None

    def supports(self, source: str, target: str) -> bool | None:
        return self.mode_file(source, target) is not None

    def check_pair(self, source: str, target: str) -> None:
        if missing := self.missing_setting():
            raise MTError(N_("apertium is not installed"), reason="not-configured",
                          hint=N_("install %(package)s", package=missing))
        super().check_pair(source, target)

    def _request(self, text: str, source: str, target: str) -> object:
        return self._run([text], source, target)[0]

    # -- translating ------------------------------------------------------------------

    def translate(self, text: str, source: str, target: str,
                  context: Context | None = None) -> str:
        result = self.translate_many([text], source, target, [context])[0]
        if isinstance(result, MTError):
            raise result
        return result

    def translate_many(self, texts: Sequence[str], source: str, target: str,
                       contexts: Sequence[Context | None] | None = None
                       ) -> list[str | MTError]:
        """Translate ``texts`` in one process chain; a failure stays with its text."""
        self.check_pair(source, target)
        contexts = list(contexts or [None] * len(texts))
        results: list[str | MTError | None] = [None] * len(texts)
        prepared: dict[int, Protected] = {}
        for index, text in enumerate(texts):
            if not any(ch.isalnum() for ch in text):
                results[index] = text
                continue
            try:
                prepared[index] = self._prepare(text, contexts[index])
            except MTError as exc:
                results[index] = exc
        order = list(prepared)
        outputs = self._outputs([escape(prepared[i].text.strip()) for i in order],
                                source, target)
        for index, output in zip(order, outputs, strict=True):
            if isinstance(output, MTError):
                results[index] = output
            else:
                results[index] = self._finish(texts[index], prepared[index], output,
                                              target, contexts[index])
        return [r if r is not None else MTError(N_("apertium gave no answer"),
                                                reason="bad-answer") for r in results]

    def _prepare(self, text: str, context: Context | None) -> Protected:
        protected = protect(text)
        split_for_limit(protected.text, self.limit)  # raises too-long like other engines
        originals = list(protected.originals)
        glossary = {s.lower(): t for s, t in (context.glossary if context else ())}

        def keep(match: re.Match[str]) -> str:
            originals.append(match.group())
            return f"[X{len(originals)}X]"

        def term(match: re.Match[str]) -> str:
            word = match.group()
            wanted = glossary.get(word.lower())
            if wanted is None:
                return word
            originals.append(wanted[0].upper() + wanted[1:] if word[:1].isupper() else wanted)
            return f"[X{len(originals)}X]"

        parts = _TOKEN.split(protected.text)
        tokens = _TOKEN.findall(protected.text)
        pieces = []
        for part in parts:
            part = _KEEP.sub(keep, part)
            if glossary:
                part = re.sub(r"[^\W\d_][\w’'-]*", term, part)
            pieces.append(part)
        joined = pieces[0] + "".join(t + p for t, p in zip(tokens, pieces[1:], strict=True))
        return Protected(joined, tuple(originals))

    def _finish(self, original: str, protected: Protected, output: str, target: str,
                context: Context | None) -> str | MTError:
        if not output.strip():
            return MTError(N_("apertium gave an empty answer"), reason="bad-answer")
        text, marked = unmark(output.strip())
        text = protected.restore(text)
        pairs = context.glossary if context else ()
        unknown = []
        for word in marked:
            replacement = _glossary_form(word, pairs) if pairs else None
            if replacement is None:
                unknown.append(word)
            else:
                text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text)
        if target == "be":
            text = fix_belarusian(text, keep=unknown)
        lead = original[:len(original) - len(original.lstrip())]
        trail = original[len(original.rstrip()):]
        return Draft(lead + text + trail, unknown=tuple(unknown))

    def _outputs(self, inputs: list[str], source: str, target: str) -> list[str | MTError]:
        """Each input's raw output; a broken batch is retried one text at a time."""
        if not inputs:
            return []
        try:
            return list(self._run(inputs, source, target))
        except MTError as exc:
            if len(inputs) == 1:
                return [exc]
        return [out for text in inputs for out in self._outputs([text], source, target)]

    def _run(self, inputs: Sequence[str], source: str, target: str) -> list[str]:
        """Run the pipeline once over ``inputs`` (NUL-separated); raise on any failure."""
        mode = self.mode_file(source, target)
        if mode is None:
            raise MTError(N_("%(engine)s cannot translate %(source)s→%(target)s",
                             engine="apertium", source=source, target=target),
                          reason="unsupported-language")
        data = "".join(text.replace("\0", " ") + "\0" for text in inputs).encode("utf-8")
        output, problems = _run_chain(mode_pipeline(mode), data, self.batch_timeout)
        pieces = output.decode("utf-8", errors="replace").split("\0")
        if problems or len(pieces) < len(inputs) + 1 and pieces[-1].strip():
            raise MTError(N_("apertium failed (%(problem)s)",
                             problem=problems or N_("output cut short")),
                          reason="bad-answer", hint=N_("see `apertium -l` and the package"))
        pieces = pieces[:len(inputs)]
        if len(pieces) != len(inputs):
            raise MTError(N_("apertium lost texts in a batch"), reason="bad-answer")
        return pieces


def _run_chain(steps: list[list[str]], data: bytes, timeout: float) -> tuple[bytes, str]:
    """Pipe ``data`` through ``steps``; (stdout of the last, what went wrong or "")."""
    processes: list[subprocess.Popen[bytes]] = []
    errors = [tempfile.TemporaryFile() for _ in steps]
    try:
        previous = None
        for argv, err in zip(steps, errors, strict=True):
            process = subprocess.Popen(argv, stdin=previous or subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=err)
            if previous is not None:
                previous.close()  # the next process owns it now
            previous = process.stdout
            processes.append(process)
    except OSError as exc:
        for process in processes:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        for err in errors:
            err.close()
        return b"", f"cannot start {exc.filename or 'a step'}: {exc.strerror}"
    first, last = processes[0], processes[-1]

    def feed() -> None:
        try:
            assert first.stdin is not None
            first.stdin.write(data)
            first.stdin.close()
        except OSError:
            pass  # the chain died; its exit status says why

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    def kill_all() -> None:
        for process in processes:
            process.kill()

    timer = threading.Timer(timeout, kill_all)
    timer.start()
    try:
        assert last.stdout is not None
        output = last.stdout.read()
        last.stdout.close()
        codes = [process.wait() for process in processes]
    finally:
        timer.cancel()
        writer.join(1)
    for argv, code, err in zip(steps, codes, errors, strict=True):
        if code != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            err.close()
            return output, f"{os.path.basename(argv[0])} exited with {code}" + (
                f": {detail[-1][:120]}" if detail else "")
    for err in errors:
        err.close()
    return output, ""
