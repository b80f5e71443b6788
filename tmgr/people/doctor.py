"""``tmgr doctor``: is this installation ready to serve a newsroom, and what to do if not.

Each check is one small function in :data:`CHECKS` that returns a :class:`Finding`:
``ok``, ``skipped`` (not configured, so nothing to check) or ``problem``, with one
line saying what was found and, for a problem, what to do. A check that needs the
database is skipped when the database is not at this tmgr's revision (the database
check says why). Nothing here changes the database or sends anything.
"""

from __future__ import annotations

import smtplib
import socket
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Literal
from urllib.parse import urlsplit

import requests
from sqlalchemy import func, select

from tmgr import __version__
from tmgr.assets import web_root
from tmgr.config import Settings, lexicon_cache, web_environment
from tmgr.errors import TmgrError
from tmgr.mt import create_engine
from tmgr.people.outbox import MailSettings, open_smtp, public_smtp
from tmgr.people.webhooks import list_webhooks
from tmgr.qa import morphology
from tmgr.qa.lexicon import index_built, open_lexicon
from tmgr.store import summaries
from tmgr.store.db import Database
from tmgr.store.models import TMIndexSnapshot, TMUnit
from tmgr.tm.memory import tm_index

Status = Literal["ok", "skipped", "problem"]
DICTIONARY_PACKAGES = morphology.DICTIONARY_PACKAGES
#: secret keys copied from examples: a server using one signs cookies anyone can forge
PLACEHOLDER_KEYS = frozenset({"change-me", "changeme", "secret", "dev", "development",
                              "please-change", "replace-me", "tmgr", "test"})
MIN_KEY_LENGTH = 32


@dataclass(frozen=True)
class Finding:
    """One line of the report: what was checked, what was found, what to do."""

    name: str
    status: Status
    message: str
    todo: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Installation:
    """What the checks look at: the settings, the database and whether it is usable."""

    settings: Settings
    database: Database
    database_ready: bool = False


Check = Callable[[Installation], list[Finding]]


def _ok(name: str, message: str) -> list[Finding]:
    return [Finding(name, "ok", message)]


def _problem(name: str, message: str, todo: str) -> list[Finding]:
    return [Finding(name, "problem", message, todo)]


def _skipped(name: str, message: str) -> list[Finding]:
    return [Finding(name, "skipped", message)]


def check_database(place: Installation) -> list[Finding]:
    try:
        status = place.database.schema_status()
    except TmgrError as exc:
        return _problem("database", str(exc), exc.hint or "check TMGR_DATABASE_URL")
    if status.is_empty:
        return _problem("database", "reachable, but it has no tmgr tables", "run: tmgr init")
    if status.is_newer:
        error = status.newer_error()
        return _problem("database", str(error), error.hint or "")
    if not status.is_current:
        found = status.current or "0001"
        return _problem("database", f"schema revision {found} (tmgr {status.version}); this "
                        f"tmgr {__version__} expects {status.head}",
                        "back up (tmgr backup FILE), then run: tmgr db upgrade")
    place.database_ready = True
    return _ok("database", f"reachable, schema revision {status.current} (current, "
                           f"tmgr {status.version})")


def check_secret_key(place: Installation) -> list[Finding]:
    key = web_environment()["secret_key"]
    todo = ("set TMGR_SECRET_KEY to a long random value (e.g. python3 -c 'import secrets; "
            "print(secrets.token_hex(32))'), or unset it to use a generated key")
    if key is not None:
        if key.strip().lower() in PLACEHOLDER_KEYS or len(key) < MIN_KEY_LENGTH:
            return _problem("secret key", f"TMGR_SECRET_KEY is a placeholder or shorter than "
                            f"{MIN_KEY_LENGTH} characters", todo)
        return _ok("secret key", "TMGR_SECRET_KEY is set")
    path = place.settings.instance_path / "secret_key"
    if not path.exists():
        return _ok("secret key", f"generated into {path} on the first `tmgr serve`")
    if path.stat().st_mode & 0o077:
        return _problem("secret key", f"{path} can be read by other users",
                        f"run: chmod 600 {path}")
    if len(path.read_text(encoding="ascii", errors="replace").strip()) < MIN_KEY_LENGTH:
        return _problem("secret key", f"{path} holds a short key", f"remove {path}; "
                        "the next `tmgr serve` generates a new one (everyone signs in again)")
    return _ok("secret key", f"generated key in {path}")


