"""Runs the OpenFisca YAML tests next to the Python tests, in one pytest session.

Every `*.yaml` under tests/ is an `openfisca test` file; pytest collects them through
OpenFisca's own plugin, so `pytest` gives one summary line for both kinds.
"""


import pytest
from openfisca_core.tools.test_runner import OpenFiscaPlugin

from openfisca_nl_sz import CountryTaxBenefitSystem

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
