"""Hostile-proof YAML reading: text -> plain data that remembers where each value was written.

PyYAML's safe loader is safe from code execution but not from alias bombs, deep nesting,
duplicate keys or implicit typing (`no` -> False, `010` -> 8). So we let it compose the node
graph (which never expands aliases), then build the data ourselves under a budget:
scalars stay the strings the user wrote (None for `null`/`~`/empty), and the model converts
where it wants numbers, dates or booleans.
"""

from __future__ import annotations

import bisect
import itertools
import re
import stat
import unicodedata
from pathlib import Path

import yaml

from casestudy.errors import Location, Problem, format_path
from casestudy.scripts import join_folded_lines

MAX_BYTES = 8 * 1024 * 1024  # the default case is under 100 kB; 100 times it still fits
MAX_DEPTH = 24  # the model nests 6 levels deep
MAX_VALUES = 1_000_000  # values in all, aliases expanded
MAX_PROBLEMS = 100  # a broken 8 MB outline can hold millions; the first hundred say enough
MAX_ALIAS_VALUES = 10_000  # values reached through aliases: an alias bomb stops here, in milliseconds

# libyaml parses 8 MB in a second where the pure-Python parser takes minutes; the marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBYAML_DEPTH = "exceeded maximum nesting depth"  # libyaml's own limit, not in the pure-Python parser
SECOND_OPINION_CHARS = 1_000_000  # see _second_opinion
_YAML = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
# Characters no document format can hold (XML refuses them): C0 and C1 controls other than tab and
# line breaks, lone surrogates, and the non-characters U+FFFE and U+FFFF.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

Path_ = tuple[str | int, ...]


class LocMap(dict):
    """A mapping that remembers where it, each key and each value were written."""

    def __init__(self, where: Location) -> None:
        super().__init__()
        self.where = where
        self.key_where: dict[str, Location] = {}
        self.value_where: dict[str, Location] = {}


class LocList(list):
    """A sequence that remembers where it and each item were written."""

    def __init__(self, where: Location) -> None:
        super().__init__()
        self.where = where
        self.item_where: list[Location] = []


