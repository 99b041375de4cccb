"""Anchors: a few words copied exactly from a cited page, so a machine can check every citation.

An anchor is for checking, never for display. It matches the page when, after both are normalised,
the anchor's text is part of the page's: line breaks, hyphenation at a line end, curly quotes,
dashes, bullets, spacing and punctuation are ignored (pypdf keeps a report's words but not its
layout), while the words and their order must be the page's own.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

#: An anchor is long enough to be unique on a page and short enough not to be a quotation.
MIN_WORDS = 4
MAX_WORDS = 12

_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Letters and digits only, lower case: what survives any PDF layout or typography."""
    text = unicodedata.normalize("NFKC", text)
    return _NOT_LETTER_OR_DIGIT.sub("", text).casefold()


def problem(anchor: str) -> str | None:
    """Why an anchor is not usable on its own terms (length), or None."""
    words = anchor.split()
    if len(words) < MIN_WORDS:
        return f"an anchor has at least {MIN_WORDS} words; this has {len(words)}"
    if len(words) > MAX_WORDS:
        return f"an anchor is at most {MAX_WORDS} consecutive words; this has {len(words)}"
    return None


def checked(anchor: str) -> str:
    """Validate an anchor's length (for pydantic fields): the anchor, or ValueError saying why not."""
    trouble = problem(anchor)
    if trouble:
        raise ValueError(trouble)
    return anchor


#: An anchor as a field of a validated model.
Anchor = Annotated[str, AfterValidator(checked)]


def on_page(anchor: str, page_text: str) -> bool:
    """True when the anchor's words appear, in order and unbroken, on the page."""
    return normalise(anchor) in normalise(page_text)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    return re.findall(r"[\w']+", re.sub(r"-\s+", "", text))


def copied_run(finding: str, source_text: str, length: int) -> str | None:
    """The first run of ``length`` consecutive words of a finding that is also in the source, or None:
    a finding in the book's own words shares no run longer than a short quotation."""
    source = _words(source_text)
    runs = {tuple(source[i : i + length]) for i in range(len(source) - length + 1)}
    words = _words(finding)
    for i in range(len(words) - length + 1):
        if tuple(words[i : i + length]) in runs:
            return " ".join(words[i : i + length])
    return None
