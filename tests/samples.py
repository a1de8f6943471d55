"""Sample outlines for tests and for looking at documents: the stress outline, written anywhere.

`python tests/samples.py DIR` writes `DIR/stress.yaml` (the default case pushed to the limits a
renderer must meet) and a `casestudy.project` marker, so `casestudy build DIR/stress.yaml`
builds it for a preview.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import yaml

from casestudy.resources import default_outline

LONG_WORD = "Supercalifragilistic" * 20  # 400 characters, no break opportunity
TITLE_WORD = LONG_WORD[:120]  # the longest unbreakable word a title (200 characters at most) leaves room for
MARKUP_TEXT = "R&D <b>not bold</b> 50% {x} & <link href='x'>雷军 小米 🚗 café"


def at_length(words: str, length: int) -> str:
    """`words` repeated and cut to `length` characters (ending on a letter, as the loader strips spaces)."""
    return (words * (length // len(words) + 1))[:length].rstrip() or words


def stress(data: dict) -> None:
    """The hardest outline the limits allow a renderer to meet: many, long and odd items."""
    data["meta"].update(
        title=at_length("A title as long as a title may be ", 200),
        subtitle=at_length("and a subtitle as long as that too ", 200),
        authors=[at_length(f"Author {i} of a committee with a long name, ", 120) for i in range(20)],
        institution=at_length("An institution with a long name ", 200),
        audience=at_length("An audience described at length ", 200),
        usage=at_length("A usage note as long as it may be ", 200),
        copyright=at_length("A copyright line at its limit ", 200),
    )
    base_lesson = data["lessons"][0]
    data["lessons"] = [
        {
            **base_lesson,
            "id": f"lesson-{i}",
            "title": f"Lesson {i}: {MARKUP_TEXT}" + (f" {TITLE_WORD}" if i == 3 else ""),
        }
        for i in range(12)
    ]
    base_milestone = data["journey"][0]
    data["journey"] = [
        {**base_milestone, "id": f"m-{i}", "date": str(1960 + i), "title": f"Milestone {i} {MARKUP_TEXT[:20]}"}
        for i in range(60)
    ]
    base_pillar = data["pillars"][0]
    data["pillars"] = [{**base_pillar, "id": f"pillar-{i}", "title": f"Pillar {i} {LONG_WORD[:60]}"} for i in range(8)]
    long_paragraph = " ".join([MARKUP_TEXT] * 150)
    data["sections"][0]["heading"] = f"A heading with {TITLE_WORD}"
    data["sections"][0]["paragraphs"] = [long_paragraph, LONG_WORD, *data["sections"][0]["paragraphs"]]
    data["questions"][0]["question"] = f"{MARKUP_TEXT} {LONG_WORD}?"
    slide_line = ((MARKUP_TEXT + " ") * 3)[:119] + "."  # slide text at its 120-character limit
    slide = {"headline": slide_line, "points": [slide_line] * 4}
    data["sections"][1]["slide"] = slide
    data["outlook_slide"] = slide
    data["teaching_note"]["class_plan"][0]["slide"] = slide


def write_stress(folder: Path) -> Path:
    """Write the stress outline into `folder` (created) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "casestudy.project").touch()
    data = yaml.safe_load(default_outline().read_text(encoding="utf-8"))
    stress(data)
    path = folder / "stress.yaml"
    # Never wrapped: the loader joins a line break between two CJK characters without a space.
    text = yaml.safe_dump(copy.deepcopy(data), allow_unicode=True, sort_keys=False, width=100_000)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_stress(Path(sys.argv[1] if len(sys.argv) > 1 else "build/samples")))
