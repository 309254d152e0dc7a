"""Requests computed together (serve/batching.py) get the bytes they get alone.

The web API computes the one-household requests that wait in a server process at the same moment in
one simulation. That is only allowed if no answer depends on its neighbours: here every request of
a seeded, varied set (three shapes, random ages, wages, WIA cases and rents) is answered alone and
in batches, and the bodies must be identical byte for byte. The batcher's bookkeeping (who computes,
how many simulations) is checked with the compute lock held, so that the batch is known in advance.
"""

from __future__ import annotations

import json
import random
import threading
import time

import pytest

from openfisca_nl_sz.serve import batching, fast
from openfisca_nl_sz.serve.app import NlszApi
from openfisca_nl_sz.serve.checks import ROLE_KEYS, check_request, parse_body

M = "2026-01"


def _couple_with_wia(rng: random.Random) -> dict:
    return {
        "personen": {
            "anna": {"leeftijd": {M: rng.randint(18, 66)}, "loon": {M: rng.choice([0, 600, 1450.5, 2800])},
                     "arbeidsongeschiktheidspercentage": {M: rng.choice([20, 35, 50, 79, 85, 100])},
                     "wia_dagloon": {M: rng.choice([90, 140, 210.75])}, "wia_maanden_sinds_aanvang": {M: rng.randint(0, 60)},
                     "wia_uitkering": {M: None}, "wga_vervolguitkering": {M: None}, "netto_inkomen": {M: None}},
            "bert": {"leeftijd": {M: rng.randint(18, 70)}, "loon": {M: rng.choice([0, 900, 2500, 5200])},
                     "netto_inkomen": {M: None}},
        },
        "huishoudens": {"h": {"aanvragers": ["anna"], "partners": ["bert"], "huur": {M: rng.choice([0, 450, 650, 900])},
                              **{name: {M: None} for name in ("besteedbaar_inkomen", "bijstand", "huurtoeslag", "zorgtoeslag")}}},
    }


def _single(rng: random.Random) -> dict:
    return {
        "personen": {"piet": {"leeftijd": {M: rng.randint(18, 80)}, "loon": {M: rng.choice([0, 300, 1200, 2100, 3900])},
                              "netto_inkomen": {M: None}}},
        "huishoudens": {"thuis": {"aanvragers": ["piet"], "huur": {M: rng.choice([300, 650, 880])},
                                  "huurtoeslag": {M: None}, "besteedbaar_inkomen": {M: None}}},
    }


def _parent_with_children(rng: random.Random) -> dict:
    children = {f"kind{i}": {"leeftijd": {M: rng.randint(0, 17)}} for i in range(rng.randint(1, 3))}
    return {
        "personen": {"sara": {"leeftijd": {M: rng.randint(20, 50)}, "loon": {M: rng.choice([0, 800, 1900])}}, **children},
        "huishoudens": {"gezin": {"aanvragers": ["sara"], "kinderen": list(children), "huur": {M: rng.choice([500, 750])},
                                  "besteedbaar_inkomen": {M: None}, "bijstand": {M: None}, "kindgebonden_budget": {M: None}}},
    }


SHAPES = (_couple_with_wia, _single, _parent_with_children)


@pytest.fixture(scope="module")
def api(tbs):
    return NlszApi(tbs)


def _job(api, situation: dict) -> fast.Job:
    checked = check_request(api.system, parse_body(json.dumps(situation).encode()), api.limits.max_persons)
    job = fast.prepare(checked, "/calculate", ROLE_KEYS)
    assert job is not None
    return job


def _requests(count: int, seed: int = 14) -> list[dict]:
    rng = random.Random(seed)
    return [rng.choice(SHAPES)(rng) for _ in range(count)]


@pytest.fixture(scope="module")
def alone(api):
    """Each request's body when it is computed in a simulation of its own."""
    bodies = []
    for situation in _requests(60):
        job = _job(api, situation)
        fast.compute_alone(api.system, job)
        answer = fast.respond(api.inner, job)
        assert answer is not None and answer[0] == 200
        bodies.append(answer[2])
    return bodies


@pytest.mark.parametrize("size", [2, 7, 60])
def test_a_request_in_a_batch_gets_the_bytes_it_gets_alone(api, alone, size):
    situations = _requests(60)
    for start in range(0, len(situations), size):
        jobs = [_job(api, situation) for situation in situations[start:start + size]]
        groups: dict = {}
        for job in jobs:
            groups.setdefault(job.signature, []).append(job)
        for group in groups.values():
            batching.compute_together(api.system, group)
        for offset, job in enumerate(jobs):
            assert fast.respond(api.inner, job)[2] == alone[start + offset], start + offset


def test_the_amounts_differ_between_requests_so_the_comparison_can_fail(alone):
    # the seeded set is varied enough that a batch mixing up two households would change a body
    assert len(set(alone)) >= 40


def test_requests_of_another_shape_never_share_a_simulation(api):
    couple, single = _requests(1, seed=1)[0], _single(random.Random(2))
    assert _job(api, couple).signature != _job(api, single).signature
    without_wage = json.loads(json.dumps(single))
    del without_wage["personen"]["piet"]["loon"]  # given in `single`, left to its default here
    assert _job(api, without_wage).signature != _job(api, single).signature
    asked = json.loads(json.dumps(single))
    asked["personen"]["piet"]["loon"] = {M: None}  # asked instead of given
    assert _job(api, asked).signature != _job(api, single).signature


