"""What stays together on a page: tables broken only between rows, and exhibits kept whole or set at a page's top.

Print rules, as a case editor applies them:

- a table breaks only between rows, with at least two rows on each side of the break
  (`RowTable`), and its header row repeated;
- an exhibit's title, body and source line stay on one page (`ExhibitBlock`). An exhibit that
  does not fit in what is left of a page but fits on a page of its own is held back and set at
  the top of the next page, while the text after it fills the rest of this one (a float, as in
  a printed book: the text says "Exhibit 3", so the reader finds it); `Hold` asks the document
  template to do so. An exhibit longer than a page breaks inside its body: its title stays with
  the body's first lines, every later page opens with "Exhibit N (continued)", and the source
  line goes with the body's last lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import ActionFlowable, Flowable, FrameBreak, Table

MIN_ROWS = 2  # rows of a table on each side of a page break
UNBOUNDED = 10**7  # points: the height offered to measure a flowable in full
FUZZ = 0.5  # points: rounding between a measure and the frame's own


class RowTable(Table):
    """A table that breaks only between rows, leaving at least two rows (under its repeated header) on each side.

    reportlab's own split fills the page with as many rows as fit, so a table could leave one
    row at the foot of a page, or carry one row alone under its header to the next.
    """

    def __init__(self, data: Sequence[Sequence[object]], *args: object, **kwargs: object) -> None:
        super().__init__(data, *args, **kwargs)
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        self.body_rows = len(data) - header

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if self.splitInRow or len(parts) != 2:  # rows taller than a page may split inside: nothing else fits
            return parts
        first, rest = parts
        while rest.body_rows < MIN_ROWS and first.body_rows > MIN_ROWS:  # carry a row over
            parts = super().split(availWidth, first.wrap(availWidth, availHeight)[1] - FUZZ)
            if len(parts) != 2:
                return []
            first, rest = parts
        return [first, rest] if min(first.body_rows, rest.body_rows) >= MIN_ROWS else []


def measure(flowables: Sequence[Flowable], width: float) -> float:
    """The height `flowables` take in a column `width` wide, with the space above and below each."""
    return sum(f.wrap(width, UNBOUNDED)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def take(flowables: Sequence[Flowable], width: float, room: float) -> tuple[list[Flowable], list[Flowable]]:
    """What of `flowables` fits in `room` points, and what is left: whole ones, then the first part of a split one."""
    for i, flowable in enumerate(flowables):
        height = measure([flowable], width)
        if height <= room:
            room -= height
            continue
        pieces = flowable.split(width, room - flowable.getSpaceBefore() - FUZZ)
        if len(pieces) >= 2 and not isinstance(pieces[0], ActionFlowable):
            return [*flowables[:i], pieces[0]], [*pieces[1:], *flowables[i + 1 :]]
        return list(flowables[:i]), list(flowables[i:])
    return list(flowables), []


class ExhibitBlock(Flowable):
    """An exhibit laid out as a unit: its head (anchor, rule, title), body and foot (notes, source line).

    Always asked to split (as reportlab's KeepTogether is), so it decides where its parts go.
    `continued` makes the "Exhibit 4 (continued)" caption that heads a continuation page;
    `page_height` is the frame's full height, which tells a fresh page from the rest of one.
    """

    def __init__(
        self,
        head: Sequence[Flowable],
        body: Sequence[Flowable],
        foot: Sequence[Flowable],
        continued: Callable[[], Flowable],
        page_height: float,
        floating: bool = True,
    ) -> None:
        super().__init__()
        self.head, self.body, self.foot = list(head), list(body), list(foot)
        self.continued = continued
        self.page_height = page_height
        self.floating = floating

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, UNBOUNDED

    def placed(self) -> ExhibitBlock:
        """The same exhibit, set where it falls: no longer held back."""
        return ExhibitBlock(self.head, self.body, self.foot, self.continued, self.page_height, floating=False)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        whole = [*self.head, *self.body, *self.foot]
        height = measure(whole, availWidth)
        if height <= availHeight:
            return whole
        fresh_page = availHeight >= self.page_height - FUZZ
        if height <= self.page_height and not fresh_page:
            return [Hold(self.placed())] if self.floating else [FrameBreak(), self.placed()]
        first, rest = self._divide(availWidth, availHeight)
        if not first:  # not even the body's first lines fit under the title
            return whole if fresh_page else [FrameBreak(), self.placed()]
        following = ExhibitBlock([self.continued()], rest, self.foot, self.continued, self.page_height, False)
        return [*self.head, *first, FrameBreak(), following]

    def _divide(self, width: float, height: float) -> tuple[list[Flowable], list[Flowable]]:
        """The body's part on this page and the rest, which the source line follows to the next page."""
        room = height - measure(self.head, width)
        first, rest = take(self.body, width, room)
        if first and not rest:  # all the body fits, but not its source line too: carry the body's end over
            first, rest = take(self.body, width, room - measure(self.foot, width))
        return first, rest


class Hold(ActionFlowable):
    """Asks the document template to set `block` at the top of the next page, letting the text after it pass."""

    def __init__(self, block: ExhibitBlock) -> None:
        super().__init__(("hold", block))


SCALES = tuple(1 - step / 20 for step in range(11))  # 100 % down to 50 %, in steps of 5 %


class FitToFrame(Flowable):
    """Content made for the frame, or made for a wider frame and drawn smaller, so that all of it fits the frame.

    `make(width)` lays the content out for `width`; made wider and drawn at the scale that
    brings it back to the frame's width, tables fill the frame as they would at full size.
    """

    def __init__(self, make: Callable[[float], list[Flowable]]) -> None:
        super().__init__()
        self.make = make

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        for scale in SCALES:
            self.scale, self.room = scale, availWidth / scale
            self.content = self.make(self.room)
            self.full_height = measure(self.content, self.room)
            if self.full_height * scale <= availHeight:
                break
        return availWidth, self.full_height * self.scale

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        y = self.full_height
        for flowable in self.content:
            width, height = flowable.wrap(self.room, UNBOUNDED)
            y -= flowable.getSpaceBefore() + height
            flowable.drawOn(self.canv, 0, y, _sW=self.room - width)
            y -= flowable.getSpaceAfter()
        self.canv.restoreState()
