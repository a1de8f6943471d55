"""Outline text as a slide shows it: no citation markers, a paragraph's lead sentence, names kept whole.

A slide carries what a room reads; the notes carry the full text with its numbered citations.
"""

from __future__ import annotations

import re
from dataclasses import replace

from casestudy import linebreak, scripts
from casestudy.inline import Span, plain_text
from casestudy.model import InlineText
from casestudy.renderers.pptx.spec import Inline
from casestudy.resolve import ResolvedCase

LEAD_CHARS = 220  # a lead sentence longer than this is cut at a word, with "…": about three lines at 24 pt
WORD_JOINER = "\u2060"  # no line break on either side: keeps a CJK name on one line


def literal(text: str) -> Inline:
    """Plain words (a label, a name) as inline text."""
    return (Span(text),) if text else ()


def slide_spans(resolved: ResolvedCase, text: InlineText | str | None) -> Inline:
    """Text as styled spans for a slide: exhibit references printed, citation markers left out.

    The space before a dropped marker goes with it ("Hubei [3]." reads "Hubei."); neighbouring
    spans of one style are merged.
    """
    if text is None:
        return ()
    if isinstance(text, str):
        return literal(text)
    out: list[Span] = []
    for span in text.spans:
        if span.cites:
            if out:
                out[-1] = replace(out[-1], text=out[-1].text.rstrip())
            continue
        printed = Span(resolved.span_text(span), span.strong, span.emph, span.href)
        if out and (out[-1].strong, out[-1].emph, out[-1].href) == (span.strong, span.emph, span.href):
            printed = replace(printed, text=out.pop().text + printed.text)
        if printed.text:
            out.append(printed)
    return tuple(s for s in out if s.text)


def lead(spans: Inline, limit: int = LEAD_CHARS) -> Inline:
    """The first sentence of marked-up text, cut at a word near `limit` characters with "…" when longer.

    The cut is found in the plain text and applied to the spans, so a bold or linked opening
    stays bold or linked; "…" takes the style of the last character kept.
    """
    start, end, cut = _lead_bounds(plain_text(spans), limit)
    kept, at = [], 0
    for span in spans:
        lo, hi = max(start, at), min(end, at + len(span.text))
        if lo < hi:
            kept.append(replace(span, text=span.text[lo - at : hi - at]))
        at += len(span.text)
    if cut and kept:
        kept[-1] = replace(kept[-1], text=kept[-1].text + "…")
    return tuple(kept)


def _lead_bounds(text: str, limit: int) -> tuple[int, int, bool]:
    """Where the lead of `text` starts and ends, and whether it is cut short (then "…" follows)."""
    match = re.search(r"(?<=[.!?])[\"”’)]*(?=\s)|(?<=[。！？])[”’」』）]*", text)
    start, end = 0, len(text)
    if match:
        first = text[: match.end()]
        start, end = len(first) - len(first.lstrip()), len(first.rstrip())
    first = text[start:end]
    if len(first) <= limit:
        return start, end, False
    cut = first[:limit].rsplit(" ", 1)[0] if " " in first[:limit] else first[:limit]
    if len(cut) < limit // 2:
        cut = first[:limit]
    return start, start + len(cut.rstrip(" ,;:")), True


def is_cjk(char: str) -> bool:
    """Han, kana and Hangul: the scripts a line may break between any two characters of."""
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\U00020000" <= char <= "\U0003134f"


def joined(name: str) -> str:
    """`name` with a word joiner between its CJK characters, so no line breaks inside it ("小米集/团")."""
    out = []
    for i, char in enumerate(name):
        if i and is_cjk(char) and is_cjk(name[i - 1]):
            out.append(WORD_JOINER)
        out.append(char)
    return "".join(out)


def display_name(name: str, native: str | None) -> str:
    """A name with its native form as a slide shows it: "Lei Jun（雷军）".

    Brackets around Chinese text are full-width (clreq): Latin ones beside CJK characters get the
    quarter-em gap LibreOffice and Word put between Latin and CJK text, and read "( 雷军 )".
    A native name in a Latin script keeps the shared form, "Name (Native)".
    """
    if not native:
        return name
    if any(map(is_cjk, native)):
        return f"{name}（{native}）"
    return f"{name} ({native})"


def unbreakable_names(resolved: ResolvedCase) -> tuple[tuple[str, str], ...]:
    """The case's CJK names (protagonist, organisation) and their forms no line breaks inside, longest first."""
    people = (resolved.case.protagonist, resolved.case.organisation)
    names = {n for who in people for n in (who.name, who.native_name) if n and any(map(is_cjk, n))}
    return tuple((name, joined(name)) for name in sorted(names, key=len, reverse=True))


def keep_whole(text: str, names: tuple[tuple[str, str], ...]) -> str:
    """`text` with each of `names` in its unbreakable form."""
    for name, whole in names:
        text = text.replace(name, whole)
    return text


def phrases_joined(spans: Inline) -> Inline:
    """Spans with a word joiner between the CJK characters of each phrase (`casestudy.linebreak`).

    PowerPoint and LibreOffice break Chinese between any two characters; a joiner is the one
    way slide text can tell them not to, so a line ends between words ("智能 / 电动汽车"), and
    the deck's fitting, which reads the same joiners, predicts the same lines. Phrases are found
    in the whole text, across spans of different styles.
    """
    text = "".join(s.text for s in spans)
    if not any(map(scripts.is_cjk, text)):
        return spans  # `inside_phrases` joins only CJK characters (`scripts.is_cjk`): BudouX has nothing to say
    inside = linebreak.inside_phrases(text)
    if not inside:
        return spans
    out, at = [], 0
    for span in spans:
        chars = [WORD_JOINER + c if at + i in inside else c for i, c in enumerate(span.text)]
        out.append(replace(span, text="".join(chars)))
        at += len(span.text)
    return tuple(out)
