"""YAML -> Case: read safely, merge `extends`, validate, check references and assets.

Every problem is collected with the file, line and column where its value was written, and
all of them are raised together as one OutlineError. Nothing here prints or exits.
"""

from __future__ import annotations

import itertools
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pydantic

from casestudy.checks import check_case, hint
from casestudy.errors import Location, OutlineError, Problem, format_path
from casestudy.model import Case
from casestudy.renderers import TEMPLATE_KINDS, template_format
from casestudy.yamlsafe import MAX_PROBLEMS, LocList, LocMap, read_yaml

PROJECT_MARKER = "casestudy.project"
MAX_EXTENDS = 8
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels: a decompression bomb is far larger
REMOVE_KEY = "remove"
# Keys an earlier version of the outline had, and where their content lives now.
MOVED_KEYS = {
    ("objectives",): "learning objectives are instructor material: write them under teaching_note.objectives",
}

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedOutline:
    """A validated case, the files it was read from and the checked asset paths."""

    case: Case
    path: Path
    project: Path
    files: tuple[Path, ...]  # the outline and every outline it extends
    images: dict[str, Path]  # image id -> checked file
    logo: Path | None
    templates: tuple[Path, ...] = ()  # checked company templates, one per format at most


def load_outline(path: str | Path) -> LoadedOutline:
    """Load, merge, validate and check one outline; raise OutlineError with every problem."""
    path = Path(path)
    project = find_project(path)
    reader = _Reader(project)
    data = reader.read(path, chain=())
    if reader.problems or data is None:
        raise _refusal(reader.problems or [Problem(Location(_display(path)), "(outline)", "no outline")])
    if not isinstance(data, LocMap):
        raise OutlineError([Problem(Location(_display(path)), "(outline)", "expected a mapping of sections")])
    try:
        case = Case.model_validate(data)
    except pydantic.ValidationError as exc:
        raise _refusal(_all_problems(data, exc, project)) from None
    problems = [Problem(_where(data, loc), format_path(loc), msg) for loc, msg in check_case(case)]
    images, logo, asset_problems = _check_assets(case, data, project)
    templates, template_problems = _check_templates(case, data, project)
    if problems or asset_problems or template_problems:
        raise _refusal(problems + asset_problems + template_problems)
    return LoadedOutline(case, path, project, tuple(reader.files), images, logo, templates)


def _all_problems(data: LocMap, exc: pydantic.ValidationError, project: Path) -> list[Problem]:
    """The type errors, and the reference and asset problems of every part that could be read."""
    from casestudy.salvage import salvage  # only broken outlines pay for it

    problems = [_problem(data, err) for err in _real_errors(exc.errors())]
    if len(problems) > MAX_PROBLEMS:  # the reader has enough to fix first
        return problems
    readable = salvage(data)
    for loc, message in check_case(readable.case, readable.unread):
        loc = readable.original(loc)
        problems.append(Problem(_where(data, loc), format_path(loc), message))
    problems += _check_assets(readable.case, data, project, readable.original)[2]
    return problems + _check_templates(readable.case, data, project, readable.original)[1]


def _refusal(problems: Iterable[Problem]) -> OutlineError:
    """The first MAX_PROBLEMS problems, and a line where the unlisted ones start: thousands help nobody."""
    listed = list(itertools.islice(problems, MAX_PROBLEMS + 1))
    if len(listed) > MAX_PROBLEMS:
        more = listed.pop()
        listed.append(Problem(more.where, more.path, "more problems from here on are not listed; fix these first"))
    return OutlineError(listed)


def find_project(outline: Path) -> Path:
    """The nearest folder at or above the outline holding `casestudy.project`, else its own."""
    folder = outline.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_MARKER).is_file():
            return candidate
    return folder


def _display(path: Path) -> str:
    """A file name as the user would recognise it: relative to the working folder if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- reading and extends


class _Reader:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.problems: list[Problem] = []
        self.files: list[Path] = []

    def read(self, path: Path, chain: tuple[Path, ...]) -> object:
        resolved = path.resolve()
        self.files.append(resolved)
        data, problems = read_yaml(path, _display(path))
        self.problems += problems
        if not isinstance(data, LocMap) or "extends" not in data:
            return data
        target = data.pop("extends")
        where = data.value_where.pop("extends")
        data.key_where.pop("extends")
        base_path, message = _inside_project(target, path.parent, self.project, "outline")
        if message is None and base_path.resolve() in (*chain, resolved):
            cycle = " -> ".join(p.name for p in (*chain, resolved, base_path.resolve()))
            message = f"extends cycle: {cycle}"
        if message is None and len(chain) >= MAX_EXTENDS:
            message = f"more than {MAX_EXTENDS} outlines extend each other"
        if message:
            self.problems.append(Problem(where, "extends", message))
            return data
        base = self.read(base_path, (*chain, resolved))
        return merge(base, data, self.problems) if isinstance(base, LocMap) else data


def merge(base: object, overlay: object, problems: list[Problem], loc: Loc = ()) -> object:
    """Overlay on base: mappings key by key, lists of id'd items by id, anything else replaces."""
    if isinstance(base, LocMap) and isinstance(overlay, LocMap):
        out = LocMap(overlay.where)
        for source in (base, overlay):
            out.key_where.update(source.key_where)
            out.value_where.update(source.value_where)
        out.update(base)
        for key, value in overlay.items():
            out[key] = merge(base[key], value, problems, loc + (key,)) if key in base else value
        return out
    if isinstance(base, LocList) and isinstance(overlay, LocList) and _all_have_ids(base) and _all_have_ids(overlay):
        return _merge_by_id(base, overlay, problems, loc)
    return overlay


