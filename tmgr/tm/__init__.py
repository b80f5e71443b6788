"""The translation memory: one package for the pairs, the fuzzy index and the word diff.

- :mod:`tmgr.tm.diff`: the word diff (one tokenizer, bounded work) for TM matches,
  history and conflicts;
- :mod:`tmgr.tm.index`: the in-memory fuzzy index, equal to a brute-force scan;
- :mod:`tmgr.tm.memory`: look-ups and storage over the database (use cases).
"""
