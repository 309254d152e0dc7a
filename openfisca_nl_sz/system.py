"""The OpenFisca tax-benefit system of Dutch social security."""

from __future__ import annotations

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_nl_sz import entities, formula_defaults, populations
from openfisca_nl_sz.paths import data_dir


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """WIA, WW, Toeslagenwet, Participatiewet, income tax and the Awir allowances."""

    CURRENCY = "€"

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(data_dir("variables")))
        # Inputs with a formula default (`set_input = given_or_formula`): each entity gets the value
        # given for it, or else its own formula value, even when the situation gives the input for
        # some entities only. Plain OpenFisca would give the others the default_value.
        formula_defaults.install(self)
        self.load_parameters(str(data_dir("parameters")))

    def instantiate_entities(self):
        # OpenFisca's populations with each role's mask computed once per simulation instead of once
        # per use (openfisca_nl_sz/populations.py; issue 14 point 2)
        return populations.instantiate_entities(self)
