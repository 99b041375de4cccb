"""The version of the book's code: the package version and a digest of every module in it.

Pages show it in their provenance, the build uses it to decide what to execute again, and the processed
store keys its tables by the digest of the modules that make them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = "send-participation-evidence-book"
CODE_DIR = Path(__file__).parent


def code_digest(*folders: Path) -> str:
    """A digest of every module under ``folders`` (default: the whole package), each with its path, so a
    change to any module in any subpackage, or a module moved or renamed, changes it."""
    digest = hashlib.sha256()
    for folder in folders or (CODE_DIR,):
        for file in sorted(folder.rglob("*.py")):
            if "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(CODE_DIR).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


@cache
def code_version() -> str:
    """The package version and the digest of its code, e.g. ``0.1.0, code 1a2b3c4d5e6f``."""
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        version = "not installed"
    return f"{version}, code {code_digest()[:12]}"
