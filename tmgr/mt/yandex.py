"""Yandex Translate (needs ``TMGR_YANDEX_API_KEY``): deep-translator's ``YandexTranslator``.

``TMGR_YANDEX_URL`` replaces the API base (default
``https://translate.yandex.net/api/v1.5/tr.json/``; ``{endpoint}`` is appended).
deep-translator gives Yandex Google's language table.
"""

from __future__ import annotations

from deep_translator import YandexTranslator
from deep_translator import yandex as _module
from deep_translator.constants import BASE_URLS, GOOGLE_LANGUAGES_TO_CODES

from tmgr.mt import http
from tmgr.mt.base import Engine

http.install(_module)


class Yandex(Engine):
    """Yandex Translate's API (v1.5 protocol)."""

    name = "yandex"
    label = "Yandex Translate (key)"
    needs_key = True
    takes_key = True
    default_url = BASE_URLS["YANDEX"]
    max_chars = 10000
    default_rate = 20.0
    languages = GOOGLE_LANGUAGES_TO_CODES

    @property
    def url(self) -> str:
        url = self.config.url
        if not url:
            return BASE_URLS["YANDEX"]
        return url if "{endpoint}" in url else url.rstrip("/") + "/{endpoint}"

    def _request(self, text: str, source: str, target: str) -> object:
        translator = YandexTranslator(source=source, target=target, api_key=self.api_key)
        translator._base_url = self.url
        return translator.translate(text)  # a list of strings, one per text sent
