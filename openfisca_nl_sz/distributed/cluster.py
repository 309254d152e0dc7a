"""Where the chunks run: in this process (default), a local Dask cluster, or an existing one.

    runner(None, None)               in-process, one chunk after the other (no Dask at all)
    runner(workers=N)                a LocalCluster of N worker processes on 127.0.0.1 (1 thread each)
    runner(scheduler="tcp://h:p")    an existing dask.distributed cluster

`Runner.map(fn, items)` yields (item, result) as chunks finish, so the caller merges summaries as they
come and never holds all chunks' results at once. A worker that dies mid-chunk is Dask's business:
the scheduler gives its chunks to another worker (up to `distributed.scheduler.allowed-failures`
times). A chunk that *fails* (an exception in the law evaluation) stops the run with `ChunkFailed`,
naming the chunk and its seed; it is never skipped.
"""

from __future__ import annotations

import contextlib
import os
import re

from openfisca_nl_sz.errors import InputError

#: How long to wait for a cluster to come up or a scheduler to answer (seconds).
CONNECT_TIMEOUT = 60
#: One thread per worker: an OpenFisca simulation is single-threaded numpy, and one chunk at a
#: time per worker is what bounds a worker's memory by the chunk size.
THREADS_PER_WORKER = 1
#: Chunks submitted per worker at a time (one running, one queued so a worker never waits).
IN_FLIGHT_PER_WORKER = 2


class ChunkFailed(Exception):
    """A chunk whose evaluation raised. Picklable (it travels back from a worker)."""

    def __init__(self, where: str, error: str):
        self.where = where
        self.error = error
        super().__init__(f"{where} failed: {error}")

    def __reduce__(self):
        return (ChunkFailed, (self.where, self.error))


def guarded(fn, item, describe):
    """Run fn(item); any exception becomes ChunkFailed naming the chunk (what the workers run)."""
    try:
        return fn(item)
    except ChunkFailed:
        raise
    except Exception as error:  # noqa: BLE001 - every failure is reported with its chunk, never dropped
        message = " ".join(str(error).split())[:200]
        raise ChunkFailed(describe(item), f"{type(error).__name__}: {message}") from None


class InProcess:
    """The embedded runner: the same chunks, in order, in this process."""

    name = "in-process"
    workers = 1

    def map(self, fn, items, describe=repr):
        for item in items:
            yield item, guarded(fn, item, describe)


class OnDask:
    """Chunks as Dask tasks; results gathered as they complete."""

    def __init__(self, client, name: str):
        self.client = client
        self.name = name

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, fn, items, describe=repr):
        from distributed import as_completed

        pending = iter(enumerate(items))
        futures = {}

        def submit():
            for i, item in pending:
                # pure=False: a rerun is a rerun; the key names the chunk so the dashboard reads well
                future = self.client.submit(guarded, fn, item, describe, pure=False, key=f"nlsz-chunk-{i}-{os.urandom(4).hex()}")
                futures[future] = item
                return future
            return None

        # A window of IN_FLIGHT_PER_WORKER chunks per worker, not all chunks at once: finished chunks'
        # summaries wait on a worker only until gathered, so a worker's memory does not grow with the
        # number of chunks (8 million households = 160 chunks).
        window = [f for f in (submit() for _ in range(IN_FLIGHT_PER_WORKER * self.workers)) if f is not None]
        done = as_completed(window)
        try:
            for future in done:
                item = futures.pop(future)
                result = future.result()
                future.release()
                following = submit()
                if following is not None:
                    done.add(following)
                yield item, result
        finally:
            for future in futures:
                future.cancel()


SCHEDULER_PATTERN = re.compile(r"^(tcp|tls)://[^\s/:]+:\d{1,5}$")


def check_options(workers, scheduler, source="command line") -> None:
    if workers is not None and scheduler is not None:
        raise InputError(source, "--workers / --scheduler", "give one of the two: --workers N starts a local cluster, "
                         "--scheduler tcp://HOST:PORT uses an existing one")
    if workers is not None and not 1 <= workers <= 256:
        raise InputError(source, "--workers", f"must be a whole number in 1..256, got {workers}")
    if scheduler is not None and not SCHEDULER_PATTERN.match(scheduler):
        raise InputError(source, "--scheduler", f"must look like tcp://HOST:PORT, got {scheduler!r}")


def local_cluster(workers: int):
    """A LocalCluster of `workers` processes on 127.0.0.1, one thread each, no dashboard.

    Dask's nannies set MALLOC_TRIM_THRESHOLD_ in each worker's environment; setting it at all turns
    off glibc's dynamic mmap threshold, so every large numpy array of a simulation is mapped and
    unmapped anew: measured here, a quarter slower per chunk (66,000 -> 50,000 households/s). The
    chunks give their memory back themselves (compare.release_memory), so the workers start without it.
    """
    import dask
    from distributed import LocalCluster

    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    import warnings

    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}), warnings.catch_warnings():
        # a second cluster on the machine moves its (loopback) HTTP port; not a problem worth a warning
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        return LocalCluster(n_workers=workers, threads_per_worker=THREADS_PER_WORKER, processes=True,
                            host="127.0.0.1", dashboard_address=None, silence_logs=40)


@contextlib.contextmanager
def runner(workers: int | None = None, scheduler: str | None = None, progress=print):
    """The runner for the options; a local cluster is always closed on the way out."""
    check_options(workers, scheduler)
    if workers is None and scheduler is None:
        yield InProcess()
        return
    from distributed import Client

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise InputError("command line", "--scheduler", f"no Dask scheduler answers at {scheduler} ({type(error).__name__}); "
                             "start one with `dask scheduler` and `dask worker`, or use --workers N") from None
        try:
            yield OnDask(client, f"Dask scheduler {scheduler}")
        finally:
            client.close()
        return
    # loopback only: a local cluster is not reachable from the network
    cluster = local_cluster(workers)
    try:
        client = Client(cluster, timeout=CONNECT_TIMEOUT)
        try:
            client.wait_for_workers(workers, timeout=CONNECT_TIMEOUT)
            progress(f"local Dask cluster: {workers} worker processes on 127.0.0.1")
            yield OnDask(client, f"local cluster of {workers} workers")
        finally:
            client.close()
    finally:
        cluster.close()
