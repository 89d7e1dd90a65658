"""Built sites with their search index: the step that runs after the build
(scripts/search_index.py), as scripts/build.sh and the workflows run it. A test module
that searches overrides the site fixture it uses with `indexed` (a conftest.py here would
shadow tests/conftest.py, which the tests import as `conftest`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from conftest import ROOT, BuiltSite


def load_script(name: str) -> ModuleType:
    """A script of scripts/, loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


search_index = load_script("search_index")


def indexed(site: BuiltSite) -> BuiltSite:
    """`site`, indexed for search (again: the step replaces the index)."""
    problem = search_index.index_site(site.site)
    assert problem is None, problem
    return site


def index_folder(site: Path) -> None:
    problem = search_index.index_site(site)
    assert problem is None, problem
