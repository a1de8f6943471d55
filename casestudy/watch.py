"""`casestudy watch`: rebuild when the outline, an outline it extends or an asset it uses changes.

Polling, not inotify: it works the same on every system and a case has a handful of files.
`rebuild` shows its own errors, so watching goes on through any of them; Ctrl-C stops it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from casestudy.errors import OutlineError
from casestudy.loader import load_outline

Snapshot = dict[Path, tuple[float, int] | None]


def files_of(outline: Path, previous: set[Path]) -> set[Path]:
    """Every file the outline reads; after an error, the ones it read last time it loaded."""
    try:
        loaded = load_outline(outline)
    except OutlineError:
        return previous | {outline.resolve()}
    return {*loaded.files, *loaded.images.values(), *([loaded.logo] if loaded.logo else []), *loaded.templates}


def snapshot(files: set[Path]) -> Snapshot:
    """Modification time and size of each file (None when it is missing)."""
    out: Snapshot = {}
    for path in files:
        try:
            stat = path.stat()
            out[path] = (stat.st_mtime, stat.st_size)
        except OSError:
            out[path] = None
    return out


def watch(
    outline: Path,
    rebuild: Callable[[], object],
    *,
    interval: float = 0.5,
    cycles: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Call `rebuild` now and whenever a watched file changes; `cycles` bounds the polls (tests)."""
    files = files_of(outline, set())
    seen: Snapshot | None = None
    while cycles is None or cycles > 0:
        current = snapshot(files)
        if current != seen:
            rebuild()
            files = files_of(outline, files)
            seen = baseline(current, files)
        sleep(interval)
        if cycles is not None:
            cycles -= 1


def baseline(before: Snapshot, files: set[Path]) -> Snapshot:
    """The snapshot the next poll compares with.

    Each file as it was when the rebuild began, so that a save made during the build brings
    another build; a file the rebuild found new (an image just added), as it is now.
    """
    found = snapshot(files - before.keys())
    return {path: before[path] if path in before else found[path] for path in files}
