"""Worker processes that stop when the build stops, and die with it when it is killed.

Not ProcessPoolExecutor: it cannot stop a worker in the middle of a task, and its shared queues
are guarded by locks that a worker can die holding, after which the parent waits forever (issue
17). Here every worker has a pipe of its own; the parent hands out one task at a time, waits on
the pipes and on the workers' exit together, and on any exception (Ctrl-C above all) kills every
worker at once. A worker that dies mid-task is reported, replaced, and the rest go on. Workers
start before their work is ready (`Pool`): their imports overlap the parent's loading.

A worker must not outlive a parent that was killed (SIGKILL, a crash): on Linux the kernel kills
it when the parent ends (prctl PR_SET_PDEATHSIG); elsewhere a thread looks for its parent every
0.2 s. Workers only return results: what is kept is the parent's decision alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from casestudy import interrupts

Item = TypeVar("Item")
Result = TypeVar("Result")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL = 0.2  # seconds between looks for the parent where the kernel cannot watch it
STOP_GRACE = 2.0  # seconds an idle worker has to exit before it is killed


@dataclass(frozen=True)
class WorkerLost:
    """A worker ended without answering: killed, out of memory, a crash inside a C library."""

    exitcode: int | None

    def __str__(self) -> str:
        code = self.exitcode
        how = f"was stopped by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        return f"the worker process {how}"


@dataclass(eq=False)  # each worker is itself: found in the pool by identity, never by its fields
class _Worker:
    process: Any  # a multiprocessing Process (its class depends on the start method)
    conn: Connection
    home: int  # which share of the work it warmed up for (see `Pool`)
    item: Any = None  # the task it is working on, None when idle
    has_shared: bool = False  # whether it was sent the shared data


def run_in_workers(
    task: Callable[[Any, Item], Result],
    shared: Any,
    items: Sequence[Item],
    workers: int,
    on_result: Callable[[Item, Result | WorkerLost], None],
) -> None:
    """Run `task(shared, item)` for every item in up to `workers` processes; report each as it ends.

    `on_result` runs in this process, in completion order.
    """
    with Pool(task, min(workers, len(items))) as pool:
        pool.run(shared, items, on_result)


class _Stop:
    """Sent instead of a task: the worker's work is done."""


def _cold(home: int) -> None:
    """No warm-up."""


