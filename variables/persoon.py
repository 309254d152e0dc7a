"""Facts about a person that several laws use: age, wage, assets, study, place in the household."""

from openfisca_core.model_api import ETERNITY, MONTH, Variable

from openfisca_nl_sz.entities import Huishouden, Persoon


class leeftijd(Variable):
    value_type = int
    entity = Persoon
    definition_period = MONTH
    default_value = 40
    label = "Age in whole years"
    reference = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel20"


class loon(Variable):
    """Gross wage from employment in the month, without the vakantiebijslag (8%) that is paid on it."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Gross monthly wage from employment, excluding vakantiebijslag"
    reference = "https://wetten.overheid.nl/BWBR0002638/2026-01-01#Artikel15"


class vermogen(Variable):
    """Assets on 1 January of the period's year (contract convention)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Assets (vermogen) on 1 January"
    reference = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel34"


class studeert_met_studiefinanciering(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Student receiving studiefinanciering or WTOS (not a kostendeler)"
    reference = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel19a"


class is_aanvrager(Variable):
    value_type = bool
    entity = Persoon
    definition_period = ETERNITY
    label = "Is the aanvrager of the household"

    def formula(persoon, period):
        return persoon.has_role(Huishouden.AANVRAGER)


class is_partner(Variable):
    value_type = bool
    entity = Persoon
    definition_period = ETERNITY
    label = "Is the partner of the aanvrager"

    def formula(persoon, period):
        return persoon.has_role(Huishouden.PARTNER)


class is_kind(Variable):
    value_type = bool
    entity = Persoon
    definition_period = ETERNITY
    label = "Is a child in the gezin"

    def formula(persoon, period):
        return persoon.has_role(Huishouden.KIND)


class is_medebewoner(Variable):
    value_type = bool
    entity = Persoon
    definition_period = ETERNITY
    label = "Lives in the dwelling without belonging to the gezin"

    def formula(persoon, period):
        return persoon.has_role(Huishouden.MEDEBEWONER)


class is_gezinslid(Variable):
    value_type = bool
    entity = Persoon
    definition_period = ETERNITY
    label = "Belongs to the gezin (aanvrager, partner or kind)"

    def formula(persoon, period):
        return ~persoon.has_role(Huishouden.MEDEBEWONER)
