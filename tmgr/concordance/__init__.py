"""Concordance: where a word or phrase occurs in the TM and in approved translations.

A query in English searches the English side; one in Cyrillic the Belarusian or
Russian side. Words match in any inflected form: English by a light stemmer,
Belarusian and Russian through the analysers of :mod:`tmgr.qa.morphology`. The
index (:class:`ConcordanceIndex`) is an inverted list per word with the words
grouped by their first letters, so a query analyses only the few words of the
vocabulary that may be its forms. Full-text search over documents is another
feature (issue 25); this package is only the translator's look-up.
"""

from tmgr.concordance.index import ConcordanceIndex, Entry, Hit, QueryError

__all__ = ["ConcordanceIndex", "Entry", "Hit", "QueryError"]
