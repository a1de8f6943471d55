"""Worker processes that stop when the build stops, and die with it when it is killed.

Not ProcessPoolExecutor: it cannot stop a worker in the middle of a task, and its shared queues
are guarded by locks that a worker can die holding, after which the parent waits forever (issue
17). Here every worker has a pipe of its own; the parent hands out one task at a time, waits on
the pipes and on the workers' exit together, and on any exception (Ctrl-C above all) kills every
worker at once. A worker that dies mid-task is reported, replaced, and the rest go on.

A worker must not outlive a parent that was killed (SIGKILL, a crash): on Linux the kernel kills
it when the parent ends (prctl PR_SET_PDEATHSIG); elsewhere a thread looks for its parent every
0.2 s. Workers only return results: what is kept is the parent's decision alone.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
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
    item: Any = None  # the task it is working on, None when idle


def run_in_workers(
    task: Callable[[Any, Item], Result],
    shared: Any,
    items: Sequence[Item],
    workers: int,
    on_result: Callable[[Item, Result | WorkerLost], None],
) -> None:
    """Run `task(shared, item)` for every item in up to `workers` processes; report each as it ends.

    `task` and `shared` reach the workers by fork where there is one (nothing is pickled), by
    pickling elsewhere. `on_result` runs in this process, in completion order.
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    queue = deque(items)
    pool: list[_Worker] = []
    try:
        idle = [_start(context, task, shared, pool) for _ in range(min(workers, len(items)))]
        while queue or len(idle) < len(pool):
            while idle and queue:
                worker = idle.pop()
                worker.item = queue.popleft()
                worker.conn.send(worker.item)
            for worker in _answered(pool, idle):
                item, worker.item = worker.item, None
                result = _receive(worker)
                if not isinstance(result, WorkerLost):
                    idle.append(worker)
                else:
                    pool.remove(worker)
                    if queue:
                        idle.append(_start(context, task, shared, pool))
                on_result(item, result)
    except BaseException:
        _stop(pool, kill=True)
        raise
    _stop(pool, kill=False)


def _start(context: Any, task: Callable, shared: Any, pool: list[_Worker]) -> _Worker:
    """A new worker, forked with the signals held back until it has its own handlers."""
    parent_end, child_end = context.Pipe()
    process = context.Process(target=_serve, args=(child_end, task, shared, os.getpid()), daemon=True)
    with interrupts.blocked():
        process.start()
    child_end.close()
    pool.append(_Worker(process, parent_end))
    return pool[-1]


def _answered(pool: list[_Worker], idle: list[_Worker]) -> list[_Worker]:
    """The busy workers that have answered or ended, waiting until there is at least one."""
    busy = [w for w in pool if w not in idle]
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


def _stop(pool: list[_Worker], *, kill: bool) -> None:
    """End every worker: killed at once after an exception; otherwise told (by EOF) and given a moment."""
    for worker in pool:
        if kill:
            worker.process.kill()
        worker.conn.close()
    deadline = time.monotonic() + STOP_GRACE
    for worker in pool:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.exitcode is None:
            worker.process.kill()
            worker.process.join()


def _serve(conn: Connection, task: Callable, shared: Any, parent: int) -> None:
    """A worker's life: answer tasks until the parent closes the pipe or ends."""
    interrupts.as_worker()
    _die_with(parent)
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        conn.send(task(shared, item))


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
