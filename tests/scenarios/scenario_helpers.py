"""Shared helpers for the scenario tests (no YAML fixtures here: every *.yaml under tests/ is an
OpenFisca test file, so scenario files for tests are written to tmp_path)."""

from __future__ import annotations

import pytest
import yaml
from openfisca_core.simulations import SimulationBuilder


def needs(tbs, *names):
    """Skip (with the reason) when a law module another helper writes is not in the system yet."""
    missing = [n for n in names if n not in tbs.variables]
    if missing:
        pytest.skip(f"waits on variables not yet in the system: {', '.join(missing)}")


def write_scenario(tmp_path, data, name="scenario.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def calc(system, situation, variable, period="2025-01"):
    sim = SimulationBuilder().build_from_entities(system, situation)
    return float(sim.calculate(variable, period)[0])
