"""The fast YAML path (libyaml's events straight into values) and the size limits.

The fast path must give what the node tree gives (PyYAML's composer, as before): the same
values, and the same line for every value; limits stop bombs but not big honest files, and
their messages name the limit and the environment variable that raises it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbo_docs import source
from kbo_docs.findings import InputError
from kbo_docs.load import load_text

from .helpers import LAMPANG, ROOT

YAML_FILES = sorted({*ROOT.glob("samples/*.yaml"), *ROOT.glob("tests/bad_inputs/*.yaml"), *ROOT.glob("tests/clerk/*.yaml")})


def by_nodes(text: str) -> tuple[object, source.SourceMap]:
    """The values and source map as the node tree gives them (the path before the fast one)."""
    smap = source.SourceMap("f", text=text.splitlines())
    return source.by_nodes(text, smap), smap


def same(text: str) -> None:
    try:
        fast, fast_map = source.parse_yaml(text, "f")
    except InputError as exc:
        with pytest.raises(InputError) as slow:
            by_nodes(text)
        assert (exc.message, exc.line) == (slow.value.message, slow.value.line)
        return
    slow, slow_map = by_nodes(text)
    assert fast == slow
    for path in slow_map.lines:
        assert fast_map.line(path) == slow_map.lines[path], path
    for path, span in slow_map.spans.items():
        assert fast_map.spans.get(path, (fast_map.line(path),) * 2) == span, path


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_fast_path_gives_what_the_node_tree_gives(path: Path):
    same(path.read_text(encoding="utf-8"))


_scalars = st.one_of(st.sampled_from(["", "~", "null", "๑๒", "a: b", "'q'", "[x, y]", "- z", "|\n  two\n  lines"]),
                     st.text(alphabet="กขค ๑๒abc:-#'\"[]{},\n", max_size=12))


@settings(max_examples=200, deadline=None)
@given(st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(st.tuples(st.sampled_from(["a", "b", "ค", "a"]), inner), max_size=4).map(
        lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs)),
    st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
), max_leaves=8))
def test_fast_path_agrees_on_any_text(text: str):
    same(text)


def test_anchors_take_the_node_path_and_still_work():
    value, smap = source.parse_yaml("a: &x [1, 2]\nb: *x\n", "f")
    assert value == {"a": ["1", "2"], "b": ["1", "2"]} and smap.line(("b", 1)) == 1


def big_register(rows: int) -> str:
    head = LAMPANG.read_text(encoding="utf-8").split("registers:")[0]
    lines = [head, "registers:\n  - id: big\n    title: [ทะเบียน]\n    columns:\n      - {key: a, title: ก}\n"
             "      - {key: b, title: ข}\n      - {key: t, title: รวม, sum_of: [a, b]}\n    rows:\n"]
    lines += [f"      - [บ้าน {i}, {i % 7}, {i % 11}, {i % 7 + i % 11}]\n" for i in range(rows)]
    return "".join(lines)


def test_a_register_bigger_than_the_old_limits_loads():
    # 40,000 rows: over the old 200,000-value limit, which capped a register at ~33,000 rows
    loaded = load_text(big_register(40_000), "big.yaml")
    rows = loaded.project.registers[0].rows
    assert len(rows) == 40_000 and rows[-1].values == {"a": 39_999 % 7, "b": 39_999 % 11, "t": 39_999 % 7 + 39_999 % 11}
    assert loaded.line(rows[-1], "values", "b") == loaded.line(rows[-1]) > 40_000


@pytest.mark.parametrize(("env", "value"), [("KBO_DOCS_MAX_BYTES", "2000"), ("KBO_DOCS_MAX_VALUES", "300")])
def test_a_limit_names_itself_and_how_to_raise_it(tmp_path, monkeypatch, env, value):
    path = tmp_path / "big.yaml"
    path.write_text(big_register(100), encoding="utf-8")
    monkeypatch.setenv(env, value)
    with pytest.raises(InputError) as info:
        load_text(source.read_text(path), str(path))
    message = info.value.message
    thai, english = message.split(" / ", 1)
    assert env in thai and env in english and f"{int(value):,}" in english
    monkeypatch.setenv(env, "100000000")
    assert len(load_text(source.read_text(path), str(path)).project.registers[0].rows) == 100


def test_the_alias_bomb_message_names_its_limit():
    bomb = ROOT / "tests" / "bad_inputs" / "alias_bomb.yaml"
    with pytest.raises(InputError) as info:
        source.parse_yaml(bomb.read_text(encoding="utf-8"), "bomb.yaml")
    assert "KBO_DOCS_MAX_ALIAS_VALUES" in info.value.message and "too many values" in info.value.message


def test_an_oversized_file_is_not_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: b\n" * 1000)
    monkeypatch.setenv("KBO_DOCS_MAX_BYTES", "100")
    with pytest.raises(InputError, match="5,000 bytes"):
        source.read_text(path)


def test_a_quote_paired_only_by_a_comment_is_still_explained():
    # Was a crash (ValueError from the repair search) found by the property test above: the
    # unpaired quote was looked for in the whole line, where the comment's quote paired it.
    from kbo_docs.findings import InputError

    with pytest.raises(InputError) as err:
        source.parse_yaml('a: "x #"\nb: [c\n', "f.yaml")
    assert "f.yaml:2" in str(err.value)
