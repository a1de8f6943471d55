"""Build: naming, atomic writes, failure isolation, reproducibility, parallel jobs, watch."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL_CASE

from casestudy import build as build_module
from casestudy import cli
from casestudy.build import build, output_path, share_formats
from casestudy.resources import default_outline
from casestudy.watch import watch
from casestudy.workers import Pool


def write_outline(folder: Path, name: str, text: str = MINIMAL_CASE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fmt, edition, slug, name",
    [
        ("pdf", "participant", None, "x.pdf"),
        ("pptx", "instructor", None, "x-instructor.pptx"),
        ("docx", "participant", None, "x-handout.docx"),
        ("docx", "instructor", None, "x-handout-instructor.docx"),
        ("docx", "participant", "li-wei-2", "handouts/x-handout-li-wei-2.docx"),
    ],
)
def test_output_names(fmt, edition, slug, name):
    assert output_path(Path("out"), "x", fmt, edition, slug) == Path("out") / name


def fake_renderer(payload: bytes, fail_after: bool = False, exc: type[BaseException] = RuntimeError):
    def render(resolved, out, options):
        out.write(payload)
        if fail_after:
            raise exc("renderer broke halfway")
        return 1

    return render


def test_failed_render_leaves_previous_document_untouched(tmp_path, monkeypatch):
    outline = write_outline(tmp_path, "case.yaml")
    monkeypatch.setattr(build_module, "get_renderer", lambda fmt: fake_renderer(b"%PDF good"))
    build([outline], tmp_path / "out", ["pdf"], ["participant"])
    before = (tmp_path / "out" / "case.pdf").read_bytes()
    monkeypatch.setattr(build_module, "get_renderer", lambda fmt: fake_renderer(b"%PDF bad half", fail_after=True))
    report = build([outline], tmp_path / "out", ["pdf"], ["participant"])
    assert report.exit_code == 1 and "renderer broke halfway" in report.failed[0].message
    assert (tmp_path / "out" / "case.pdf").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["case.pdf"]  # no temporary files


def test_interrupt_leaves_no_temporary_file(tmp_path, monkeypatch):
    outline = write_outline(tmp_path, "case.yaml")
    monkeypatch.setattr(build_module, "get_renderer", lambda fmt: fake_renderer(b"x", True, KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        build([outline], tmp_path / "out", ["pdf"], ["participant"])
    assert list((tmp_path / "out").iterdir()) == []


def test_unwritable_output_folder_exits_2(tmp_path, capsys):
    outline = write_outline(tmp_path, "case.yaml")
    (tmp_path / "file").write_text("a file, not a folder")
    assert cli.main(["build", str(outline), "--out", str(tmp_path / "file" / "out")]) == 2
    assert "cannot create the output folder" in capsys.readouterr().err


def test_one_broken_outline_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    good = write_outline(tmp_path, "good.yaml")
    bad = write_outline(tmp_path, "bad.yaml", MINIMAL_CASE.replace("session_minutes: 60", "session_minutes: x"))
    monkeypatch.setattr(build_module, "get_renderer", lambda fmt: fake_renderer(b"doc"))
    code = cli.main(["build", str(bad), str(good), "--out", str(tmp_path / "out"), "--format", "pdf", "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 2
    assert (tmp_path / "out" / "good.pdf").exists() and not (tmp_path / "out" / "bad.pdf").exists()
    assert "bad.yaml:8:20: meta.session_minutes: expected a whole number" in captured.err
    assert "built 1 documents" in captured.err and "1 failed" in captured.err


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("one", "two"):
        shutil.copytree(default_outline().parent, tmp_path / name / "outlines")
        monkeypatch.chdir(tmp_path / name)
        assert cli.main(["build", "outlines/lei-jun-xiaomi.yaml", "--edition", "both", "--jobs", "2"]) == 0
    first, second = digests(tmp_path / "one" / "build"), digests(tmp_path / "two" / "build")
    assert len(first) == 6 and first == second


def test_source_date_epoch_changes_the_documents(tmp_path, monkeypatch):
    outline = default_outline()
    build([outline], tmp_path / "a", ["docx"], ["participant"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    from casestudy.build import load_resolved

    assert load_resolved(outline).timestamp.year == 2023
    build([outline], tmp_path / "b", ["docx"], ["participant"])
    assert digests(tmp_path / "a") != digests(tmp_path / "b")


def test_parallel_build_matches_serial_build(tmp_path):
    outlines = [default_outline()]
    serial = build(outlines, tmp_path / "serial", ["pdf", "docx"], ["participant", "instructor"], workers=1)
    parallel = build(outlines, tmp_path / "parallel", ["pdf", "docx"], ["participant", "instructor"], workers=2)
    assert not serial.failed and not parallel.failed
    assert digests(tmp_path / "serial") == digests(tmp_path / "parallel")


def test_formats_are_shared_among_the_workers_costliest_first():
    """Each writer is imported by one worker where the balance allows: the PDF alone, the deck with the handout."""
    assert share_formats(["pdf", "pptx", "docx"], 2) == [("pdf",), ("pptx", "docx")]
    both = share_formats(["pdf", "pdf", "pptx", "pptx", "docx", "docx"], 2)
    assert sorted(fmt for home in both for fmt in home) == ["docx", "pdf", "pptx"]
    assert share_formats(["docx"] * 100, 2) == [("docx",), ("docx",)]  # one format: both workers help


WARMED: list[int] = []  # in a worker: the home it warmed up for


def warm_up(home: int) -> None:
    WARMED.append(home)


def whose(shared: str, item: str) -> tuple[str, list[int], int]:
    return shared + item, list(WARMED), os.getpid()


def test_workers_warm_up_then_take_the_shared_data_and_the_work_that_suits_them():
    results: dict[str, tuple[str, list[int], int]] = {}
    with Pool(whose, 2, warm=warm_up, suits=lambda home, item: item.startswith(str(home))) as pool:
        pool.run("done ", ["1a", "0a"], results.__setitem__)
    assert {item: done for item, (done, _, _) in results.items()} == {"1a": "done 1a", "0a": "done 0a"}
    assert results["0a"][1] == [0] and results["1a"][1] == [1]  # each item went to the worker warmed for it
    assert results["0a"][2] != results["1a"][2] != os.getpid()


def test_workers_done_with_their_work_exit_on_their_own_not_killed_at_the_deadline():
    """Before: a forked worker held its own copy of the pipe, never saw it close, and every build
    with workers waited 2 s at its end for the kill."""
    with Pool(whose, 2) as pool:
        pool.run("done ", ["a", "b", "c"], lambda item, result: None)
        processes = [worker.process for worker in pool.pool]
    assert [process.exitcode for process in processes] == [0, 0]


def test_workers_that_never_had_work_are_ended_at_once():
    """An outline that fails to load leaves the workers started for it idle: they are killed, not waited for."""
    pool = Pool(whose, 2, warm=warm_up)
    processes = [worker.process for worker in pool.pool]
    pool.close(kill=False)
    assert all(process.exitcode is not None for process in processes)


def test_watch_rebuilds_when_a_file_changes(tmp_path):
    outline = write_outline(tmp_path, "case.yaml")
    builds: list[int] = []

    def touch_once(seconds: float) -> None:
        if len(builds) == 1:
            outline.write_text(MINIMAL_CASE.replace("title: Case", "title: Case two"))
            os.utime(outline, (1, 1))  # a different mtime even on coarse clocks

    watch(outline, lambda: builds.append(1), cycles=4, sleep=touch_once)
    assert len(builds) == 2


def test_watch_rebuilds_after_a_save_made_during_a_build(tmp_path):
    """An edit saved while a build runs (or just after it printed "watching") is not missed."""
    outline = write_outline(tmp_path, "case.yaml")
    builds: list[int] = []

    def rebuild_while_saving() -> None:
        builds.append(1)
        if len(builds) == 1:
            outline.write_text(MINIMAL_CASE.replace("title: Case", "title: Case two"))
            os.utime(outline, (1, 1))

    watch(outline, rebuild_while_saving, cycles=3, sleep=lambda seconds: None)
    assert len(builds) == 2
