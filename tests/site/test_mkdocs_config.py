"""mkdocs.yml: a key written twice silently drops the first value (YAML keeps the last)."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import ROOT


class _StrictLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(key) for key, _ in node.value]
    repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
    assert not repeated, f"mkdocs.yml repeats {repeated} (line {node.start_mark.line + 1})"
    return yaml.SafeLoader.construct_mapping(loader, node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_StrictLoader.add_constructor("!ENV", lambda loader, node: None)


def test_no_key_is_written_twice() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_StrictLoader)
    assert "hooks/generate.py" in config["hooks"] and "hooks/i18n.py" in config["hooks"]
    assert "assets/parallel/parallel.js" in config["extra_javascript"]
    scripts = [s["path"] if isinstance(s, dict) else s for s in config["extra_javascript"]]
    assert "assets/search/search.js" in scripts
    assert config["plugins"] == []  # no lunr search: without the key MkDocs adds it
