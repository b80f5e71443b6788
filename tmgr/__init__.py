"""tmgr: translation management for a weekly analytical publication about Belarus."""

__version__ = "0.1.0"
