"""Property: whatever a clerk types into a generated form comes back from the saved YAML exactly
as typed (user text is data: quotes, colons, '#', '- ', 'null', '~', '${', Thai marks...)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kbo_docs import api
from kbo_docs.model import ProjectFile
from kbo_docs.web import forms

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
typed = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=LINE_BREAKS),
    min_size=1, max_size=40,
).map(str.strip).filter(bool)
tricky = st.sampled_from(["null", "~", "true", "no", "- x", "#x", "a: b", "'", '"', "${x}", "&a", "*a", "!x", "@",
                          "%", "`", "? x", "0x1F", "1e3", "๐๑", "=SUM(A1)", "ก\u0e31\u0e49"])
value = st.one_of(typed, tricky)


@given(name=value, address=st.lists(value, min_size=1, max_size=4), subject=value, noqa=value)
def test_typed_text_round_trips_through_form_and_yaml(name: str, address: list[str], subject: str, noqa: str) -> None:
    data = {
        "agency": {"name": name, "address": address},
        "project": {"name": subject},
        "circulars": [{"subject": subject, "signer": {"name": name}}],
        "noqa": {"REG001": noqa},
    }
    back = api.parse_data(api.dump_data(forms.normalise(ProjectFile, data)))
    assert back["agency"]["name"] == name
    assert back["agency"]["address"] == address
    assert back["circulars"][0]["subject"] == subject
    assert back["circulars"][0]["signer"]["name"] == name
    assert back["noqa"]["REG001"] == noqa  # a value may hold ': ' itself
