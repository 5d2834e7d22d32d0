"""``python -m wikipress``: the same as the ``wikipress`` command."""

from ._cli import run

run()
