"""Checks that span more than one field: references, unique ids, minutes, labels, length.

Each check yields (path, message) so the loader can point at the line where the bad value
was written, whether in the outline or in the outline it extends.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from casestudy.labels import CATEGORY, EN, placeholders
from casestudy.model import Case, InlineText, PartialDate, exhibit_ids, walk
from casestudy.scripts import CJK_CHARACTERS_PER_WORD, count_words, is_cjk

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str]

SUMMARY_WORDS = (120, 200)
COVERABLE_PARTS = frozenset(
    "summary objectives protagonist organisation sections decision journey pillars spotlight comparison "
    "lessons outlook quotes questions sources epilogue".split()
)
_COVERABLE_LISTS = ("sections", "questions", "pillars", "lessons")  # whose ids a segment may cover


@dataclass(frozen=True)
class Unread:
    """What an outline with type errors left unread (see `casestudy.salvage`).

    `ids`: list name ("sources", "comparison.entities") -> ids of items that failed their
    types, which references may still name. `lists`: dotted names of parts that could not be
    read (a whole list, or a field of its items, "sources.id"): nothing is judged against them.
    """

    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    lists: frozenset[str] = frozenset()

    def known(self, name: str, present: set[str]) -> set[str] | None:
        """The ids a reference into list `name` may name; None when that cannot be known."""
        if self.lost(name) or self.lost(f"{name}.id"):
            return None
        return present | self.ids.get(name, frozenset())

    def lost(self, name: str) -> bool:
        """Whether the part `name` itself, or a part holding it, could not be read."""
        return any(n == name or name.startswith(n + ".") for n in self.lists)

    def touched(self, name: str) -> bool:
        """Whether anything in the part `name` could not be read."""
        return self.lost(name) or any(n.startswith(name + ".") for n in self.lists)


def check_case(case: Case, unread: Unread = Unread()) -> list[Finding]:
    """Every cross-field problem of a case that the field types cannot see.

    A case read from an outline with type errors has None where a value failed; `unread` says
    what is missing, and no check reports what only the missing parts would explain.
    """
    return [
        *_unique_ids(case),
        *_references(case, unread),
        *_metric_entities(case, unread),
        *_class_plan(case, unread),
        *_question_minutes(case, unread),
        *_case_date(case, unread),
        *_labels(case),
        *_summary_length(case),
    ]


def hint(word: str, choices: set[str] | frozenset[str]) -> str:
    """ "; did you mean 'x'?" when a close choice exists."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


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
    if case.decision:
        lists["decision.options"] = case.decision.options
    for name, items in lists.items():
        seen: set[str] = set()
        for i, item in enumerate(items or ()):
            if item.id is not None and item.id in seen:
                yield (*name.split("."), i, "id"), f"duplicate id {item.id!r}"
            seen.add(item.id)


def _references(case: Case, unread: Unread) -> Iterator[Finding]:
    sources = unread.known("sources", {s.id for s in case.sources or ()})
    exhibits = _exhibits(case, unread)
    targets = {
        "source": ("source", sources),
        "pull_quote": ("quote", unread.known("quotes", {q.id for q in case.quotes or ()})),
        "portrait": ("image", unread.known("images", {i.id for i in case.images or ()})),
        "exhibit": ("exhibit", exhibits),
    }
    for loc, value in walk(case):
        if isinstance(value, InlineText):
            for span in value.spans:
                for source_id in span.cites:
                    if sources is not None and source_id not in sources:
                        yield loc, f"unknown source [@{source_id}]{hint(source_id, sources)}"
                if span.ref and exhibits is not None and span.ref not in exhibits:
                    yield loc, f"unknown exhibit [#{span.ref}]{hint(span.ref, exhibits)}"
        elif isinstance(value, str) and loc and loc[-1] in targets and not _in_labels(loc):
            what, known = targets[loc[-1]]
            if known is not None and value not in known:
                yield loc, f"unknown {what} id {value!r}{hint(value, known)}"


def _exhibits(case: Case, unread: Unread) -> set[str] | None:
    """The exhibit ids references may name; None when a part that gives them could not be read."""
    if any(unread.lost(part) for part in ("journey", "spotlight", "comparison", "images")):
        return None
    return unread.known("images", exhibit_ids(case))


def _in_labels(loc: Loc) -> bool:
    return loc[:1] == ("labels",)


def _metric_entities(case: Case, unread: Unread) -> Iterator[Finding]:
    if not case.comparison:
        return
    entities = unread.known("comparison.entities", {e.id for e in case.comparison.entities or ()})
    if entities is None:
        return
    for i, metric in enumerate(case.comparison.metrics or ()):
        for key in metric.values or {}:
            if key not in entities:
                yield ("comparison", "metrics", i, "values", key), f"unknown entity {key!r}{hint(key, entities)}"


