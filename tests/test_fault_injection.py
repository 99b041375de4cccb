"""The fault-injection script, run whole: every bad input is refused clearly and the book stays intact."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import paths

pytestmark = pytest.mark.slow


def test_every_injected_fault_is_refused_and_the_book_is_left_intact():
    result = subprocess.run(
        [sys.executable, str(paths.ROOT / "tests/fault_injection.py")],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "cases behaved as expected" in result.stdout
