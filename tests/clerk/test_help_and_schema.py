"""What a clerk reads besides messages: every --help and the JSON Schema an editor shows are
plain text (no reStructuredText markup), and every kind of document in the schema says what it is."""

from __future__ import annotations

import re

import pytest

from kbo_docs.cli import main
from kbo_docs.load import json_schema

from ..helpers import run_cli

MARKUP = re.compile(r"``|:(?:mod|func|class|meth|data|attr):`")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_help_has_no_markup(command):
    run = run_cli(command, "--help")
    assert run.code == 0, run.output
    assert not MARKUP.search(run.output), run.output


def test_schema_descriptions_have_no_markup():
    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "description":
                    assert not MARKUP.search(v), v
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json_schema())


@pytest.mark.parametrize("name", ["Circular", "Meeting", "Register", "Column"])
def test_every_document_kind_is_described(name):
    defs = json_schema()["$defs"]
    assert defs[name].get("description", "").strip(), name
