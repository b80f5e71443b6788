"""The published archive, pure: finding an article's EN/BE/RU files, aligning them
sentence by sentence, and what the aligned text teaches. No database here: storing
the links, the memory units and the candidates is :mod:`tmgr.exchange.archive`."""
