"""Algemene Kinderbijslagwet (AKW, BWBR0002368): the income-independent child benefit.

The SVB pays a fixed amount per child per quarter, by age: 0-5, 6-11 and 12-17 years (70%, 85% and
100% of the basisbedrag, art. 12). Nothing from 18. The model spreads the quarterly amount evenly over
its three months. Not modelled: the age is the age on the first day of the quarter (the model uses
this month's age), dubbele kinderbijslag, the schooling/income conditions at 16-17, and the start in
the quarter after birth.
"""

from openfisca_core.model_api import MONTH, Variable

from openfisca_nl_sz.entities import Huishouden

AKW = "https://wetten.overheid.nl/BWBR0002368/2025-01-01"


class kinderbijslag(Variable):
    """The kinderbijslag of the gezin per month: for each child under 18 the quarterly amount for its
    age, divided by 3."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Kinderbijslag per month"
    reference = [f"{AKW}#Artikel12", f"{AKW}#Artikel7"]

    def formula(huishouden, period, parameters):
        schaal = parameters(period).kinderbijslag.bedrag_per_kwartaal
        leeftijd = huishouden.members("leeftijd", period)
        per_kwartaal = schaal.calc(leeftijd)
        return huishouden.sum(per_kwartaal, role=Huishouden.KIND) / 3
