"""Writing files so that no reader, and no failed run, ever sees half of one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(file: Path, content: str | bytes) -> None:
    """Write under a temporary name beside ``file``, then rename it into place."""
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        if isinstance(content, bytes):
            partial.write_bytes(content)
        else:
            partial.write_text(content, encoding="utf-8")
        partial.replace(file)
    finally:
        partial.unlink(missing_ok=True)
