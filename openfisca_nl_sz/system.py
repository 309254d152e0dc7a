"""The OpenFisca tax-benefit system of Dutch social security."""

from __future__ import annotations

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_nl_sz import entities
from openfisca_nl_sz.paths import data_dir


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """WIA, WW, Toeslagenwet, Participatiewet, income tax and the Awir allowances."""

    CURRENCY = "€"

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(data_dir("variables")))
        self.load_parameters(str(data_dir("parameters")))
