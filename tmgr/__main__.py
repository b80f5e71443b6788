"""``python -m tmgr`` is the ``tmgr`` command."""

from tmgr.cli import main

main()
