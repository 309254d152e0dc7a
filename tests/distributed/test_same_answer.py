"""Issue 16: the chunked `nlsz compare` gives the same answer in-process, on a local Dask cluster of 2
workers (127.0.0.1), through `--scheduler`, with any chunk size, and when a worker dies mid-run; a
chunk whose evaluation fails stops the run naming the chunk and its seed.

"Same answer" is checked on every number of comparison.json (planning line, ranges from the
uncertainty draws, deciles, calibration), to float tolerance: only the order of the sums differs.
One cluster for the module (started once, always closed; every wait is bounded).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from openfisca_nl_sz.distributed import chunks as chunking
from openfisca_nl_sz.distributed.cluster import InProcess, OnDask, runner
from openfisca_nl_sz.distributed.compare import Job, compare_chunk, compare_scenario_chunked, run_chunks
from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.paths import data_dir

SIZE = 3_000
TIMEOUT = 120


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    """The shipped WIA 25% scenario on 3,000 households; ranges on (the uncertainty draws), harm search off."""
    data = yaml.safe_load((data_dir("scenarios") / "wia_grens_25.yaml").read_text(encoding="utf-8"))
    data["population"]["size"] = SIZE
    data["population"]["config"] = str(data_dir("scenarios") / data["population"]["config"])
    data.setdefault("outputs", {})["harm_search"] = False
    data["outputs"]["ranges"] = True
    path = tmp_path_factory.mktemp("distributed") / "wia_grens_25_small.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def cluster():
    from openfisca_nl_sz.distributed.cluster import local_cluster

    # what --workers 2 starts: LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
    # host="127.0.0.1", dashboard_address=None)
    local = local_cluster(2)
    assert len(local.workers) == 2 and local.scheduler_address.startswith("tcp://127.0.0.1:")
    try:
        yield local
    finally:
        local.close(timeout=30)


@pytest.fixture(scope="module")
def in_process(scenario_file):
    return compare_scenario_chunked(scenario_file, InProcess(), chunk_size=1_000, progress=lambda m: None)


def _same(a, b, where="comparison"):
    """Every number of a equals b's to float tolerance; same keys, same texts (timings left out)."""
    if isinstance(a, np.ndarray):
        np.testing.assert_allclose(b, a, rtol=1e-9, atol=1e-6, err_msg=where)
    elif isinstance(a, dict):
        keys = set(a) - {"elapsed_seconds", "execution"}
        assert keys == set(b) - {"elapsed_seconds", "execution"}, where
        for k in keys:
            _same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and not isinstance(b, bool):
        assert b == pytest.approx(a, rel=1e-9, abs=1e-6), where
    else:
        assert a == b, where


def test_block_seeds_are_seedsequence_spawns_and_chunks_draw_the_same_households():
    # block i's seed is SeedSequence(run_seed).spawn(n)[i], whatever n (= whatever the chunking)
    spawned = np.random.SeedSequence(2025).spawn(3)
    for i, child in enumerate(spawned):
        state = child.generate_state(2, np.uint32)
        assert chunking.block_seed(2025, i) == (int(state[0]) << 31) ^ int(state[1])
    assert len({chunking.block_seed(2025, i) for i in range(50)}) == 50
    # a chunk size is rounded up to whole blocks of 1,000: 1,500 -> 2,000, so 3,000 households -> 2 chunks
    assert [(c.start, c.stop) for c in chunking.plan(3_000, 1, 1_500)] == [(0, 2_000), (2_000, 3_000)]
    from openfisca_nl_sz.population.generator import load_config

    config = load_config()
    one = chunking.generate_chunk(chunking.plan(2_500, 9, 3_000)[0], 2_500, config)
    parts = [chunking.generate_chunk(c, 2_500, config) for c in chunking.plan(2_500, 9, 1_000)]
    assert [p.population.n_households for p in parts] == [1_000, 1_000, 500]
    for name in ("loon", "arbeidsongeschiktheidspercentage", "leeftijd"):
        assert np.array_equal(one.population.person_inputs[name],
                              np.concatenate([p.population.person_inputs[name] for p in parts]))
    # weights: the 2,500 households stand for the config's assessments per year, however chunked
    total = float(config["calibration"]["beslissingen_per_jaar"]["value"])
    assert one.inflow_weight.sum() == pytest.approx(total)
    assert sum(p.inflow_weight.sum() for p in parts) == pytest.approx(total)


