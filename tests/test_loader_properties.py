"""Property: whatever is done to the default outline, loading raises only OutlineError."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schema import schema_errors

from casestudy.errors import OutlineError
from casestudy.loader import load_outline
from casestudy.resources import default_outline

DEFAULT_TEXT = default_outline().read_text(encoding="utf-8")
DEFAULT_DATA = yaml.safe_load(DEFAULT_TEXT)
EXAMPLES = int(os.environ.get("CASESTUDY_FUZZ_EXAMPLES", "60"))


def paths(value, prefix=()):
    """Every path into the data, containers and leaves."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*prefix, i))


ALL_PATHS = [p for p in paths(DEFAULT_DATA) if p]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=300),
    st.sampled_from(["", "no", "010", "2024-02-30", "#ZZZZZZ", "[@nope]", "[#nope]", "**", "../x.png", "雷军 🚗"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated(draw):
    data = copy.deepcopy(DEFAULT_DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            action = draw(st.sampled_from(["replace", "delete", "grow", "unknown-key"]))
            if action == "replace":
                parent[key] = draw(values)
            elif action == "delete":
                del parent[key]
            elif action == "grow" and isinstance(parent[key], list) and parent[key]:
                parent[key] = parent[key] * draw(st.integers(2, 40))
            elif isinstance(parent[key], dict):
                parent[key][draw(st.text(min_size=1, max_size=12))] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or changed this path
    return data


def load_or_outline_error(path: Path) -> bool:
    """Whether the outline loads; anything but an OutlineError with located problems fails the test."""
    try:
        load_outline(path)
    except OutlineError as exc:
        assert exc.problems and all(str(p).count(":") >= 3 for p in exc.problems)
        return False
    return True


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated())
def test_mutated_outline_raises_only_outline_error(tmp_path, data):
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=100_000), encoding="utf-8")
    if load_or_outline_error(path):  # what the loader accepts, the editor's schema accepts too
        assert schema_errors(path.read_text(encoding="utf-8")) == []


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(DEFAULT_TEXT)), junk=st.text(min_size=1, max_size=20))
def test_text_edits_raise_only_outline_error(tmp_path, position, junk):
    path = tmp_path / "case.yaml"
    path.write_text(DEFAULT_TEXT[:position] + junk + DEFAULT_TEXT[position:], encoding="utf-8", errors="surrogatepass")
    load_or_outline_error(path)
