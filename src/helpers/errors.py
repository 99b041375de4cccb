"""The one kind of error a person fixes by correcting an input file; the command line reports it plainly."""

from __future__ import annotations


class InputError(Exception):
    """Bad or missing input: the message says what is wrong and where (file, line, area, field)."""
