"""Google Translate through its web endpoint (no key): deep-translator's ``GoogleTranslator``.

``TMGR_GOOGLE_URL`` replaces the endpoint (default ``https://translate.google.com/m``);
the translator reads the answer from the page's ``result-container`` element.
"""

from __future__ import annotations

from deep_translator import GoogleTranslator
from deep_translator import google as _module
from deep_translator.constants import BASE_URLS, GOOGLE_LANGUAGES_TO_CODES

from tmgr.mt import http
from tmgr.mt.base import Engine

http.install(_module)


class Google(Engine):
    """Google Translate, the default engine."""

    name = "google"
    label = "Google Translate (web endpoint, no key)"
    default_url = BASE_URLS["GOOGLE_TRANSLATE"]
    max_chars = 4999  # the endpoint refuses 5000 characters and more
    default_rate = 200.0  # a cap; 429 answers slow tmgr down further
    languages = GOOGLE_LANGUAGES_TO_CODES

    def _request(self, text: str, source: str, target: str) -> object:
        translator = GoogleTranslator(source=source, target=target)
        translator._base_url = self.url  # the class has no public way to set it
        return translator.translate(text)
