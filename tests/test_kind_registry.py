"""The kind registry (kbo_docs.model.kinds) is the one list every layer follows: each kind has
its field in the data file, its view method, its templates in both formats, its DOCX builder,
its starter, and rules under its name (docs/architecture.md, "Recipe: a new kind")."""

from __future__ import annotations

import importlib.util

import pytest

from kbo_docs.model import KINDS, ProjectFile
from kbo_docs.render.paths import templates_dir
from kbo_docs.render.view import Views
from kbo_docs.rules import REGISTRY
from kbo_docs.rules.docs import rules_markdown

from .helpers import ROOT


def _builders() -> dict:
    spec = importlib.util.spec_from_file_location("build", ROOT / "templates" / "docx" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BUILDERS


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_layer_knows_the_kind(kind):
    field = ProjectFile.model_fields[kind.key]
    assert field.description == kind.title
    assert callable(getattr(Views, kind.name, None)), f"Views.{kind.name}"
    folder = templates_dir()
    assert (folder / "html" / f"{kind.template}.html").is_file()
    assert (folder / "docx" / f"{kind.template}.docx").is_file()
    assert kind.template in _builders()
    assert (folder / "starters" / f"{kind.name}.yaml").is_file()
    assert any(rule.scope == kind.name for rule in REGISTRY.values()), f"no rule for {kind.name}"
    assert f"## {kind.title}" in rules_markdown()


def test_names_keys_and_templates_are_unique():
    for attribute in ("key", "name", "template"):
        values = [getattr(k, attribute) for k in KINDS]
        assert len(values) == len(set(values)), attribute
    assert {k.name for k in KINDS} >= {"memo", "order", "invitation", "announcement"}