def test_a_failing_shared_simulation_computes_each_request_alone(api, alone, monkeypatch):
    real_fill = fast.fill

    def fill_refusing_batches(system, simulation, job, id_prefix=""):
        if id_prefix:
            raise ValueError("a formula refused one household of the batch")
        real_fill(system, simulation, job, id_prefix)

    monkeypatch.setattr(fast, "fill", fill_refusing_batches)
    situations = _requests(60)
    couples = [index for index, situation in enumerate(situations) if "bert" in situation["personen"]][:5]
    jobs = [_job(api, situations[index]) for index in couples]
    batching.compute_together(api.system, jobs)
    assert [fast.respond(api.inner, job)[2] for job in jobs] == [alone[index] for index in couples]


def _run_queued(batcher: batching.Batcher, jobs: list[fast.Job]) -> None:
    """Start one thread per job while the compute lock is held, so that all are queued before any runs."""
    threads = [threading.Thread(target=batcher.compute, args=(job,)) for job in jobs]
    with batcher._compute_lock:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(batcher._queue) < len(jobs):
            assert time.monotonic() < deadline, "the request threads did not queue"
            time.sleep(0.005)
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive()


def test_requests_that_wait_together_are_computed_in_one_simulation_per_shape(api, alone):
    situations = _requests(60)
    batcher = batching.Batcher(api.system)
    jobs = [_job(api, situation) for situation in situations[:12]]
    _run_queued(batcher, jobs)
    shapes = len({job.signature for job in jobs})
    assert batcher.jobs == 12 and batcher.simulations == shapes < 12
    assert [fast.respond(api.inner, job)[2] for job in jobs] == alone[:12]


def test_batch_one_computes_each_request_alone(api, alone):
    batcher = batching.Batcher(api.system, max_jobs=1)
    jobs = [_job(api, situation) for situation in _requests(60)[:5]]
    _run_queued(batcher, jobs)
    assert batcher.jobs == 5 and batcher.simulations == 5
    assert [fast.respond(api.inner, job)[2] for job in jobs] == alone[:5]


def test_a_batch_never_exceeds_its_limit(api, alone):
    batcher = batching.Batcher(api.system, max_jobs=4)
    jobs = [_job(api, situation) for situation in _requests(60)[:10]]
    _run_queued(batcher, jobs)
    assert batcher.jobs == 10 and batcher.simulations >= 3  # at least ceil(10 / 4) batches
    assert [fast.respond(api.inner, job)[2] for job in jobs] == alone[:10]


def test_the_server_answers_concurrent_requests_as_alone(api, alone):
    """Through the WSGI middleware's own entry (NlszApi.compute), from 8 threads at once."""
    situations = _requests(60)[:24]
    bodies = [None] * len(situations)

    def post(index):
        status, _headers, body = api.compute("/calculate", json.dumps(situations[index]).encode())
        assert status == 200
        bodies[index] = body

    threads = [threading.Thread(target=post, args=(index,)) for index in range(len(situations))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert bodies == alone[:24]


def test_a_lone_request_never_waits_for_company(api, alone):
    batcher = batching.Batcher(api.system, wait=60)  # a wait would be noticed: the test would hang
    for index, situation in enumerate(_requests(60)[:3]):
        job = _job(api, situation)
        batcher.compute(job)
        assert fast.respond(api.inner, job)[2] == alone[index]
    assert batcher.waits == 0 and batcher.simulations == 3


def test_a_request_arriving_during_a_computation_marks_the_requests_as_overlapping(api):
    batcher = batching.Batcher(api.system)
    job = _job(api, _requests(60)[0])
    with batcher._compute_lock:  # as if a batch were being computed
        with batcher._queue_lock:
            batcher._computing = True
        thread = threading.Thread(target=batcher.compute, args=(job,))
        thread.start()
        deadline = time.monotonic() + 30
        while not batcher._queue:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        assert time.monotonic() - batcher._overlap_at < 30
        with batcher._queue_lock:
            batcher._computing = False
    thread.join(timeout=60)
    assert job.filled


def test_while_requests_overlap_a_lone_one_waits_for_the_next_and_they_share_a_simulation(api, alone):
    """Two clients taking turns: the first finds itself alone, waits (requests overlapped a moment
    ago), the second arrives and both are computed in one simulation."""
    situations = _requests(60)
    first, second = [index for index, s in enumerate(situations) if s["personen"].keys() == {"piet"}][:2]  # one shape
    batcher = batching.Batcher(api.system, wait=60)
    batcher._overlap_at = time.monotonic()
    jobs = [_job(api, situations[first]), _job(api, situations[second])]
    leader = threading.Thread(target=batcher.compute, args=(jobs[0],))
    leader.start()
    deadline = time.monotonic() + 30
    while batcher.waits == 0:  # the leader is waiting for company
        assert time.monotonic() < deadline and leader.is_alive()
        time.sleep(0.005)
    follower = threading.Thread(target=batcher.compute, args=(jobs[1],))
    follower.start()
    for thread in (leader, follower):
        thread.join(timeout=60)
        assert not thread.is_alive()
    assert batcher.waits == 1 and batcher.jobs == 2 and batcher.simulations == 1
    assert [fast.respond(api.inner, job)[2] for job in jobs] == [alone[first], alone[second]]
