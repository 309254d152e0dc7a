"""Issue 16: the grid phase of the harm search (starting households x axes x periods) on a local
Dask cluster of 2 workers gives the harms of the in-process grid, in the same order."""

from __future__ import annotations

import pytest

from openfisca_nl_sz.distributed.cluster import runner
from openfisca_nl_sz.distributed.grid import add_to, grid_results
from small_scan import SMALL  # tests/small_scan.py, shared with the other scan tests


def _key(harm):
    return (harm.kind, harm.axis.variable, harm.period, float(harm.x_from), float(harm.x_to),
            pytest.approx(float(harm.net_from)), pytest.approx(float(harm.net_to)), pytest.approx(float(harm.severity)))


def test_grid_on_two_workers_equals_the_in_process_grid(tbs):
    from openfisca_nl_sz.search.config import load_config
    from openfisca_nl_sz.search.evaluate import Evaluator
    from openfisca_nl_sz.search.run import Collector

    config = load_config(None, tbs)
    starting = list(config.templates)[:2]
    here = grid_results(config, starting)
    with runner(workers=2, progress=lambda m: None) as r:
        there = grid_results(config, starting, r)
    assert [item[:3] for item, _, _ in here] == [item[:3] for item, _, _ in there]
    assert len(here) == 2 * len(config.periods)
    found = 0
    for (_, harms_here, reach_here), (_, harms_there, reach_there) in zip(here, there):
        assert [_key(h) for h in harms_here] == [_key(h) for h in harms_there]
        assert reach_here == reach_there
        found += len(harms_here)
    assert found > 0, "the default scan's first templates have known harms (e.g. the WIA 35% cliff)"
    # and they go into the search's Collector as its own grid loop adds them
    collectors = []
    for results in (here, there):
        collector = Collector({p: Evaluator(tbs, p) for p in config.periods})
        add_to(collector, results)
        collectors.append(collector)
    assert sorted(map(str, collectors[0].harms)) == sorted(map(str, collectors[1].harms))
    assert len(collectors[0].harms) > 0


def test_nlsz_scan_with_workers_finds_the_same_harms(tmp_path):
    """`nlsz scan --workers 2`: the grid on a local cluster (closed before the rest of the scan), the
    rest as always. The harms found are the in-process run's: same kinds, axes, steps and severities.

    Not compared byte for byte: the example household the Hypothesis phase keeps for a harm already
    depends on the process state without any cluster (measured: importing one more module of this
    package before `cli.main` changes one example's vermogen, 1,500 -> 1,200, same harm, same
    severity); reported to the lead as a finding about the search."""
    import json
    import subprocess
    import sys

    import yaml

    config = tmp_path / "scan.yaml"
    config.write_text(yaml.safe_dump(SMALL), encoding="utf-8")
    runs = {}
    for name, extra in (("here", []), ("workers", ["--workers", "2"])):
        out = tmp_path / name
        result = subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", "scan", "--config", str(config), "--out", str(out),
                                 *extra], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        if extra:
            assert "on local cluster of 2 workers" in result.stderr
        findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
        runs[name] = sorted((f["kind"], f["axis"], f.get("axis_member"), round(float(f["severity"]), 2)) for f in findings)
    assert runs["here"], "the small scan finds harms (e.g. the asset limit of the bijstand on the vermogen axis)"
    assert any(kind == "cliff" and axis == "vermogen" for kind, axis, _m, _s in runs["here"])
    assert runs["workers"] == runs["here"]