def _all_have_ids(items: LocList) -> bool:
    return bool(items) and all(isinstance(i, LocMap) and isinstance(i.get("id"), str) for i in items)


def _merge_by_id(base: LocList, overlay: LocList, problems: list[Problem], loc: Loc) -> LocList:
    items = list(zip(base, base.item_where, strict=True))
    index = {item["id"]: n for n, item in enumerate(base)}
    removed: set[int] = set()
    for i, (item, where) in enumerate(zip(overlay, overlay.item_where, strict=True)):
        n = index.get(item["id"])
        if str(item.get(REMOVE_KEY, "")).lower() in ("true", "yes"):
            if n is None:
                message = f"no item with id {item['id']!r} to remove{hint(item['id'], set(index))}"
                problems.append(Problem(where, format_path(loc + (i, "id")), message))
            removed.add(n)
        elif n is None:
            items.append((item, where))
        else:
            items[n] = (merge(base[n], item, problems, loc + (n,)), where)
    out = LocList(overlay.where)
    for n, (item, where) in enumerate(items):
        if n not in removed:
            out.append(item)
            out.item_where.append(where)
    return out


def _inside_project(raw: object, folder: Path, project: Path, what: str) -> tuple[Path, str | None]:
    """Resolve a path written in an outline; refuse URLs, absolute paths and escapes."""
    if not isinstance(raw, str) or not raw.strip():
        return folder, f"expected the path of {what} file, relative to this outline"
    if "://" in raw or raw.lower().startswith(("data:", "file:")):
        return folder, "URLs are not allowed (a build never uses the network); copy the file into the project"
    if Path(raw).is_absolute() or PureWindowsPath(raw).is_absolute() or PureWindowsPath(raw).drive:
        return folder, "absolute paths are not allowed; write the path relative to this outline"
    target = folder / raw
    resolved = target.resolve()
    if not resolved.is_relative_to(project):
        return target, (
            f"{raw!r} leads outside the project folder {project}; to share files between folders, put an "
            f"empty file named {PROJECT_MARKER} in the folder that holds them all"
        )
    if not resolved.is_file():
        return target, f"no such file: {raw!r}"
    return target, None


# ---------------------------------------------------------------- assets


def _check_assets(
    case: Case, data: LocMap, project: Path, original: Callable[[Loc], Loc] = lambda loc: loc
) -> tuple[dict[str, Path], Path | None, list[Problem]]:
    """Check every image and the logo; `original` maps a path in `case` to the outline's own."""
    problems: list[Problem] = []
    images: dict[str, Path] = {}
    wanted = [(("images", i, "path"), image.path) for i, image in enumerate(case.images or ()) if image.path]
    if case.theme and case.theme.logo:
        wanted.append((("theme", "logo"), case.theme.logo))
    logo = None
    for loc, raw in wanted:
        where = _where(data, original(loc))
        path, message = _inside_project(raw, Path(where.file).parent if where.file else project, project, "an image")
        message = message or _image_problem(path)
        if message:
            problems.append(Problem(where, format_path(original(loc)), message))
        elif loc[0] == "images":
            images[case.images[loc[1]].id] = path.resolve()
        else:
            logo = path.resolve()
    return images, logo, problems


def _check_templates(
    case: Case, data: LocMap, project: Path, original: Callable[[Loc], Loc] = lambda loc: loc
) -> tuple[tuple[Path, ...], list[Problem]]:
    """Check the company templates the theme names: inside the project, a known kind, one per format.

    Only the paths: the build reads each template once and refuses unsafe content then.
    """
    problems: list[Problem] = []
    found: dict[str, Path] = {}
    for i, raw in enumerate(case.theme.templates if case.theme else ()):
        loc = original(("theme", "templates", i))
        where = _where(data, loc)
        path, message = _inside_project(raw, Path(where.file).parent if where.file else project, project, "a template")
        fmt = template_format(raw) if isinstance(raw, str) else None
        if fmt is None:
            message = f"expected {TEMPLATE_KINDS}"
        elif not message and fmt in found:
            message = f"a second template for the {fmt} format ({found[fmt].name} is the first); name one"
        if message:
            problems.append(Problem(where, format_path(loc), message))
        else:
            found[fmt] = path
    return tuple(found.values()), problems


