"""One small seeded scan written to a folder, shared by the report tests (a few seconds)."""

import pytest

from openfisca_nl_sz.report.write import write_outputs
from openfisca_nl_sz.search.config import parse_config
from openfisca_nl_sz.search.run import run_scan

#: Two households and three axes: enough for cards of three kinds on two periods, and a table with
#: several kinds and periods to filter.
SMALL = {
    "periods": ["2026-01", "2025-01"],
    "seed": 3,
    "max_examples": 0,
    "budget_seconds": 300,
    "axes": [
        {"variable": "vermogen", "low": 0, "high": 20000, "points": 41, "members": ["aanvrager"]},
        {"variable": "leeftijd", "low": 20, "high": 30, "integer": True, "members": ["medebewoner"]},
        {"variable": "loon", "low": 0, "high": 3000, "resolution": 1, "points": 61, "members": ["aanvrager"]},
    ],
    "templates": [
        {"name": "bijstand met volwassen kind",
         "members": [{"id": "aanvrager", "role": "aanvrager", "inputs": {"leeftijd": 55}},
                     {"id": "medebewoner", "role": "medebewoner", "inputs": {"leeftijd": 25}}],
         "inputs": {"huur": 700}},
    ],
    "grades": {"ernstig": {"euro_per_month": 100, "share": 0.05}, "zeer_ernstig": {"euro_per_month": 400, "share": 0.2}},
    "expected": [
        {"name": "vermogensgrens bijstand", "kind": "cliff", "axis": "vermogen", "cause": "bijstand"},
        {"name": "iets dat hier niet kan", "kind": "cliff", "axis": "wia_maanden_sinds_aanvang"},
    ],
}


@pytest.fixture(scope="session")
def small_config(tbs):
    return parse_config(SMALL, "small.yaml", tbs)


@pytest.fixture(scope="session")
def small_report(tbs, tmp_path_factory):
    config = parse_config(SMALL, "small.yaml", tbs)
    out = tmp_path_factory.mktemp("report")
    result = run_scan(config, str(out), system=tbs, shrink_findings=False)
    write_outputs(result, str(out), tbs, config)
    return out, result
