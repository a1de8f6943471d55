"""Inline text syntax -> a flat sequence of styled spans, parsed once at load time.

The syntax is deliberately small, so that everything else an instructor types is literal
(`R&D <b>`, `50%`, `{x}`, `雷军` are characters, never markup):

    **strong**          *emphasis*            [label](https://example.com)
    [@source-id]        [@a; @b]  (citations, numbered in the endnotes)
    [#exhibit-id]       (a reference that prints as "Exhibit 3")
    \\*  \\[  \\\\       (a backslash makes the next punctuation character literal)

An unmatched `*` or `[` is literal. The result is the inline tree flattened into spans,
because reportlab, Word and PowerPoint all think in runs: each span carries its styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINK_SCHEMES = ("http://", "https://", "mailto:")
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
_CITE = re.compile(rf"\[@({ID_PATTERN}(?:\s*;\s*@{ID_PATTERN})*)\]")
_REF = re.compile(rf"\[#({ID_PATTERN})\]")
_LINK = re.compile(r"\[([^\]\n]{1,2000})\]\(([^)\s]{1,2000})\)")  # bounded: each `[` costs at most 4,000 steps
MAX_NESTING = 8  # spans inside spans; deeper `*` are literal (a row of 3,000 `*` once overflowed the stack)
_ESCAPABLE = set("\\*[]()#@_`")


class InlineSyntaxError(ValueError):
    """Raised for inline markup that is well formed but not allowed (a link to a file)."""


@dataclass(frozen=True, slots=True)
class Span:
    """One run of text with its styles; exactly one of text, cites and ref is meaningful."""

    text: str = ""
    strong: bool = False
    emph: bool = False
    href: str | None = None
    cites: tuple[str, ...] = ()
    ref: str | None = None


def parse_inline(source: str) -> tuple[Span, ...]:
    """Parse `source` into spans; adjacent spans of the same style are merged."""
    spans: list[Span] = []
    _parse(source, strong=False, emph=False, href=None, out=spans)
    return tuple(_merge(spans))


def plain_text(spans: tuple[Span, ...]) -> str:
    """The characters a reader sees, with citations and references left out."""
    return "".join(span.text for span in spans)


def _parse(src: str, *, strong: bool, emph: bool, href: str | None, out: list[Span], depth: int = 0) -> None:
    buf: list[str] = []
    closers = _Closers(src)
    last_bracket_close = src.rfind("]")

    def flush() -> None:
        if buf:
            out.append(Span("".join(buf), strong, emph, href))
            buf.clear()

    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "\\" and i + 1 < len(src) and src[i + 1] in _ESCAPABLE:
            buf.append(src[i + 1])
            i += 2
            continue
        nest = depth < MAX_NESTING
        if nest and src.startswith("**", i):
            end = closers.find(i + 2, "**")
            if end > i + 2:
                flush()
                _parse(src[i + 2 : end], strong=True, emph=emph, href=href, out=out, depth=depth + 1)
                i = end + 2
                continue
        elif nest and ch == "*" and i + 1 < len(src) and not src[i + 1].isspace():
            end = closers.find(i + 1, "*")
            if end > i + 1:
                flush()
                _parse(src[i + 1 : end], strong=strong, emph=True, href=href, out=out, depth=depth + 1)
                i = end + 1
                continue
        elif ch == "[" and i < last_bracket_close:  # no `]` after it: literal, without trying each pattern
            consumed = _bracket(src, i, strong, emph, href, flush, out, depth)
            if consumed:
                i = consumed
                continue
        buf.append(ch)
        i += 1
    flush()


def _bracket(src, i, strong, emph, href, flush, out, depth) -> int:
    """Parse a citation, reference or link at `i`; return the index after it, or 0."""
    if m := _CITE.match(src, i):
        flush()
        ids = tuple(part.strip().lstrip("@") for part in m.group(1).split(";"))
        out.append(Span(strong=strong, emph=emph, cites=ids))
        return m.end()
    if m := _REF.match(src, i):
        flush()
        out.append(Span(strong=strong, emph=emph, ref=m.group(1)))
        return m.end()
    # a link's label ends at the first `]`, so look there (fast) before running the pattern (slow)
    if href is None and src.startswith("](", src.find("]", i)) and (m := _LINK.match(src, i)):
        url = m.group(2)
        if not url.lower().startswith(LINK_SCHEMES):
            shown = url if len(url) <= 80 else url[:80] + "..."
            raise InlineSyntaxError(f"link target {shown!r} must start with http://, https:// or mailto:")
        flush()
        _parse(m.group(1), strong=strong, emph=emph, href=url, out=out, depth=depth + 1)
        return m.end()
    return 0


class _Closers:
    """Finds the `*` or `**` that closes a span, in linear time over a whole string.

    The scan from a position depends only on that position, so every position a failed scan
    passed is remembered as dead: a line of unclosed `*` then costs one pass, not one pass per
    `*` (a hostile 20,000-character paragraph took seconds to parse before).
    """

    def __init__(self, src: str) -> None:
        self.src = src
        self.dead: dict[str, set[int]] = {"*": set(), "**": set()}

    def find(self, start: int, delim: str) -> int:
        """Index of the next unescaped `delim` that can close a span opened before `start`, or -1."""
        src, dead = self.src, self.dead[delim]
        visited: list[int] = []
        i = start
        while i < len(src) and i not in dead:
            visited.append(i)
            if src[i] == "\\":
                i += 2
                continue
            if src.startswith(delim, i) and not src[i - 1].isspace():
                run = _star_run(src, i)
                if delim == "**" and run > 2:
                    return i + run - 2  # "***" closes emphasis inside, then strong
                if delim == "*" and run >= 2:
                    inner = self.find(i + 2, "**")
                    if inner > 0:
                        i = inner + 2
                        continue
                return i
            i += 1
        dead.update(visited)
        return -1


def _star_run(src: str, i: int) -> int:
    """How many `*` follow one another from `i` (without copying the rest of the string)."""
    end = i
    while end < len(src) and src[end] == "*":
        end += 1
    return end - i


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and span.text
            and prev.text
            and (prev.strong, prev.emph, prev.href) == (span.strong, span.emph, span.href)
        ):
            merged[-1] = Span(prev.text + span.text, span.strong, span.emph, span.href)
        else:
            merged.append(span)
    return merged
