"""Requests that arrive together are computed together (issue 14: the web API, one household fast).

Why: a one-household /calculate spends about nine tenths of its time in the law's formulas, and
nearly all of that is the fixed cost of running each formula once, not the household: OpenFisca's
formulas are numpy over all entities, so a simulation of eight households costs little more than a
simulation of one. When several requests wait in a server process at the same moment, computing
them in one simulation answers them all for about the price of one.

How:
- every request thread puts its job in the queue and then takes the compute lock;
- whoever holds the lock takes everything queued (at most `max_jobs`) and computes it; the threads
  whose jobs it took find them done when they get the lock and only write their answer;
- when it finds only its own job, it waits up to `WAIT_SECONDS` (3 ms) for a second one, but only
  while requests have been overlapping (one arrived during a computation in the last
  `OVERLAP_MEMORY` second): then the next one is most likely on its way, its client reading the
  previous answer. Without that wait two clients per server process take turns and never meet
  (benchmarks/serve.py: 4 clients, 1.06x; with it 1.4x). A lone client never waits;
- jobs of the same shape (`fast.Job.signature`: the same variables given and asked, for the same
  periods) share one simulation, their ids made distinct by a prefix; other jobs get their own.

The answer of a request never depends on its neighbours: each household's formulas read only its
own members, and tests/web_api/test_batching.py checks byte for byte that a request answered in a
batch gets the same body as alone. If the shared simulation fails in any way (one request's
household makes a formula refuse), every job of that group is computed alone, so the error goes to
the request that caused it, in OpenFisca's own words.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from openfisca_nl_sz import situation as situation_io
from openfisca_nl_sz.serve import fast

#: At most this many requests in one simulation (each request is itself small: see options.Limits).
MAX_JOBS = 64
#: How long a lone request waits for company, in seconds, when requests have been overlapping.
WAIT_SECONDS = 0.003
#: Requests count as overlapping for this many seconds after one arrived during a computation.
OVERLAP_MEMORY = 1.0
#: Separates a job's number from the request's own id; a number never contains it, so two
#: (number, id) pairs never give the same prefixed id.
_SEPARATOR = "\u241f"


def _prefix(number: int) -> str:
    return f"{number}{_SEPARATOR}"


def merged_situation(jobs: list[fast.Job]) -> dict:
    """One situation holding every job's entities, each id prefixed with its job's number."""
    merged: dict = {}
    for number, job in enumerate(jobs):
        prefix = _prefix(number)
        for plural, members in job.input_data.items():
            target = merged.setdefault(plural, {})
            for member_id, member in members.items():
                entry = {}
                for name, value in member.items():
                    if isinstance(value, list):  # a role: the ids of its persons
                        value = [prefix + str(person) for person in value]
                    elif isinstance(value, str):  # a max-1 role written as one id
                        value = prefix + value
                    entry[name] = value
                target[prefix + member_id] = entry
    return merged


def compute_together(system, jobs: list[fast.Job]) -> None:
    """Fill every job of one shape from one simulation; on any failure, each job alone."""
    if len(jobs) > 1:
        try:
            simulation = situation_io.build_from_arrays(system, merged_situation(jobs), jobs[0].month)
            if simulation is not None:
                for number, job in enumerate(jobs):
                    fast.fill(system, simulation, job, _prefix(number))
                return
        except Exception:  # noqa: BLE001 - one request's household refused: find which, alone
            pass
    for job in jobs:
        job.filled = False
        fast.compute_alone(system, job)


class Batcher:
    """Computes the checked one-household requests of one server process, together when they meet."""

    def __init__(self, system, max_jobs: int = MAX_JOBS, wait: float = WAIT_SECONDS):
        self.system = system
        self.max_jobs = max_jobs
        self.wait = wait
        self._queue: list[fast.Job] = []
        self._queue_lock = threading.Lock()
        self._arrived = threading.Condition(self._queue_lock)
        self._compute_lock = threading.Lock()
        self._computing = False
        self._overlap_at = -1e9  # when a request last arrived while a batch was being computed
        #: how many simulations ran, how many jobs they answered, how often a lone job waited
        #: for company (read by tests and benchmarks)
        self.simulations = 0
        self.jobs = 0
        self.waits = 0

    def compute(self, job: fast.Job) -> None:
        """Fill `job` (job.filled tells whether it could be), together with whatever else is waiting."""
        with self._queue_lock:
            self._queue.append(job)
            if self._computing:
                self._overlap_at = time.monotonic()
            self._arrived.notify_all()
        with self._compute_lock:
            with self._queue_lock:
                if job.taken:  # another thread computed it while this one waited for the lock
                    return
                if (len(self._queue) == 1 and self.max_jobs > 1 and self.wait > 0
                        and time.monotonic() - self._overlap_at < OVERLAP_MEMORY):
                    # requests have been overlapping: the next one is most likely on its way
                    # (its client is reading the previous answer); wait for it a moment
                    self.waits += 1
                    self._arrived.wait_for(lambda: len(self._queue) > 1, timeout=self.wait)
                self._queue.remove(job)
                batch = [job, *self._queue[: self.max_jobs - 1]]
                del self._queue[: self.max_jobs - 1]
                for queued in batch:
                    queued.taken = True
                self._computing = True
            try:
                groups = defaultdict(list)
                for queued in batch:
                    groups[queued.signature].append(queued)
                for group in groups.values():
                    compute_together(self.system, group)
                self.simulations += len(groups)
                self.jobs += len(batch)
            finally:
                with self._queue_lock:
                    self._computing = False
