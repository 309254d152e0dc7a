"""Issue 16: the grid phase of the harm search (starting households x axes x periods) on a local
Dask cluster of 2 workers gives the harms of the in-process grid, in the same order."""

from __future__ import annotations

import pytest

from openfisca_nl_sz.distributed.cluster import runner
from openfisca_nl_sz.distributed.grid import add_to, grid_results


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