def test_chunk_size_sweep_gives_the_same_answer(scenario_file, in_process):
    for chunk_size in (2_000, 3_000):
        other = compare_scenario_chunked(scenario_file, InProcess(), chunk_size=chunk_size, progress=lambda m: None)
        assert other["execution"]["chunks"] == -(-SIZE // chunk_size)
        _same(in_process, other)
    # and the figures are real ones: the 25% threshold adds WIA benefits only in the 25-35 band
    bands = {b["band"]: b for b in in_process["wia"]["stock_by_ao_band"]}
    assert bands["25-35"]["baseline"] == 0 and bands["25-35"]["reform"] > 0
    assert in_process["population"]["households"] == SIZE
    assert sum(r["sample_households"] for r in in_process["income"]["by_decile"] if r["households"]) == SIZE
    assert in_process["ranges"]["sample_size"] == SIZE and in_process["ranges"]["tornado"]


def test_local_cluster_of_two_workers_gives_the_in_process_answer(scenario_file, in_process, cluster):
    from distributed import Client

    with Client(cluster, timeout=TIMEOUT) as client:
        client.wait_for_workers(2, timeout=TIMEOUT)
        on_cluster = compare_scenario_chunked(scenario_file, OnDask(client, "test cluster"), chunk_size=1_000,
                                              progress=lambda m: None)
        # both workers took part
        assert on_cluster["execution"]["workers"] == 2
    _same(in_process, on_cluster)


def test_scheduler_option_uses_an_existing_cluster(scenario_file, in_process, cluster):
    messages = []
    with runner(scheduler=cluster.scheduler_address, progress=messages.append) as r:
        result = compare_scenario_chunked(scenario_file, r, chunk_size=2_000, progress=messages.append)
    assert result["execution"]["runner"] == f"Dask scheduler {cluster.scheduler_address}"
    _same(in_process, result)


def test_a_killed_worker_has_its_chunk_retried(scenario_file, cluster, tmp_path):
    """Chunk 1's first attempt kills its worker process; Dask gives the chunk to a worker again and
    the merged answer equals the in-process one."""
    from distributed import Client

    marker = str(tmp_path / "killed-once")

    def dies_once(job, chunk):
        if chunk.index == 1 and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(17)  # the worker process dies mid-chunk, as an out-of-memory kill would
        return compare_chunk(job, chunk)

    job = Job(scenario_file, False, SIZE, 2025)
    expected, _ = run_chunks(job, InProcess(), 1_000, progress=lambda m: None)
    with Client(cluster, timeout=TIMEOUT) as client:
        client.wait_for_workers(2, timeout=TIMEOUT)
        merged, plan = run_chunks(job, OnDask(client, "test cluster"), 1_000, progress=lambda m: None, task=dies_once)
        client.wait_for_workers(2, timeout=TIMEOUT)  # the nanny brought the dead worker back
    assert os.path.exists(marker), "the worker was never killed: the test tested nothing"
    assert len(plan) == 3 and merged["households"] == SIZE
    _same(expected, merged, "merged")


@pytest.mark.parametrize("where", ["in-process", "cluster"])
def test_a_failing_chunk_is_reported_with_its_id_and_seed(scenario_file, cluster, where):
    from distributed import Client

    def fails_in_chunk_2(job, chunk):
        if chunk.index == 2:
            raise FloatingPointError("law evaluation broke")
        return compare_chunk(job, chunk)

    job = Job(scenario_file, False, SIZE, 2025)
    seed = chunking.block_seed(2025, 2)
    if where == "in-process":
        with pytest.raises(InputError) as caught:
            run_chunks(job, InProcess(), 1_000, progress=lambda m: None, task=fails_in_chunk_2)
    else:
        with Client(cluster, timeout=TIMEOUT) as client:
            with pytest.raises(InputError) as caught:
                run_chunks(job, OnDask(client, "test cluster"), 1_000, progress=lambda m: None, task=fails_in_chunk_2)
    message = str(caught.value)
    assert "chunk 2 " in message and f"block seed {seed}" in message and "households 2,000-2,999" in message
    assert "FloatingPointError: law evaluation broke" in message and "\n" not in message


def test_nlsz_compare_workers_2_on_the_command_line(scenario_file, in_process, tmp_path):
    """`nlsz compare --workers 2` starts (and closes) its own loopback cluster; comparison.json holds the
    in-process figures. Bad options are exit 2 with one line."""
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", "compare", scenario_file, "--out", str(out),
                             "--workers", "2", "--chunk-size", "1500"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "local Dask cluster: 2 worker processes on 127.0.0.1" in result.stdout
    on_disk = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert on_disk["execution"]["chunk_size"] == 2_000 and on_disk["execution"]["workers"] == 2
    on_disk.pop("charts")  # added by the report writer
    _same(json.loads(json.dumps(in_process)), on_disk)
    assert (out / "report.html").is_file()
    for bad, field in ((["--workers", "0"], "--workers"), (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler"),
                       (["--scheduler", "http://x"], "--scheduler")):
        bad_run = subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", "compare", scenario_file, "--out",
                                  str(tmp_path / "bad"), *bad], capture_output=True, text=True, timeout=120)
        assert bad_run.returncode == 2, bad_run.stderr
        lines = bad_run.stderr.strip().splitlines()
        assert len(lines) == 1 and field in lines[0] and "Traceback" not in bad_run.stderr
