"""Requests that arrive together are computed together (issue 14: the web API, one household fast).

Why: a one-household /calculate spends about nine tenths of its time in the law's formulas, and
nearly all of that is the fixed cost of running each formula once, not the household: OpenFisca's
formulas are numpy over all entities, so a simulation of eight households costs little more than a
simulation of one. When several requests wait in a server process at the same moment, computing
them in one simulation answers them all for about the price of one.

How (no timer, so a lone request is never held back):
- every request thread puts its job in the queue and then takes the compute lock;
- whoever holds the lock takes everything queued (at most `max_jobs`) and computes it; the threads
  whose jobs it took find them done when they get the lock and only write their answer;
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
from collections import defaultdict

from openfisca_nl_sz import situation as situation_io
from openfisca_nl_sz.serve import fast

#: At most this many requests in one simulation (each request is itself small: see options.Limits).
MAX_JOBS = 64
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

    def __init__(self, system, max_jobs: int = MAX_JOBS):
        self.system = system
        self.max_jobs = max_jobs
        self._queue: list[fast.Job] = []
        self._queue_lock = threading.Lock()
        self._compute_lock = threading.Lock()
        #: how many simulations ran and how many jobs they answered (read by tests and benchmarks)
        self.simulations = 0
        self.jobs = 0

    def compute(self, job: fast.Job) -> None:
        """Fill `job` (job.filled tells whether it could be), together with whatever else is waiting."""
        with self._queue_lock:
            self._queue.append(job)
        with self._compute_lock:
            with self._queue_lock:
                if job.taken:  # another thread computed it while this one waited for the lock
                    return
                self._queue.remove(job)
                batch = [job, *self._queue[: self.max_jobs - 1]]
                del self._queue[: self.max_jobs - 1]
                for queued in batch:
                    queued.taken = True
            groups = defaultdict(list)
            for queued in batch:
                groups[queued.signature].append(queued)
            for group in groups.values():
                compute_together(self.system, group)
            self.simulations += len(groups)
            self.jobs += len(batch)
