"""Facts about the household and its dwelling: rent, service charges, composition."""

from openfisca_core.model_api import MONTH, Variable

from openfisca_nl_sz.entities import Huishouden


class huur(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Kale huur (rent without service charges) per month"
    reference = "https://wetten.overheid.nl/BWBR0008659/2026-01-01#Artikel5"


class servicekosten(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Subsidisable service charges per month"
    reference = "https://wetten.overheid.nl/BWBR0008659/2026-01-01#Artikel5"


class heeft_partner(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "The aanvrager has a partner in the household"

    def formula(huishouden, period):
        return huishouden.nb_persons(Huishouden.PARTNER) > 0


class aantal_kinderen(Variable):
    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Number of children in the gezin"

    def formula(huishouden, period):
        return huishouden.nb_persons(Huishouden.KIND)


class aantal_bewoners(Variable):
    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Number of people living in the dwelling"

    def formula(huishouden, period):
        return huishouden.nb_persons()
