"""scripts/check_links.py: broken internal links and missing anchors of a built site."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from conftest import ROOT, BuiltSite


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts/check_links.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_links"] = module
    spec.loader.exec_module(module)
    return module


check_links = _load()

INDEX = """<html><head><link rel="stylesheet" href="assets/style.css?v=3"></head><body>
<h2 id="top">Top</h2>
<a href="#top">self</a> <a href="a/">a</a> <a href="a/#sec">section</a> <a href="a">no slash</a>
<a href="https://example.org/x">external</a> <a href="mailto:x@example.org">mail</a>
<a href="/a/index.html#named">absolute</a> <a href="a/%C3%A9t%C3%A9.html">escaped</a>
<a href="#missing">bad self anchor</a> <a href="a/#nope">bad anchor</a>
<a href="b/">missing page</a> <img src="img/logo.png"> <a href="../outside.html">out</a>
</body></html>"""
PAGE_A = '<html><body><h2 id="sec">S</h2><a name="named"></a><a href="../">up</a></body></html>'


def test_finds_every_broken_link_and_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "a" / "été.html").write_text("<p>ok</p>", encoding="utf-8")
    (tmp_path / "assets" / "style.css").write_text("", encoding="utf-8")
    assert check_links.check_site(tmp_path) == [
        "index.html: #missing (no anchor #missing)",
        "index.html: a/#nope (no anchor #nope)",
        "index.html: b/ (no such file)",
        "index.html: img/logo.png (no such file)",
        "index.html: ../outside.html (leaves the site)",
    ]
    assert check_links.main([str(tmp_path)]) == 1
    assert check_links.main([str(tmp_path / "nowhere")]) == 2


def test_the_built_seed_site_has_no_broken_link(seed_site: BuiltSite) -> None:
    assert check_links.check_site(seed_site.site) == []
    assert check_links.main([str(seed_site.site)]) == 0
