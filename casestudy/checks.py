"""Checks that span more than one field: references, unique ids, minutes, labels, length.

Each check yields (path, message) so the loader can point at the line where the bad value
was written, whether in the outline or in the outline it extends.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from casestudy.labels import EN, placeholders
from casestudy.model import Case, InlineText, exhibit_ids, walk

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str]

SUMMARY_WORDS = (120, 200)
COVERABLE_PARTS = frozenset(
    "summary objectives protagonist organisation sections journey pillars spotlight comparison "
    "lessons outlook quotes questions sources".split()
)
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


def check_case(case: Case) -> list[Finding]:
    """Every cross-field problem of a case that the field types cannot see."""
    return [
        *_unique_ids(case),
        *_references(case),
        *_metric_entities(case),
        *_class_plan(case),
        *_labels(case),
        *_summary_length(case),
    ]


def hint(word: str, choices: set[str] | frozenset[str]) -> str:
    """ "; did you mean 'x'?" when a close choice exists."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def count_words(text: str) -> int:
    """Words for length limits: each CJK character counts as one word."""
    return len(_WORD.findall(text))


def _unique_ids(case: Case) -> Iterator[Finding]:
    lists = {
        "sections": case.sections,
        "pillars": case.pillars,
        "lessons": case.lessons,
        "quotes": case.quotes,
        "questions": case.questions,
        "sources": case.sources,
        "images": case.images,
        "journey": case.journey,
    }
    if case.comparison:
        lists |= {"comparison.entities": case.comparison.entities, "comparison.metrics": case.comparison.metrics}
    for name, items in lists.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id is not None and item.id in seen:
                yield (*name.split("."), i, "id"), f"duplicate id {item.id!r}"
            seen.add(item.id)


def _references(case: Case) -> Iterator[Finding]:
    sources = {s.id for s in case.sources}
    exhibits = exhibit_ids(case)
    targets = {
        "source": ("source", sources),
        "pull_quote": ("quote", {q.id for q in case.quotes}),
        "portrait": ("image", {i.id for i in case.images}),
        "exhibit": ("exhibit", exhibits),
    }
    for loc, value in walk(case):
        if isinstance(value, InlineText):
            for span in value.spans:
                for source_id in span.cites:
                    if source_id not in sources:
                        yield loc, f"unknown source [@{source_id}]{hint(source_id, sources)}"
                if span.ref and span.ref not in exhibits:
                    yield loc, f"unknown exhibit [#{span.ref}]{hint(span.ref, exhibits)}"
        elif isinstance(value, str) and loc and loc[-1] in targets and not _in_labels(loc):
            what, known = targets[loc[-1]]
            if value not in known:
                yield loc, f"unknown {what} id {value!r}{hint(value, known)}"


def _in_labels(loc: Loc) -> bool:
    return loc[:1] == ("labels",)


def _metric_entities(case: Case) -> Iterator[Finding]:
    if not case.comparison:
        return
    entities = {e.id for e in case.comparison.entities}
    for i, metric in enumerate(case.comparison.metrics):
        for key in metric.values:
            if key not in entities:
                yield ("comparison", "metrics", i, "values", key), f"unknown entity {key!r}{hint(key, entities)}"


def _class_plan(case: Case) -> Iterator[Finding]:
    note = case.teaching_note
    total = sum(s.minutes for s in note.class_plan)
    if total != case.meta.session_minutes:
        yield (
            ("teaching_note", "class_plan"),
            f"segments add up to {total} minutes but meta.session_minutes is {case.meta.session_minutes}",
        )
    coverable = set(COVERABLE_PARTS) | {
        item.id for items in (case.sections, case.questions, case.pillars, case.lessons) for item in items
    }
    for i, segment in enumerate(note.class_plan):
        for j, part in enumerate(segment.covers):
            if part not in coverable:
                yield ("teaching_note", "class_plan", i, "covers", j), f"unknown part {part!r}{hint(part, coverable)}"


def _labels(case: Case) -> Iterator[Finding]:
    for key, template in case.labels.items():
        if key not in EN:
            yield ("labels", key), f"unknown label {key!r}{hint(key, set(EN))}"
            continue
        try:
            extra = placeholders(template) - placeholders(EN[key])
        except ValueError:
            yield ("labels", key), "unbalanced { or } (write {{ and }} for literal braces)"
            continue
        if extra:
            allowed = ", ".join(f"{{{p}}}" for p in sorted(placeholders(EN[key]))) or "none"
            yield ("labels", key), f"unknown placeholder {{{sorted(extra)[0]}}} (allowed: {allowed})"


def _summary_length(case: Case) -> Iterator[Finding]:
    words = count_words(case.summary.plain)
    low, high = SUMMARY_WORDS
    if not low <= words <= high:
        yield ("summary",), f"the summary has {words} words; write {low} to {high}"
