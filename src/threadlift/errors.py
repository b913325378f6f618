"""The error every command-line sub-command raises for bad input, below all of them.

The dispatcher (`threadlift.cli`) catches it; the sub-commands (each package's `cli.py`) raise it.
Kept apart from `cli.py` so that no sub-command imports the module that imports it.
"""

from __future__ import annotations


class InputError(Exception):
    """Bad user input: printed as `threadlift: error: <field>: <message>` and exit code 2."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
