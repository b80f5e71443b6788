"""DeepL (needs ``TMGR_DEEPL_API_KEY``): deep-translator's ``DeeplTranslator``.

Keys ending in ``:fx`` use the free API, others the paid one; ``TMGR_DEEPL_URL``
replaces the base URL (e.g. ``https://api.deepl.com/v2/``). DeepL has no Belarusian.
"""

from __future__ import annotations

from deep_translator import DeeplTranslator
from deep_translator import deepl as _module
from deep_translator.constants import BASE_URLS, DEEPL_LANGUAGE_TO_CODE

from tmgr.mt import http
from tmgr.mt.base import Engine

http.install(_module)


class DeepL(Engine):
    """DeepL's API."""

    name = "deepl"
    label = "DeepL API (key)"
    needs_key = True
    takes_key = True
    max_chars = 30000
    default_rate = 20.0
    languages = DEEPL_LANGUAGE_TO_CODE

    @property
    def url(self) -> str:
        if self.config.url:
            return self.config.url.rstrip("/") + "/"
        free = (self.api_key or "").endswith(":fx")
        return BASE_URLS["DEEPL_FREE" if free else "DEEPL"].format(version="v2")

    def _request(self, text: str, source: str, target: str) -> object:
        translator = DeeplTranslator(source=source, target=target, api_key=self.api_key)
        translator._base_url = self.url
        return translator.translate(text)