def check_static_files(place: Installation) -> list[Finding]:
    try:
        root = web_root()
    except TmgrError as exc:
        return _problem("static files", str(exc), exc.hint or "reinstall tmgr")
    catalogs = sorted(root.glob("translations/*/LC_MESSAGES/messages.mo"))
    if not (root / "static").is_dir() or not catalogs:
        return _problem("static files", f"{root} lacks static files or UI catalogs",
                        "reinstall tmgr from its wheel")
    return _ok("static files", f"{root / 'static'} (serve /static/ from here)")


def check_instance(place: Installation) -> list[Finding]:
    folder = place.settings.instance_path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return _problem("instance folder", f"{folder} is not writable ({exc.strerror})",
                        "give the user running tmgr write access to it, or set TMGR_INSTANCE")
    return _ok("instance folder", f"{folder} is writable")


def check_dictionaries(place: Installation) -> list[Finding]:
    found: list[Finding] = []
    binding = morphology.hunspell_binding()
    for lang in (*place.settings.languages, "en"):
        package = DICTIONARY_PACKAGES.get(lang)
        if package is None:
            continue
        name = f"dictionary {lang}"
        files = morphology.dictionary_files(lang)
        if files is None:
            found += _problem(name, "Hunspell dictionary missing: the spelling check of "
                              f"{lang} finds nothing", f"install the Debian package {package}")
        elif not binding:
            found += _problem(name, f"{files[0]} present, but the Hunspell binding did not "
                              "load (no suggestions)", "install the Debian packages "
                              "libhunspell-dev and gcc, then reinstall tmgr")
        elif morphology.speller(lang) is None:  # pragma: no cover - a damaged file
            found += _problem(name, f"{files[0]} does not load", f"reinstall {package}")
        else:
            found += _ok(name, f"{files[0]} loads")
    return found


def check_apertium(place: Installation) -> list[Finding]:
    found: list[Finding] = []
    for lang in morphology.APERTIUM_ANALYSERS:
        if lang not in place.settings.languages:
            continue
        name = f"apertium {lang}"
        analyser = morphology.apertium(lang)
        if analyser is None:
            found += _problem(name, "Apertium's analyser (bel-rus) is missing",
                              "install the Debian packages apertium-bel-rus and lttoolbox")
            continue
        try:
            analyser.analyse(["мова"])
        except (OSError, ValueError) as exc:  # pragma: no cover - a broken install
            found += _problem(name, f"lt-proc does not answer ({exc})",
                              "reinstall the Debian packages apertium-bel-rus and lttoolbox")
            continue
        found += _ok(name, "analyser answers")
    return found


def check_lexicon_cache(place: Installation) -> list[Finding]:
    missing = [files[0].stem for lang in (*place.settings.languages, "en")
               if (files := morphology.dictionary_files(lang)) is not None
               and not index_built(*files)]
    if missing:
        return _problem("lexicon cache", f"word index not built in {lexicon_cache()} for "
                        f"{', '.join(missing)} (the first check waits 5-15 s a language)",
                        "run: tmgr doctor --prepare (as the user running tmgr)")
    return _ok("lexicon cache", f"built in {lexicon_cache()}")


def check_smtp(place: Installation) -> list[Finding]:
    config = MailSettings.from_settings(place.settings)
    if not config.url:
        return _skipped("smtp", "TMGR_SMTP_URL not set: no e-mail is sent")
    try:
        where = public_smtp(config.url)
        client = open_smtp(config)
        client.quit()
    except TmgrError as exc:
        return _problem("smtp", str(exc), exc.hint or "fix TMGR_SMTP_URL")
    except (OSError, smtplib.SMTPException) as exc:
        return _problem("smtp", f"{where} does not answer ({exc})",
                        "check that the mail server runs and TMGR_SMTP_URL is right")
    return _ok("smtp", f"{where} answers")


