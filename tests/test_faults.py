"""Issue 17, row by row: interrupts, kills, collisions and long names lose nothing and leave nothing.

The signal tests run the real command in a child process and signal it at chosen moments,
found by polling (a temporary file appears, a document changes), never by fixed delays alone:
the machine may be loaded. Their bounds are generous; the behaviour they check is not timing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_CASE

from casestudy import build as build_module
from casestudy import cli, workers
from casestudy.build import build, remove_stale_temporaries, temporary_name
from casestudy.resources import default_outline

LINUX = Path("/proc/self/stat").exists()
needs_proc = pytest.mark.skipif(not LINUX, reason="reads processes from /proc")
OLD = b"the document of an earlier build"
BOUND = 60.0  # seconds: anything slower than this is a hang, however loaded the machine


# ---------------------------------------------------------------- helpers


@pytest.fixture(autouse=True)
def signals_not_ignored():
    """Children inherit an ignored signal, and casestudy keeps a signal its caller ignores (as
    `nohup` and `command &` in a script ask). CI may run the tests so: give the children defaults."""
    previous = {signal.SIGINT: signal.getsignal(signal.SIGINT), signal.SIGTERM: signal.getsignal(signal.SIGTERM)}
    defaults = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
    for signum, handler in previous.items():
        if handler is signal.SIG_IGN:
            signal.signal(signum, defaults[signum])
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def wait_until(condition: Callable[[], object], what: str, bound: float = BOUND) -> object:
    end = time.monotonic() + bound
    while time.monotonic() < end:
        if result := condition():
            return result
        time.sleep(0.01)
    pytest.fail(f"waited {bound:.0f} s for {what}")


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan nobody reaps still has a /proc entry)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the shipped case with an output folder holding old versions of its three documents."""
    shutil.copytree(default_outline().parent, tmp_path / "outlines")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("lei-jun-xiaomi.pdf", "lei-jun-xiaomi.pptx", "lei-jun-xiaomi-handout.docx"):
        (out / name).write_bytes(OLD)
    return tmp_path / "outlines" / default_outline().name, out


def start(*args: str, script: bool = False, **popen) -> subprocess.Popen:
    """The command as users run it: the console script, or `python -m casestudy`."""
    command = [str(Path(sys.executable).with_name("casestudy"))] if script else [sys.executable, "-m", "casestudy"]
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    return subprocess.Popen([*command, *args], text=True, **streams)


def start_build(outline: Path, out: Path, **popen) -> tuple[subprocess.Popen, list[int]]:
    """A two-worker build, returned once a worker is writing a document, with the workers' ids."""
    proc = start("build", str(outline), "--out", str(out), "--jobs", "2", **popen)
    wait_until(lambda: temporaries(out) or proc.poll() is not None, "a worker to start writing")
    assert proc.poll() is None, proc.communicate()
    return proc, children(proc.pid)


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=BOUND)
    return proc.returncode, out, err


def assert_one_line(err: str, start: str) -> None:
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith(start), err


def replaced(out: Path) -> set[str]:
    """The documents (not temporary files) that are no longer the earlier build's."""
    return {p.name for p in out.iterdir() if p.suffix != ".tmp" and p.read_bytes() != OLD}


def assert_workers_gone(pids: list[int], bound: float = 10.0) -> None:
    wait_until(lambda: not any(running(pid) for pid in pids), f"workers {pids} to exit", bound)


def fake_render(resolved, fh, options) -> int:
    """A document in a moment: a small zip, which the build can re-stamp as it does Office files."""
    with zipfile.ZipFile(fh, "w") as package:
        package.writestr("document.xml", "<document/>")
    return 1


# ---------------------------------------------------------------- Ctrl-C and SIGTERM


