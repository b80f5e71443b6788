"""Quality of translations.

Running the checks over translations, word lists, fixes and the glossary.

Use cases here take a ``Session`` and never commit: the caller owns the transaction.
"""
