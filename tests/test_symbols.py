"""Statistical symbols become missing values, with the symbol kept; anything else is an error."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.data.symbols import SymbolError, parse_numbers


def test_numbers_and_symbols_are_separated():
    frame = pd.DataFrame(
        {"v": ["1,234", " 83.221", "8.000000000000", "x", " .. ", "~", "-", "12%", "z", "c"]}
    )
    out = parse_numbers(frame, ["v"], "example.csv")
    assert out["v"].tolist()[:3] == [1234.0, 83.221, 8.0]
    assert out["v"].iloc[7] == 12.0
    assert all(math.isnan(v) for v in out["v"].iloc[[3, 4, 5, 6, 8, 9]])
    assert out["v_symbol"].iloc[[3, 4, 5, 6, 8, 9]].tolist() == ["x", "..", "~", "-", "z", "c"]
    assert out["v_symbol"].iloc[[0, 1, 2, 7]].isna().all()


def test_an_unknown_value_names_file_line_and_column():
    frame = pd.DataFrame({"count": ["1", "2", "two"]})
    with pytest.raises(SymbolError, match=r"example\.csv, line 4, column 'count': 'two'"):
        parse_numbers(frame, ["count"], "example.csv")
