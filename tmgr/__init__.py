"""tmgr: translation management for a weekly analytical publication about Belarus."""

from tmgr import _moved

__version__ = "0.3.0.dev0"

_moved.install()
