"""Page weight on a tiny hand-made site: shared assets are counted once, a page's own assets with it."""

from __future__ import annotations

from helpers.build.pageweight import site_weight


def test_shared_and_own_assets(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "shared.js").write_bytes(b"x" * 100)
    (tmp_path / "_static" / "theme.css").write_text("@import 'font.css'; body {}")  # 27 bytes
    (tmp_path / "_static" / "font.css").write_text("a{}")  # 3 bytes
    (tmp_path / "_static" / "map.json").write_bytes(b"y" * 50)
    one = '<link rel="stylesheet" href="_static/theme.css"><script src="_static/shared.js"></script>'
    two = one + '<script>var spec = {"data":{"url":"_static/map.json"}};</script>'
    (tmp_path / "one.html").write_text(one)
    (tmp_path / "two.html").write_text(two)
    weight = site_weight(tmp_path).pages.set_index("page")
    assert weight.loc["one.html", "page_weight"] == len(one)
    assert weight.loc["two.html", "page_weight"] == len(two) + 50
    assert weight.loc["two.html", "first_visit_bytes"] == len(two) + 50 + 100 + 27 + 3
    assert site_weight(tmp_path).shared_bytes == 100 + 27 + 3
