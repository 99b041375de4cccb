"""Wilson score intervals for proportions: the book's one way of putting an interval on a rate."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: z for a two-sided 95% interval.
Z95 = 1.959963984540054


def wilson_interval(numerator, denominator, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for a proportion, as (lower, upper) proportions.

    Missing or zero denominators give missing bounds. Works element-wise on arrays and Series.
    """
    k = np.asarray(numerator, dtype="float64")
    n = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = (z / (1 + z**2 / n)) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    valid = (n > 0) & (k >= 0) & (k <= n)
    lower = np.where(valid, np.clip(centre - half, 0, 1), np.nan)
    upper = np.where(valid, np.clip(centre + half, 0, 1), np.nan)
    return lower, upper


def with_intervals(frame: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Add value, lower and upper (times ``scale``) from numerator and denominator columns."""
    out = frame.copy()
    lower, upper = wilson_interval(out["numerator"], out["denominator"])
    with np.errstate(divide="ignore", invalid="ignore"):
        out["value"] = np.where(out["denominator"] > 0, out["numerator"] / out["denominator"], np.nan)
    out["value"] = out["value"] * scale
    out["lower"] = lower * scale
    out["upper"] = upper * scale
    return out
