"""LibreTranslate, e.g. a self-hosted server: deep-translator's ``LibreTranslator``.

``TMGR_LIBRE_URL`` is the server (``http://localhost:5000/``; deep-translator's
``custom_url``); ``TMGR_LIBRE_API_KEY`` only when the server asks for one.
LibreTranslate has no Belarusian in deep-translator's table.
"""

from __future__ import annotations

from deep_translator import LibreTranslator
from deep_translator import libre as _module
from deep_translator.constants import BASE_URLS, LIBRE_LANGUAGES_TO_CODES

from tmgr.mt import http
from tmgr.mt.base import Engine
from tmgr.qa.messages import N_

http.install(_module)

#: LibreTranslate answers 400 with this when a language is missing
_UNSUPPORTED_MARKERS = ("not supported", "not available", "unsupported")


class Libre(Engine):
    """A LibreTranslate server."""

    name = "libre"
    label = "LibreTranslate (any server; key if it asks)"
    takes_key = True
    max_chars = 5000
    default_rate = 20.0
    languages = LIBRE_LANGUAGES_TO_CODES

    @property
    def url(self) -> str | None:
        if self.config.url:
            return self.config.url.rstrip("/") + "/"
        return BASE_URLS["LIBRE"] if self.config.api_key else None

    def missing_setting(self) -> str | None:
        return None if self.url else self.config.url_variable

    def _request(self, text: str, source: str, target: str) -> object:
        # deep-translator insists on a key even for servers that need none
        translator = LibreTranslator(source=source, target=target,
                                     api_key=self.api_key or "none", custom_url=self.url)
        translator.api_key = self.api_key
        return translator.translate(text)

    def classify_status(self, status: int, record: http.CallRecord) -> tuple[str, str]:
        if status == 400 and any(m in record.body.lower() for m in _UNSUPPORTED_MARKERS):
            return "unsupported-language", N_("%(engine)s does not support this language pair",
                                              engine=self.name)
        return super().classify_status(status, record)
