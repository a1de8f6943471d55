"""The inline syntax: a few marks become styles; everything else stays literal."""

from __future__ import annotations

import pytest

from casestudy.inline import InlineSyntaxError, Span, parse_inline, plain_text


@pytest.mark.parametrize(
    "source, spans",
    [
        ("R&D <b>bold</b> 50% {x}", [Span("R&D <b>bold</b> 50% {x}")]),
        ("a **strong** b", [Span("a "), Span("strong", strong=True), Span(" b")]),
        ("an *emphasis*", [Span("an "), Span("emphasis", emph=True)]),
        ("**bold *both***", [Span("bold ", strong=True), Span("both", strong=True, emph=True)]),
        ("see [site](https://x.org/a_b)", [Span("see "), Span("site", href="https://x.org/a_b")]),
        ("fact [@src]", [Span("fact "), Span(cites=("src",))]),
        ("facts [@a; @b-2]", [Span("facts "), Span(cites=("a", "b-2"))]),
        ("in [#comparison].", [Span("in "), Span(ref="comparison"), Span(".")]),
        (r"2 \* 3 \[@x]", [Span("2 * 3 [@x]")]),
        ("5 * 3 * 2", [Span("5 * 3 * 2")]),
        ("unclosed **bold", [Span("unclosed **bold")]),
        ("[not a link] [@ bad id]", [Span("[not a link] [@ bad id]")]),
        ("雷军 🚗 *小米*", [Span("雷军 🚗 "), Span("小米", emph=True)]),
    ],
)
def test_parse(source, spans):
    assert list(parse_inline(source)) == spans


def test_plain_text_leaves_out_citations():
    assert plain_text(parse_inline("Founded 2010 [@ipo] in **Beijing**.")) == "Founded 2010  in Beijing."


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "../x.html"])
def test_links_must_be_web_or_mail(url):
    with pytest.raises(InlineSyntaxError):
        parse_inline(f"[x]({url})")
