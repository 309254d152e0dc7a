"""Stand-ins for benefit variables other modules define, only while those modules are not there yet.

`ib_belastbaar_inkomen_jaar` reads `wia_uitkering`, `ww_uitkering` and `toeslagenwet_toeslag`, which
the WIA, WW and Toeslagenwet modules define. While one of them is missing, this adds a plain input
variable of the same name to the shared test system so the tax tests can set it; once the real
variable exists nothing is added. Remove this file after integration.
"""

from openfisca_core.model_api import MONTH, Variable

from openfisca_nl_sz.entities import Persoon

_BENEFITS = ("wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag")


def add_missing_benefit_inputs(system):
    for name in _BENEFITS:
        if name not in system.variables:
            stub = type(name, (Variable,), {
                "value_type": float,
                "entity": Persoon,
                "definition_period": MONTH,
                "label": f"{name} (test stand-in until its module exists)",
            })
            system.add_variable(stub)
    return system


def pytest_configure(config):
    plugin = config.pluginmanager.get_plugin("openfisca_yaml")
    if plugin is not None:
        add_missing_benefit_inputs(plugin.tax_benefit_system)