def handlers_installed(pid: int) -> bool:
    """SIGTERM is caught: casestudy's handlers are in place (Python itself catches only SIGINT)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) >> (signal.SIGTERM - 1) & 1)


@needs_proc
@pytest.mark.parametrize("delay", [0.0, 0.2], ids=["at-once", "while-loading"])
def test_ctrl_c_from_the_first_line_is_one_line_and_130(tmp_path, delay):
    """Before: a KeyboardInterrupt traceback while modules loaded. The console script is ours at once."""
    outline, out = project(tmp_path)
    proc = start("build", str(outline), "--out", str(out), script=True)
    wait_until(lambda: handlers_installed(proc.pid) or proc.poll() is not None, "the handlers")
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    code, _, err = finish(proc)
    assert code == 130
    assert_one_line(err, "interrupted")
    assert not replaced(out) and not temporaries(out)


@needs_proc
def test_ctrl_c_twice_stops_the_workers_at_once(tmp_path):
    """Before: the second Ctrl-C hung on a worker reading a pipe; a third gave three tracebacks."""
    outline, out = project(tmp_path)
    proc, pids = start_build(outline, out)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.2)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    code, _, err = finish(proc)
    assert code == 130
    assert_one_line(err, "interrupted: ")
    assert_workers_gone(pids, bound=2.0)
    assert not temporaries(out)


@needs_proc
def test_ctrl_c_mid_build_names_exactly_the_documents_it_replaced(tmp_path):
    """Before: documents in progress were written after the interrupt, under a message saying otherwise."""
    outline, out = project(tmp_path)
    proc, pids = start_build(outline, out)
    wait_until(lambda: replaced(out) or proc.poll() is not None, "a first document")
    proc.send_signal(signal.SIGINT)
    code, stdout, err = finish(proc)
    assert code == 130
    assert_one_line(err, "interrupted: ")
    done = replaced(out)
    assert done and {Path(line.split(":")[0]).name for line in stdout.splitlines()} == done
    for document in out.iterdir():  # three documents: the message names each one replaced, and no other
        assert (str(document) in err) == (document.name in done), err
    assert_workers_gone(pids)
    time.sleep(1.0)
    assert replaced(out) == done and not temporaries(out)  # nothing renamed into place afterwards


@needs_proc
def test_sigterm_to_the_build_stops_its_workers_and_exits_143(tmp_path):
    """Before: the workers went on writing documents, then hung for good."""
    outline, out = project(tmp_path)
    proc, pids = start_build(outline, out)
    proc.send_signal(signal.SIGTERM)
    code, stdout, err = finish(proc)
    assert code == 143
    assert_one_line(err, "terminated: ")
    assert_workers_gone(pids)
    assert replaced(out) == {Path(line.split(":")[0]).name for line in stdout.splitlines()}
    assert not temporaries(out)


@needs_proc
def test_sigterm_to_the_process_group_leaves_no_temporary_file(tmp_path):
    """`timeout -s TERM` signals every process of the group at once; the workers die where they are."""
    outline, out = project(tmp_path)
    proc, pids = start_build(outline, out, start_new_session=True)
    os.killpg(proc.pid, signal.SIGTERM)
    code, _, err = finish(proc)
    assert code == 143
    assert_one_line(err, "terminated: ")
    assert_workers_gone(pids)
    assert not temporaries(out)


@needs_proc
def test_a_killed_build_takes_its_workers_with_it_and_the_next_build_sweeps_up(tmp_path, monkeypatch):
    """SIGKILL cannot be handled: the workers die with the parent, replace nothing, and litter is swept later."""
    outline, out = project(tmp_path)
    proc, pids = start_build(outline, out)
    proc.kill()
    proc.communicate(timeout=BOUND)
    after_kill = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert_workers_gone(pids, bound=2.0)
    time.sleep(1.0)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == after_kill  # nothing replaced
    monkeypatch.setattr(build_module, "get_renderer", lambda fmt: fake_render)
    assert not build([outline], out, ["pdf", "pptx", "docx"], ["participant"]).failed
    assert not temporaries(out)


@needs_proc
def test_workers_die_with_their_parent_where_the_kernel_does_not_watch(tmp_path):
    """The portable watch (macOS has no prctl): forced here, the workers still end soon after the parent."""
    script = textwrap.dedent(
        """
        import os, time
        from casestudy import workers
        workers._kernel_kills_orphan = lambda: False
        def task(shared, item):
            print(os.getpid(), flush=True)
            time.sleep(120)
        workers.run_in_workers(task, None, [1, 2], 2, lambda item, result: None)
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        pids = [int(proc.stdout.readline()) for _ in range(2)]
        proc.kill()
    assert_workers_gone(pids, bound=5.0)


def test_a_worker_that_dies_fails_its_task_only(tmp_path):
    """A worker killed mid-task (out of memory, a crash in C) is reported; the other tasks are done."""

    def task(shared: str, item: int) -> str:
        if item == 2:
            os._exit(9)
        return f"{shared}{item}"

    results: dict[int, object] = {}
    workers.run_in_workers(task, "done ", [1, 2, 3, 4], 2, results.__setitem__)
    assert {k: v for k, v in results.items() if k != 2} == {1: "done 1", 3: "done 3", 4: "done 4"}
    assert str(results[2]) == "the worker process exited with code 9"


# ---------------------------------------------------------------- temporary files


def test_temporary_names_are_short_and_recognisable():
    assert temporary_name("case.pdf", 4711, "a1b2c3") == ".case.pdf.4711-a1b2c3.tmp"
    long = temporary_name("é" * 127 + ".pdf", 4194304, "a1b2c3")
    assert long.startswith(".éé") and len(long.encode()) < 120


def test_stale_temporaries_go_and_a_live_builds_stay(tmp_path):
    """Left by a killed build: removed. Being written by a build running now: left alone."""
    document = tmp_path / "case.pdf"
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        for pid in (live.pid, dead.pid):
            (tmp_path / temporary_name(document.name, pid, "abcdef")).write_bytes(b"half")
        (tmp_path / temporary_name("other.pdf", dead.pid, "abcdef")).write_bytes(b"not ours")
        remove_stale_temporaries([document])
        assert temporaries(tmp_path) == sorted(
            [temporary_name(document.name, live.pid, "abcdef"), temporary_name("other.pdf", dead.pid, "abcdef")]
        )
    finally:
        live.kill()
        live.wait()


