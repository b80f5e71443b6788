"""MyMemory (free, no key; 500 characters per request): deep-translator's ``MyMemoryTranslator``.

``TMGR_MYMEMORY_URL`` replaces the endpoint (default ``http://api.mymemory.translated.net/get``);
``[mt.mymemory] email = "..."`` raises the free daily quota.
"""

from __future__ import annotations

from deep_translator import MyMemoryTranslator
from deep_translator import mymemory as _module
from deep_translator.constants import BASE_URLS, MY_MEMORY_LANGUAGES_TO_CODES

from tmgr.mt import http
from tmgr.mt.base import Engine

http.install(_module)


class MyMemory(Engine):
    """MyMemory's translation API."""

    name = "mymemory"
    label = "MyMemory (free, no key)"
    default_url = BASE_URLS["MYMEMORY"]
    max_chars = 499  # deep-translator refuses 500 characters and more
    default_rate = 5.0
    languages = MY_MEMORY_LANGUAGES_TO_CODES

    def _request(self, text: str, source: str, target: str) -> object:
        email = self.config.options.get("email")
        translator = MyMemoryTranslator(source=source, target=target,
                                        **({"email": email} if email else {}))
        translator._base_url = self.url
        return translator.translate(text)
