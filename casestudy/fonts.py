"""Font files for the theme's families: what the PDF embeds and what slide text is measured with.

Themes name the families Office users know (Arial, Times New Roman, Calibri). Documents for
Word and PowerPoint keep those names; where a file is needed we ask fontconfig for the family
or a metric-compatible substitute (same advance widths, so measured text fits the same):
Liberation Sans for Arial, Liberation Serif for Times New Roman, Carlito for Calibri.
No font file is shipped; a machine without any of them gets `None` and the caller falls back.

East Asian text is named by the fonts Word and PowerPoint have on Windows and macOS (Microsoft
YaHei, DengXian, SimSun). None is installed here, nor need be: every CJK face draws an ideograph
and full-width punctuation one em wide, so Noto Sans CJK SC (Hei) and Noto Serif CJK SC (Song),
else WenQuanYi Zen Hei, measure and print for them.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

METRIC_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "arial": ("Liberation Sans", "Arimo"),
    "helvetica": ("Liberation Sans", "Arimo"),
    "times new roman": ("Liberation Serif", "Tinos"),
    "times": ("Liberation Serif", "Tinos"),
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
    "courier new": ("Liberation Mono", "Cousine"),
    **dict.fromkeys(("microsoft yahei", "dengxian", "pingfang sc"), ("Noto Sans CJK SC", "Source Han Sans SC")),
    **dict.fromkeys(("simsun", "songti sc"), ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")),
}
CJK_FAMILIES = (
    *("Noto Sans CJK SC", "Source Han Sans SC"),
    *("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback"),
)
REGULAR, BOLD = 80, 200  # fontconfig's weights
SERIF_FAMILIES = frozenset(
    ("times new roman", "times", "cambria", "georgia", "garamond", "palatino linotype", "book antiqua", "simsun")
    + ("liberation serif", "tinos", "caladea", "dejavu serif", "songti sc", "noto serif cjk sc")
)


@dataclass(frozen=True)
class FontFile:
    """One face of a family: the file and, for a collection (.ttc), the face's index."""

    family: str
    path: Path
    index: int
    bold: bool
    italic: bool
    cff: bool = False  # PostScript (CFF) outlines, which reportlab cannot embed as they are
    weight: float = REGULAR


def candidates(family: str) -> tuple[str, ...]:
    """The family itself, then its metric-compatible substitutes."""
    return (family, *METRIC_COMPATIBLE.get(family.lower(), ()))


def find_font(family: str, bold: bool = False, italic: bool = False) -> FontFile | None:
    """The installed face of `family` (or a metric-compatible one) closest to bold/italic."""
    faces = _installed()
    for name in candidates(family):
        matches = faces.get(name.lower(), [])
        if matches:
            wanted = BOLD if bold else REGULAR  # of a family's weights, the nearest: DejaVu Sans, not its ExtraLight
            return min(matches, key=lambda f: ((f.bold != bold) * 2 + (f.italic != italic), abs(f.weight - wanted)))
    return None


def find_cjk_font(preferred: str | None = None, truetype_only: bool = False) -> FontFile | None:
    """A face with Chinese glyphs: the theme's choice (or its stand-in), else a common system one."""
    for name in (*((preferred,) if preferred else ()), *CJK_FAMILIES):
        face = find_font(name)
        if face and not (truetype_only and face.cff):
            return face
    return None


def is_serif(family: str) -> bool:
    """Whether a family is a serif (Times New Roman, SimSun): East Asian text beside it is set in a Song face."""
    return family.lower() in SERIF_FAMILIES


@lru_cache(maxsize=1)
def _installed() -> dict[str, list[FontFile]]:
    """Every face fontconfig knows, by lower-cased family name (one `fc-list` call)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return {}
    fmt = "%{file}\t%{index}\t%{family}\t%{weight}\t%{slant}\t%{fontformat}\n"
    try:
        out = subprocess.run([fc_list, "--format", fmt], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    faces: dict[str, list[FontFile]] = {}
    for line in sorted(out.splitlines()):
        parts = line.split("\t")
        if len(parts) != 6 or not parts[0].lower().endswith((".ttf", ".ttc", ".otf")):
            continue
        path, index, families, weight, slant, outlines = parts
        bold = _number(weight) >= 180  # fontconfig: 80 regular, 200 bold
        italic = _number(slant) > 0
        cff = outlines == "CFF"
        for family in families.split(","):
            face = FontFile(family.strip(), Path(path), int(_number(index)), bold, italic, cff, _number(weight))
            faces.setdefault(family.strip().lower(), []).append(face)
    return faces


def _number(text: str) -> float:
    try:
        return float(text.split()[0].strip("[]"))
    except (ValueError, IndexError):
        return 0.0
