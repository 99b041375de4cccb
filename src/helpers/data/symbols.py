"""Statistical symbols in published tables become missing values, with the symbol kept beside them."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from helpers.errors import InputError

#: Symbols used by DfE, ONS, MoJ and LAIT tables for values that are not published.
SYMBOLS = {
    "x": "not available",
    "z": "not applicable",
    "c": "confidential",
    "low": "fewer than 0.5",
    "u": "low reliability",
    "..": "not available",
    "~": "suppressed",
    "-": "not available",
    ":": "not available",
    "": "missing",
    "NA": "missing",
}

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class SymbolError(InputError, ValueError):
    """A cell is neither a number nor a known statistical symbol."""


def parse_numbers(frame: pd.DataFrame, columns: list[str], source: str) -> pd.DataFrame:
    """Convert ``columns`` of a string frame to floats, keeping symbols in ``<column>_symbol``.

    Thousands separators, percent signs and surrounding spaces are removed first. The frame's index
    must be its position in the file (0 = the first data row) so errors can name the line.

    Raises
    ------
    SymbolError
        Naming the file, line and column of the first cell that is neither a number nor a symbol.
    """
    out = frame.copy()
    for column in columns:
        text = out[column].astype("string").str.strip().str.replace(",", "", regex=False)
        text = text.str.removesuffix("%").str.strip()
        is_symbol = text.isin(list(SYMBOLS))
        is_number = text.str.match(_NUMBER).fillna(False).astype(bool)
        bad = ~(is_symbol | is_number)
        if bad.any():
            row = bad[bad].index[0]
            raise SymbolError(
                f"{source}, line {int(row) + 2}, column '{column}': {frame.at[row, column]!r} is neither "
                f"a number nor a known symbol ({', '.join(repr(s) for s in SYMBOLS if s)})."
            )
        out[column] = pd.to_numeric(text.where(is_number), errors="raise").astype("float64")
        out[f"{column}_symbol"] = text.where(is_symbol).replace("", "missing").astype(object)
        out[f"{column}_symbol"] = out[f"{column}_symbol"].where(is_symbol, np.nan)
    return out