class Pool:
    """Worker processes started before their work is known, so that they warm up while this process prepares it.

    Worker `i` first runs `warm(i)` (a build imports the writers it will most likely use), then
    waits for the shared data (sent pickled, once per worker, when `run` starts) and its tasks.
    An idle worker takes the first queued item `suits(i, item)`, else the first one. Used as a
    context manager: leaving it on an exception (Ctrl-C above all) kills every worker at once.
    """

    def __init__(
        self,
        task: Callable[[Any, Item], Result],
        workers: int,
        warm: Callable[[int], object] = _cold,
        suits: Callable[[int, Item], bool] = lambda home, item: False,
    ) -> None:
        self.context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        self.task, self.warm, self.suits = task, warm, suits
        self.pool: list[_Worker] = []
        try:
            for home in range(workers):
                self._start(home)
        except BaseException:
            self.close(kill=True)
            raise

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(kill=kind is not None)

    def run(self, shared: Any, items: Sequence[Item], on_result: Callable[[Item, Result | WorkerLost], None]) -> None:
        """Run every item; a worker that dies is reported for its item, replaced, and the rest go on."""
        payload = pickle.dumps(shared, pickle.HIGHEST_PROTOCOL)
        queue = list(items)
        idle = list(self.pool)
        while queue or len(idle) < len(self.pool):
            while idle and queue:
                worker = idle.pop(0)
                worker.item = queue.pop(self._choice(worker, queue))
                self._send(worker, payload)
            for worker in self._answered(idle):
                item, worker.item = worker.item, None
                result = _receive(worker)
                if not isinstance(result, WorkerLost):
                    idle.append(worker)
                else:
                    self.pool.remove(worker)
                    if queue:
                        idle.append(self._start(worker.home))
                on_result(item, result)

    def close(self, *, kill: bool) -> None:
        """End every worker: told to stop and given a moment, or killed at once.

        Killed after an exception, and when it never had work: it holds nothing then. Told, not
        left to see the pipe close: a forked worker holds copies of the pipes made before it
        (its own parent end among them), so it would wait for an end of file that never comes.
        """
        for worker in self.pool:
            if kill or not worker.has_shared:
                worker.process.kill()
            else:
                with contextlib.suppress(OSError):
                    worker.conn.send(_Stop())
            worker.conn.close()
        deadline = time.monotonic() + STOP_GRACE
        for worker in self.pool:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join()
        self.pool.clear()

    def _choice(self, worker: _Worker, queue: list[Any]) -> int:
        """The index of the next item for `worker`: the first that suits it, else the first."""
        return next((i for i, item in enumerate(queue) if self.suits(worker.home, item)), 0)

    def _send(self, worker: _Worker, payload: bytes) -> None:
        """Hand `worker` its item (and first the shared data); a worker that died meanwhile is found by `_answered`."""
        try:
            if not worker.has_shared:
                worker.conn.send_bytes(payload)
                worker.has_shared = True
            worker.conn.send(worker.item)
        except OSError:
            pass

    def _start(self, home: int) -> _Worker:
        """A new worker, forked with the signals held back until it has its own handlers."""
        parent_end, child_end = self.context.Pipe()
        args = (child_end, self.task, self.warm, home, os.getpid())
        process = self.context.Process(target=_serve, args=args, daemon=True)
        with interrupts.blocked():
            process.start()
        child_end.close()
        self.pool.append(_Worker(process, parent_end, home))
        return self.pool[-1]

    def _answered(self, idle: list[_Worker]) -> list[_Worker]:
        """The busy workers that have answered or ended, waiting until there is at least one."""
        busy = [w for w in self.pool if w not in idle]
        ready = set(wait([*(w.conn for w in busy), *(w.process.sentinel for w in busy)]))
        return [w for w in busy if w.conn in ready or w.process.sentinel in ready]


def _receive(worker: _Worker) -> Any:
    """The worker's answer, or WorkerLost when it ended without one."""
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        pass
    worker.process.join()
    worker.conn.close()
    return WorkerLost(worker.process.exitcode)


def _serve(conn: Connection, task: Callable, warm: Callable[[int], object], home: int, parent: int) -> None:
    """A worker's life: warm up, take the shared data, answer tasks until told to stop or the parent ends.

    The warm-up runs in a thread beside the receiving, so a large shared payload never waits in the pipe for it.
    """
    interrupts.as_worker()
    _die_with(parent)
    warming = threading.Thread(target=_warm, args=(warm, home), daemon=True, name="warm-up")
    warming.start()
    try:
        shared = pickle.loads(conn.recv_bytes())
        warming.join()
        while not isinstance(item := conn.recv(), _Stop):
            conn.send(task(shared, item))
    except EOFError:
        return


def _warm(warm: Callable[[int], object], home: int) -> None:
    try:
        warm(home)
    except Exception:  # noqa: BLE001 - only a head start: the task itself meets and reports the same failure
        pass


def _die_with(parent: int) -> None:
    """Make sure this worker ends soon after `parent` does, however the parent ends."""
    if not _kernel_kills_orphan():
        threading.Thread(target=_poll_parent, args=(parent,), daemon=True, name="parent-watch").start()
    if os.getppid() != parent:  # the parent ended before the watch began
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where prctl is absent."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # the C library the interpreter is linked with
    except (OSError, AttributeError):
        return False
    return prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _poll_parent(parent: int) -> None:
    """The portable watch: an orphan is adopted by another process, so its parent id changes."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)
