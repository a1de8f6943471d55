"""Personalised handouts: one Word handout per roster participant, from one resolved outline.

The outline is loaded and resolved once by the caller; each handout is written atomically to
`DIR/handouts/STEM-handout-SLUG.docx` (`-instructor` before the extension for that edition).
`casestudy build --roster` reaches the same jobs through `casestudy.build.build`, in workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from casestudy.build import Built, plan_jobs, render_document
from casestudy.options import Edition
from casestudy.resolve import ResolvedCase
from casestudy.roster import read_roster


def build_handouts(
    resolved: ResolvedCase,
    outline: Path,
    out_dir: Path,
    roster_path: Path,
    editions: Sequence[Edition] = ("participant",),
    template: Path | None = None,
) -> list[Built]:
    """Write every participant's handout in each edition; roster mistakes raise OutlineError first."""
    participants = read_roster(roster_path)
    jobs = plan_jobs(outline, out_dir, (), editions, template, participants)
    return [render_document(resolved, job) for job in jobs]