# ---------------------------------------------------------------- collisions and long names


def write_outline(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(MINIMAL_CASE, encoding="utf-8")
    return folder / name


@pytest.fixture
def fake_renderer(monkeypatch):
    monkeypatch.setattr(build_module, "get_renderer", lambda fmt: fake_render)


@pytest.mark.parametrize("names", [("x.yaml", "x.yaml"), ("Case.yaml", "case.yaml")], ids=["same", "case-only"])
def test_two_outlines_writing_the_same_documents_are_refused_before_anything_is_built(tmp_path, capsys, names):
    """Before: "built 6 documents", exit 0, and one outline's documents silently overwrote the other's."""
    first, second = write_outline(tmp_path / "a", names[0]), write_outline(tmp_path / "b", names[1])
    out = tmp_path / "out"
    assert cli.main(["build", str(first), str(second), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {first} and {second} would both write {out}/") and err.count("\n") == 1
    assert not out.exists()


def test_the_same_outline_named_twice_is_built_once(tmp_path, fake_renderer):
    outline = write_outline(tmp_path, "x.yaml")
    report = build([outline, tmp_path / "." / "x.yaml"], tmp_path / "out", ["pdf"], ["participant"])
    assert [b.path.name for b in report.built] == ["x.pdf"]


def test_an_outline_name_of_220_characters_builds(tmp_path, fake_renderer, capsys):
    """Before: the temporary file's name passed 255 bytes, and the error named the folder."""
    outline = write_outline(tmp_path, "n" * 220 + ".yaml")
    out = tmp_path / "out"
    args = ["build", str(outline), "--out", str(out), "--format", "pdf,pptx,docx", "--edition", "both"]
    assert cli.main([*args, "--jobs", "2"]) == 0, capsys.readouterr().err
    assert len(list(out.iterdir())) == 6 and not temporaries(out)


def test_a_document_name_past_255_bytes_is_refused_naming_the_document(tmp_path, capsys):
    outline = write_outline(tmp_path, "n" * 220 + ".yaml")
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAlexandra Montgomery-Featherstonehaugh\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["build", str(outline), "--out", str(out), "--roster", str(roster)]) == 2
    handout = out / "handouts" / ("n" * 220 + "-handout-alexandra-montgomery-featherstonehaugh.docx")
    assert capsys.readouterr().err == (
        f"error: cannot write {handout}: its name would be 272 bytes, and file names end at 255;"
        f" shorten the name of {outline}\n"
    )
    assert not out.exists()


# ---------------------------------------------------------------- watch


class Lines:
    """A child's stderr, read line by line in the background, waited on by content."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.lines: list[str] = []
        assert proc.stderr is not None
        self.reader = threading.Thread(target=self.lines.extend, args=(proc.stderr,), daemon=True)
        self.reader.start()

    def until_closed(self) -> list[str]:
        """Every line, once the child has closed its stderr."""
        self.reader.join(BOUND)
        return self.lines

    def wait_for(self, text: str, after: int = 0) -> int:
        """The index of the first line after line `after` that contains `text`."""
        end = time.monotonic() + BOUND
        while time.monotonic() < end:
            for index in range(after + 1, len(self.lines)):
                if text in self.lines[index]:
                    return index
            time.sleep(0.01)
        pytest.fail(f"waited {BOUND:.0f} s for {text!r}; stderr so far: {self.lines}")


def test_watch_reports_an_output_folder_error_and_keeps_watching_until_ctrl_c(tmp_path):
    """Before: watch exited 2 when its output folder became a file, and Ctrl-C ended it with 0."""
    outline = write_outline(tmp_path, "case.yaml")
    out = tmp_path / "out"
    with start("watch", str(outline), "--out", str(out), "--format", "markdown", stdout=subprocess.DEVNULL) as proc:
        lines = Lines(proc)
        try:
            first = lines.wait_for("watching", after=-1)
            shutil.rmtree(out)
            out.write_text("a file where the output folder was")
            outline.write_text(MINIMAL_CASE.replace("title: Case", "title: Case two"), encoding="utf-8")
            os.utime(outline, (1, 1))  # a different modification time even on a coarse clock
            error = lines.wait_for("cannot create the output folder", after=first)
            lines.wait_for("watching", after=error)
            assert proc.poll() is None  # still watching
            out.unlink()
            os.utime(outline, (2, 2))
            wait_until(lambda: (out / "case.md").is_file(), "the next build")
            lines.wait_for("watching", after=error + 1)
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=BOUND) == 130
        finally:
            if proc.poll() is None:
                proc.kill()  # a failed test must not leave a watcher behind, nor wait on its pipe
            printed = lines.until_closed()
    assert not any("Traceback" in line for line in printed), printed
    assert printed[-1] == "interrupted\n"