def read_yaml(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Read one YAML file into located data; problems are collected, never raised."""
    top = Location(display)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            return None, [Problem(top, "(outline)", "not a regular file")]
        size = info.st_size
        if size > MAX_BYTES:
            return None, [Problem(top, "(outline)", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(top, "(outline)", f"cannot read the file: {exc.strerror}")]
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(top, "(outline)", "the outline is empty")]
    text, bad_chars = _blank_controls(text)
    if shape_problem := _shape_problem(text, display):
        return None, [shape_problem]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark else top
        return None, [Problem(where, "(syntax)", f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [Problem(top, "(syntax)", f"invalid YAML: {exc}")]
    if node is None:
        return None, [Problem(top, "(outline)", "the outline is empty: it holds only comments")]
    builder = _Builder(display, text)
    data = builder.build(node)
    problems = builder.problems + [builder.control_problem(i, ch) for i, ch in bad_chars]
    return data, problems


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        where = Location(display, line, column)
        return None, [
            Problem(where, "(outline)", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        ]


def _blank_controls(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Replace refused control characters by spaces (so parsing goes on) and note where (the first few)."""
    bad = [(m.start(), m.group()) for m in itertools.islice(_REFUSED.finditer(text), MAX_PROBLEMS + 1)]
    return (_REFUSED.sub(" ", text), bad) if bad else (text, [])


def _shape_problem(text: str, display: str, loader: type | None = None) -> Problem | None:
    """Refuse deep nesting and too many values from the event stream, before the composer
    (recursive, and a Python object per value) sees them."""
    loader = loader or _LOADER
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            values += isinstance(event, yaml.NodeEvent)
            if depth > MAX_DEPTH or values > MAX_VALUES:
                m = event.start_mark
                what = f"nested more than {MAX_DEPTH} levels deep" if depth > MAX_DEPTH else _too_many_values()
                return Problem(Location(display, m.line + 1, m.column + 1), "(outline)", what)
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader and (_second_opinion(text) or _LIBYAML_DEPTH in str(exc)):
            # libyaml scans a flow collection ahead and stops at its own limit (1,000 levels) before
            # the 25th level's event reaches us; the pure-Python parser looks at most a line ahead,
            # so it stops where our limit is passed, quickly even in a large file.
            return _shape_problem(text, display, yaml.SafeLoader)
        return None  # compose reports syntax errors with their position
    return None


def _second_opinion(text: str) -> bool:
    """Whether the pure-Python parser should redo what libyaml refused.

    The two parsers word their errors differently, and libyaml refuses some escapes (a lone
    surrogate) that we report ourselves; letting the pure-Python parser have the last word makes
    the message the same on every install. It reads about 1 MB a second, so only files of
    ordinary size get it; a larger broken file keeps libyaml's wording.
    """
    return _LOADER is not yaml.SafeLoader and len(text) <= SECOND_OPINION_CHARS


def _compose(text: str) -> yaml.Node | None:
    """The node graph (aliases not expanded), with libyaml where it is installed."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        if not _second_opinion(text):
            raise
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _too_many_values() -> str:
    return f"the outline expands to more than {MAX_VALUES:,} values; refused"


class _Builder:
    """Node graph -> LocMap/LocList/str/None, with a budget on expanded values."""

    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self._text = text
        self.problems: list[Problem] = []
        self.budget = MAX_VALUES
        self.alias_budget = MAX_ALIAS_VALUES
        self.anchored: set[int] = set()  # ids of nodes already built once: later visits are aliases
        self.scalars: list[tuple[int, int, Path_]] = []  # (start, end, path) for control chars
        self._sorted_scalars: list[tuple[int, int, Path_]] = []  # the same by start, for bisect
        self._starts: list[int] = []

    def where(self, node: yaml.Node) -> Location:
        return Location(self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.where(node), format_path(path), message))

    def build(self, node: yaml.Node | None) -> object:
        if node is None:
            return None
        try:
            return self._node(node, (), 0)
        except _Exhausted:
            return None

    def _node(self, node: yaml.Node, path: Path_, depth: int, via_alias: bool = False) -> object:
        via_alias = via_alias or id(node) in self.anchored
        self.anchored.add(id(node))
        self.budget -= 1
        self.alias_budget -= via_alias
        if self.budget < 0 or self.alias_budget < 0 or depth > MAX_DEPTH:
            if self.alias_budget < 0:
                what = f"more than {MAX_ALIAS_VALUES:,} values through aliases"
            else:
                what = f"more than {MAX_VALUES:,} values" if self.budget < 0 else f"more than {MAX_DEPTH} levels"
            self.problem(node, path, f"the outline expands to {what}; refused")
            raise _Exhausted
        if node.tag not in ALLOWED_TAGS:
            self.problem(node, path, f"tag {node.tag!r} is not allowed; only standard YAML tags are")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth, via_alias)
        if isinstance(node, yaml.SequenceNode):
            out = LocList(self.where(node))
            for i, item in enumerate(node.value):
                out.append(self._node(item, path + (i,), depth + 1, via_alias))
                out.item_where.append(self.where(item))
            return out
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int, via_alias: bool) -> LocMap:
        out = LocMap(self.where(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "keys must be plain names, not lists or mappings")
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            if key_node.tag == _YAML + "merge":
                self.problem(key_node, path + (key,), "merge keys (<<) are not supported; use `extends`")
                continue
            if key in out:
                first = out.key_where[key]
                self.problem(key_node, path + (key,), f"duplicate key {key!r} (first written at line {first.line})")
                continue
            out[key] = self._node(value_node, path + (key,), depth + 1, via_alias)
            out.key_where[key] = self.where(key_node)
            out.value_where[key] = self.where(value_node)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> str | None:
        self.scalars.append((node.start_mark.index, node.end_mark.index, path))
        if node.tag == _YAML + "null" and not node.style:  # plain: None from PyYAML, "" from libyaml
            return None
        value = node.value
        if bad := _REFUSED.search(value) or re.search("\r", value):  # escapes such as "\x07" or "\uFFFE"
            self.problem(node, path, f"control character {_describe(bad.group())} is not allowed in text")
            return value.encode("utf-8", "replace").decode("utf-8")
        if node.style != "|" and node.end_mark.line > node.start_mark.line and " " in value:
            raw = self._text[node.start_mark.index : node.end_mark.index]
            value = join_folded_lines(raw[1:-1] if node.style in ("'", '"') else raw, value)
        return unicodedata.normalize("NFC", value)

    def control_problem(self, index: int, ch: str) -> Problem:
        """A refused character found in the raw text, reported at the value that holds it."""
        if not self._sorted_scalars:
            self._sorted_scalars = sorted(self.scalars, key=lambda s: s[0])
            self._starts = [s[0] for s in self._sorted_scalars]
        n = bisect.bisect_right(self._starts, index) - 1
        start, end, scalar_path = self._sorted_scalars[n] if n >= 0 else (0, 0, ())
        path: Path_ = scalar_path if start <= index < end else ()
        return Problem(self._index_where(index), format_path(path), f"control character {_describe(ch)} is not allowed")

    def _index_where(self, index: int) -> Location:
        line = self._text.count("\n", 0, index) + 1
        return Location(self.display, line, index - (self._text.rfind("\n", 0, index) + 1) + 1)


class _Exhausted(Exception):
    """The value budget ran out: stop building at once."""


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"
