"""One default scan shared by the must-show tests: the grid phase and a small seeded Hypothesis run.

Shrinking is switched off here (it is tested on its own), so that the shared scan stays a few
seconds long; every harm is still located to the axis resolution and explained.
"""

import pytest

from openfisca_nl_sz.search.config import load_config
from openfisca_nl_sz.search.run import run_scan


@pytest.fixture(scope="session")
def default_config(tbs):
    return load_config(None, tbs)


@pytest.fixture(scope="session")
def default_scan(tbs, tmp_path_factory):
    config = load_config(None, tbs)
    config.max_examples = 5
    return run_scan(config, str(tmp_path_factory.mktemp("scan")), system=tbs, shrink_findings=False)
