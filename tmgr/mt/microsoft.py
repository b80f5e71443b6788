"""Microsoft Translator (needs ``TMGR_MICROSOFT_API_KEY``): deep-translator's class.

``TMGR_MICROSOFT_URL`` replaces the endpoint (default
``https://api.cognitive.microsofttranslator.com/translate?api-version=3.0``);
``TMGR_MICROSOFT_REGION`` (or ``[mt.microsoft] region``) names the resource's region.
deep-translator has no language table for Microsoft (it downloads one, without a
timeout, in the constructor); tmgr skips that download and lets the service say
which languages it refuses.
"""

from __future__ import annotations

import json
from typing import Any

from deep_translator import MicrosoftTranslator
from deep_translator import microsoft as _module
from deep_translator.constants import BASE_URLS

from tmgr.mt import http
from tmgr.mt.base import Engine
from tmgr.qa.messages import N_

http.install(_module)

#: Microsoft's error codes for an unknown source or target language
_LANGUAGE_ERRORS = {400035, 400036}


class _Translator(MicrosoftTranslator):
    """deep-translator's class without the language download in ``__init__``."""

    def __init__(self, *, codes: tuple[str, ...], **kwargs: Any) -> None:
        self._codes = codes
        super().__init__(**kwargs)

    def _get_supported_languages(self) -> dict[str, str]:
        return {code: code for code in self._codes}


class Microsoft(Engine):
    """Azure AI Translator (v3)."""

    name = "microsoft"
    label = "Microsoft Translator (key)"
    needs_key = True
    takes_key = True
    default_url = BASE_URLS["MICROSOFT_TRANSLATE"]
    max_chars = 10000
    default_rate = 50.0
    languages = None  # only the service knows

    def _request(self, text: str, source: str, target: str) -> object:
        region = self.config.options.get("region")
        translator = _Translator(codes=(source, target), source=source, target=target,
                                 api_key=self.api_key, region=region)
        translator._base_url = self.url
        return translator.translate(text)

    def classify_status(self, status: int, record: http.CallRecord) -> tuple[str, str]:
        if status == 400 and _error_code(record.body) in _LANGUAGE_ERRORS:
            return "unsupported-language", N_("%(engine)s does not support this language pair",
                                              engine=self.name)
        return super().classify_status(status, record)


def _error_code(body: str) -> int | None:
    try:
        code = json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None
    return code if isinstance(code, int) else None
