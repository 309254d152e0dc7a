"""Wet minimumloon en minimumvakantiebijslag (WML, BWBR0002638): the monthly minimum wage that benefit laws use.

Since 2024 the WML fixes an hourly minimum wage for employers, but art. 8 lid 1 b keeps a monthly amount
"voor de toepassing van wetten die ... naar deze wet verwijzen": the referentieminimummaandloon (RMML).
The WIA (art. 12 lid 1 b), the Toeslagenwet and the Participatiewet (art. 37) build on it. Young
workers get a percentage of it (art. 8 lid 3, art. 7). The vakantiebijslag (art. 15) is a separate
parameter; every law adds it itself where it says so.
"""

from openfisca_core.model_api import MONTH, Variable

from openfisca_nl_sz.entities import Persoon


class minimumloon_per_maand(Variable):
    """The statutory minimum wage per month for this person's age: the referentieminimummaandloon for
    21 and older, the youth percentage of it below 21, without vakantiebijslag."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Wettelijk minimumloon per maand voor de leeftijd van de persoon, exclusief vakantiebijslag"
    reference = [
        "https://wetten.overheid.nl/BWBR0002638/2025-01-01#Artikel8",
        "https://wetten.overheid.nl/BWBR0002638/2025-01-01#Artikel7",
    ]
    documentation = """
    RMML (WML art. 8 lid 1 b) × minimumjeugdloonpercentage for the person's `leeftijd` (art. 8 lid 3;
    100 % from 21, 0 below 15). Not rounded: the WML rounds only the hourly youth wages, and the
    benefit laws apply the percentage to the monthly amount. The bbl percentages are not modelled.
    """

    def formula_2024_01(persoon, period, parameters):
        wml = parameters(period).wml
        leeftijd = persoon("leeftijd", period)
        return wml.referentieminimummaandloon * wml.jeugdpercentage.calc(leeftijd)