def _image_problem(path: Path) -> str | None:
    """None for a real PNG or JPEG within the bounds that decodes cleanly, else what is wrong with it.

    Every pixel is decoded now, and anything Pillow warns about (a corrupt EXIF block, a
    truncated file) counts as damage: a writer that meets it later would fail with no line to
    point at, or print a half image.
    """
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"image is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}"
    with path.open("rb") as fh:
        head = fh.read(8)
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        return "not a PNG or JPEG image"
    import warnings

    from PIL import Image  # only outlines with images pay for Pillow

    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we check the size ourselves
            with Image.open(path) as img:
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    return f"image is {width}x{height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels"
                img.getexif()
                img.load()
    except Image.DecompressionBombError:
        return f"image has too many pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels"
    except Exception as exc:  # Pillow raises many types for damaged files
        return f"damaged image: {_sentence(str(exc)) or type(exc).__name__}"
    if warned:
        return f"damaged image: {_sentence(str(warned[0].message))}"
    return None


def _sentence(text: str) -> str:
    """Pillow's message as one clause: "Corrupt EXIF data.  Expecting ..." -> "corrupt EXIF data"."""
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:]


# ---------------------------------------------------------------- locating problems


def _where(data: object, loc: Loc) -> Location:
    """Where the value at `loc` was written: the deepest part of the path that exists."""
    where = getattr(data, "where", Location("?"))
    node = data
    for part in loc:
        if isinstance(node, LocMap) and part in node:
            where, node = node.value_where[part], node[part]
        elif isinstance(node, LocList) and isinstance(part, int) and 0 <= part < len(node):
            where, node = node.item_where[part], node[part]
        else:
            break
    return where


def _problem(data: LocMap, err: dict) -> Problem:
    loc = _clean_loc(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        parent = _value_at(data, loc[:-1])
        key = str(loc[-1])
        where = parent.key_where.get(key, parent.where) if isinstance(parent, LocMap) else _where(data, loc)
        moved = MOVED_KEYS.get(loc)
        message = f"unknown key {key!r}; {moved}" if moved else f"unknown key {key!r}{hint(key, _fields_at(loc[:-1]))}"
        return Problem(where, format_path(loc), message)
    return Problem(_where(data, loc), format_path(loc), _message(err))


def _real_errors(errors: list[dict]) -> list[dict]:
    """Drop "too short" errors that only count the items another error already refused."""
    refused_inside = {e["loc"][:n] for e in errors if e["type"] != "too_short" for n in range(len(e["loc"]))}
    return [e for e in errors if e["type"] != "too_short" or e["loc"] not in refused_inside]


def _clean_loc(loc: tuple) -> Loc:
    """Drop pydantic's internal steps (function-after[...], [key]) from an error path."""
    return tuple(p for p in loc if isinstance(p, int) or not (p.startswith("function-") or p == "[key]"))


def _value_at(data: object, loc: Loc) -> object:
    node = data
    for part in loc:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node


_MESSAGES = {
    "missing": "field required",
    "string_type": "expected text",
    "model_type": "expected a mapping of fields",
    "dict_type": "expected a mapping",
    "tuple_type": "expected a list",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_parsing": "expected true or false",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD",
    "date_parsing": "expected a date as YYYY-MM-DD",
}
_PATTERNS = {
    r"^#[0-9A-Fa-f]{6}$": "expected a colour as #RRGGBB, for example #1F3A5F",
    r"^https?://\S+$": "expected a web address starting with http:// or https://",
}


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx", {})
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind in ("too_long", "too_short") and "actual_length" in ctx:
        if "max_length" in ctx and kind == "too_long":
            limit, bound = ctx["max_length"], "at most"
        else:
            limit, bound = ctx["min_length"], "at least"
        return f"expected {bound} {limit:,} item{'' if limit == 1 else 's'}, got {ctx['actual_length']:,}"
    if kind == "string_too_long":
        return f"text is too long: at most {ctx['max_length']:,} characters"
    if kind == "string_too_short":
        return "text must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        return _PATTERNS.get(pattern, "expected an id: letters, digits and - _ . : (no spaces)")
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    message = message.replace("Input should be", "expected")
    return message[:1].lower() + message[1:]


def _fields_at(loc: Loc) -> set[str]:
    """The field names the model allows at `loc`, for "did you mean" hints."""
    annotation: object = Case
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int) or typing.get_origin(annotation) is dict:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else object
        elif isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else object
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return set(annotation.model_fields)
    return set()


def _unwrap(annotation: object) -> object:
    """Strip Annotated, Optional and tuple[...] down to the item type."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        elif origin is tuple:
            annotation = args[0]
        else:
            return annotation
