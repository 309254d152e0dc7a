"""Runs the OpenFisca YAML tests next to the Python tests, in one pytest session.

Every `*.yaml` under tests/ is an `openfisca test` file; pytest collects them through
OpenFisca's own plugin, so `pytest` gives one summary line for both kinds.
"""


import pytest
from hypothesis import settings
from openfisca_core.tools.test_runner import OpenFiscaPlugin

from openfisca_nl_sz import CountryTaxBenefitSystem

# Property tests draw the same examples on every run ("ci", the default), so CI on a fresh clone is
# reproducible: a red run is a rule change, not luck. To hunt for new counterexamples, draw fresh
# ones: `python -m pytest --hypothesis-profile=explore` (or `--hypothesis-seed=N`). The harm search
# itself sets its own seed and database (openfisca_nl_sz/search/run.py) and is not affected.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("ci")

_SYSTEM = None


def tax_benefit_system():
    global _SYSTEM
    if _SYSTEM is None:
        _SYSTEM = CountryTaxBenefitSystem()
    return _SYSTEM


def pytest_configure(config):
    config.pluginmanager.register(
        OpenFiscaPlugin(tax_benefit_system(), options={}), name="openfisca_yaml"
    )


@pytest.fixture(scope="session")
def tbs():
    return tax_benefit_system()