def check_llm(place: Installation) -> list[Finding]:
    engine = create_engine("llm", place.settings)
    if not engine.url:
        return _skipped("llm", "TMGR_LLM_URL not set: the LLM engine is off")
    parts = urlsplit(engine.url)  # shown without credentials or query
    shown = (f"{parts.scheme}://{parts.hostname}"
             f"{f':{parts.port}' if parts.port else ''}{parts.path}")
    headers = {"Authorization": f"Bearer {engine.api_key}"} if engine.api_key else {}
    try:
        answer = requests.get(engine.url.rstrip("/") + "/models", headers=headers, timeout=10)
    except requests.RequestException as exc:
        return _problem("llm", f"{shown} does not answer ({type(exc).__name__})",
                        "check that the model server runs and TMGR_LLM_URL is right")
    if answer.status_code >= 500:
        return _problem("llm", f"{shown} answers {answer.status_code}",
                        "see the model server's log")
    if answer.status_code in (401, 403):
        return _problem("llm", f"{shown} refuses the key ({answer.status_code})",
                        "check TMGR_LLM_API_KEY")
    missing = engine.missing_setting()
    if missing:
        return _problem("llm", f"{shown} answers, but {missing} is not set", f"set {missing}")
    return _ok("llm", f"{shown} answers")


def _needs_database(check: Callable[[Installation], list[Finding]], name: str) -> Check:
    def guarded(place: Installation) -> list[Finding]:
        if not place.database_ready:
            return _skipped(name, "not checked: the database is not ready")
        return check(place)

    guarded.__name__ = check.__name__
    return guarded


def _webhooks(place: Installation) -> list[Finding]:
    with place.database.transaction(readonly=True) as session:
        urls = [hook.url for hook in list_webhooks(session)]
    if not urls:
        return _skipped("webhooks", "none configured")
    unresolved = []
    for url in urls:
        host = urlsplit(url).hostname or ""
        try:
            socket.getaddrinfo(host, None)
        except (OSError, UnicodeError):
            unresolved.append(host or url)
    if unresolved:
        return _problem("webhooks", f"cannot resolve {', '.join(sorted(set(unresolved)))}",
                        "fix the name (tmgr webhook list; tmgr webhook remove ID) or the "
                        "server's DNS")
    return _ok("webhooks", f"{len(urls)} targets resolve")


def _summaries(place: Installation) -> list[Finding]:
    differences = summaries.check(place.database)
    if differences:
        return _problem("summaries", f"{len(differences)} summary rows differ from a count "
                        "from scratch", "run: tmgr db summaries --rebuild")
    return _ok("summaries", "agree with the translations and their history")


def _tm_index(place: Installation) -> list[Finding]:
    with place.database.transaction(readonly=True) as session:
        languages = set(session.scalars(select(TMUnit.lang).group_by(TMUnit.lang)
                                        .having(func.count() > 0)))
        stored = set(session.scalars(select(TMIndexSnapshot.lang)))
    missing = sorted(languages - stored)
    if missing:
        return _problem("tm index", f"no stored index for {', '.join(missing)} (the first "
                        "look-up after a start builds it)", "run: tmgr doctor --prepare")
    if not languages:
        return _ok("tm index", "the translation memory is empty")
    return _ok("tm index", f"stored for {', '.join(sorted(languages))}")


CHECKS: tuple[Check, ...] = (
    check_database, check_secret_key, check_static_files, check_instance,
    check_dictionaries, check_apertium, check_lexicon_cache, check_smtp, check_llm,
    _needs_database(_webhooks, "webhooks"), _needs_database(_summaries, "summaries"),
    _needs_database(_tm_index, "tm index"),
)


def diagnose(settings: Settings, database: Database) -> list[Finding]:
    """Every check's findings, in order."""
    place = Installation(settings, database)
    findings: list[Finding] = []
    for check in CHECKS:
        findings += check(place)
    return findings


def prepare(settings: Settings, database: Database) -> list[str]:
    """Build what is otherwise prepared on first use: the lexicon cache, the TM index."""
    built = []
    for lang in (*settings.languages, "en"):
        files = morphology.dictionary_files(lang)
        if files is not None and not index_built(*files) and open_lexicon(*files):
            built.append(f"lexicon {lang}")
    if database.schema_status().is_current:
        for lang in settings.languages:
            with database.transaction(readonly=True) as session:
                tm_index(session, lang)
            built.append(f"tm index {lang}")
    return built


def exit_status(findings: list[Finding]) -> int:
    return 1 if any(f.status == "problem" for f in findings) else 0


__all__ = ["CHECKS", "Finding", "diagnose", "exit_status", "prepare"]
