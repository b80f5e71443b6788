"""tmgr: translation management for a weekly analytical publication about Belarus."""

from tmgr import _moved

__version__ = "0.2.0"

_moved.install()
