"""Loads every theme module, which registers its checks (import this to get them all)."""

from __future__ import annotations

from tmgr.qa import (  # noqa: F401  (each module registers its checks)
    crosslang,
    glossary,
    letters,
    markup,
    names,
    numbers,
    punctuation,
    spelling,
    text,
)