def _class_plan(case: Case, unread: Unread) -> Iterator[Finding]:
    if unread.touched("teaching_note.class_plan") or unread.lost("meta.session_minutes"):
        return
    note = case.teaching_note
    total = sum(s.minutes for s in note.class_plan)
    if total != case.meta.session_minutes:
        yield (
            ("teaching_note", "class_plan"),
            f"segments add up to {total} minutes but meta.session_minutes is {case.meta.session_minutes}",
        )
    known = [unread.known(name, {item.id for item in getattr(case, name) or ()}) for name in _COVERABLE_LISTS]
    if None in known:
        return
    coverable = set(COVERABLE_PARTS).union(*known)
    for i, segment in enumerate(note.class_plan):
        for j, part in enumerate(segment.covers):
            if part not in coverable:
                yield ("teaching_note", "class_plan", i, "covers", j), f"unknown part {part!r}{hint(part, coverable)}"


def _question_minutes(case: Case, unread: Unread) -> Iterator[Finding]:
    """The questions a segment covers must fit in its minutes, and all questions in the session."""
    if unread.touched("teaching_note.class_plan") or unread.touched("questions"):
        return
    minutes = {q.id: q.minutes for q in case.questions or () if q.minutes}
    overfull = False
    for i, segment in enumerate(case.teaching_note.class_plan):
        covered = [(part, minutes[part]) for part in dict.fromkeys(segment.covers) if part in minutes]
        needed = sum(m for _, m in covered)
        if needed > segment.minutes:
            overfull = True
            listed = ", ".join(f"{part} {m}" for part, m in covered)
            yield (
                ("teaching_note", "class_plan", i),
                f"the questions this segment covers take {needed} minutes ({listed}) but the segment has "
                f"{segment.minutes}",
            )
    total = sum(minutes.values())
    if not overfull and not unread.lost("meta.session_minutes") and total > case.meta.session_minutes:
        yield (
            ("questions",),
            f"the questions take {total} minutes in all but meta.session_minutes is {case.meta.session_minutes}",
        )


def _case_date(case: Case, unread: Unread) -> Iterator[Finding]:
    """The case is not set after it was written, and its journey stops at the date it is set."""
    if case.meta is None or unread.touched("meta"):
        return
    set_at, written = case.meta.set_at, case.meta.date
    if case.meta.set_in is not None and _first_day(set_at) > written:
        yield ("meta", "set_in"), f"the case is set after it was written (meta.date is {written.isoformat()})"
        return
    if unread.touched("journey"):
        return
    for i, milestone in enumerate(case.journey or ()):
        if _first_day(milestone.date) > _last_day(set_at):
            where = "meta.set_in" if case.meta.set_in is not None else "meta.date"
            yield (
                ("journey", i, "date"),
                f"{milestone.date} is after the date the case is set at ({where}: {set_at}); "
                "tell what happened later in teaching_note.epilogue",
            )


def _first_day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def _last_day(date: PartialDate) -> dt.date:
    if date.day:
        return dt.date(date.year, date.month, date.day)
    if date.month:
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(date.year, 12, 31)


def _labels(case: Case) -> Iterator[Finding]:
    for key, template in (case.labels or {}).items():
        if key.startswith(CATEGORY) and key not in EN:  # a timeline category of the outline's own
            known = ""
        elif key not in EN:
            yield ("labels", key), f"unknown label {key!r}{hint(key, set(EN))}"
            continue
        else:
            known = EN[key]
        try:
            extra = placeholders(template) - placeholders(known)
        except ValueError:
            yield ("labels", key), "unbalanced { or } (write {{ and }} for literal braces)"
            continue
        if extra:
            allowed = ", ".join(f"{{{p}}}" for p in sorted(placeholders(known))) or "none"
            yield ("labels", key), f"unknown placeholder {{{sorted(extra)[0]}}} (allowed: {allowed})"


def _summary_length(case: Case) -> Iterator[Finding]:
    if case.summary is None:
        return
    text = case.summary.plain
    words = count_words(text)
    low, high = SUMMARY_WORDS
    if not low <= words <= high:
        cjk = any(map(is_cjk, text))
        how = f" (Chinese and Japanese text at {CJK_CHARACTERS_PER_WORD} characters a word)" if cjk else ""
        yield ("summary",), f"the summary has {words:.0f} words{how}; write {low} to {high}"
