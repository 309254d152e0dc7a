"""openfisca-nl-sz: Dutch social security as code, and a search for its harsh effects."""

from openfisca_nl_sz.system import CountryTaxBenefitSystem

__all__ = ["CountryTaxBenefitSystem"]
