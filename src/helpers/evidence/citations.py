"""Checks every anchored citation in the evidence against the text it cites.

Two kinds of cited text: the held inspection reports (their pages extracted from the PDFs into the
processed store) and the held full texts of other sources (``full_text`` in ``data/sources.yml``, one
page each, pinned by sha256). A citation whose anchor is not on its page stops the build, naming the
file, the item and the field.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import paths
from helpers.evidence import anchors, inspection_coding, register
from helpers.evidence.register import EvidenceError

#: The held texts open with a header (title, publisher, url ...) ended by this line.
HEADER_END = "\n---\n"


def held_text(source: register.Source, directory: Path | None = None) -> str:
    """The body of a source's held full text, after its header, verified against its sha256."""
    folder = directory or paths.sources_dir()
    file = folder / source.full_text
    if not file.is_file():
        raise EvidenceError(
            f"data/sources.yml, source {source.id}, field 'full_text': the held text {file} is missing. "
            f"Put the source texts in {folder} or set {paths.SOURCES_DIR_ENV} to the folder that holds them."
        )
    data = file.read_bytes()
    found = hashlib.sha256(data).hexdigest()
    if found != source.full_text_sha256:
        raise EvidenceError(
            f"data/sources.yml, source {source.id}, field 'full_text_sha256': {file} has sha256 {found}, "
            f"not {source.full_text_sha256}; the held text changed, so check the anchors citing it."
        )
    text = data.decode("utf-8")
    return text.split(HEADER_END, 1)[1] if HEADER_END in text else text


def check_register(items: list[register.CodedItem], directory: Path | None = None) -> int:
    """Check the anchor of every register item citing a held full text; the number checked."""
    sources = register.bibliography()
    texts: dict[str, str] = {}
    checked = 0
    for coded in items:
        item = coded.item
        source = sources.get(item.source)
        if source is None or not source.full_text:
            continue
        where = f"{coded.file}, line {coded.line}, item {item.id}"
        if not item.anchor:
            raise EvidenceError(
                f"{where}, field 'anchor': the item cites the held text of {item.source}, so it needs an "
                f"anchor: {anchors.MIN_WORDS} to {anchors.MAX_WORDS} consecutive words copied from it."
            )
        if (item.page or 1) != 1:
            raise EvidenceError(f"{where}, field 'page': the held text of {item.source} has one page.")
        if item.source not in texts:
            texts[item.source] = held_text(source, directory)
        limit = register.MAX_QUOTE_WORDS + 1
        for field, text in [("finding", item.finding)] + [
            (f"recommendations.{r.id}", r.text) for r in item.recommendations
        ]:
            copied = anchors.copied_run(text, texts[item.source], limit)
            if copied:
                raise EvidenceError(
                    f"{where}, field '{field}': copies {limit} or more consecutive words of "
                    f"{source.full_text} ({copied!r}) without quotation marks; use the book's own words."
                )
        if not anchors.on_page(item.anchor, texts[item.source]):
            raise EvidenceError(
                f"{where}, field 'anchor': {item.anchor!r} is not in the held text of {item.source} "
                f"({source.full_text})."
            )
        checked += 1
    return checked


def check_reports(page_text, files: list[Path] | None = None) -> int:
    """Check every coded report's anchors against its extracted pages; the number of findings."""
    count = 0
    for file in files if files is not None else inspection_coding.coding_files():
        loaded = inspection_coding.load_coding(file)
        inspection_coding.check_anchors(loaded, page_text)
        count += sum(1 for _ in loaded.coding.findings())
    return count
