"""The ``tmgr`` command line. Each module adds its commands to :data:`cli`."""

from tmgr.cli import (  # noqa: F401  (registers commands)
    db,
    documents,
    exchange,
    mt,
    quality,
    report,
    web,
)
from tmgr.cli.base import cli


def main() -> None:
    """Entry point of the ``tmgr`` console script."""
    cli(prog_name="tmgr")


__all__ = ["cli", "main"]
