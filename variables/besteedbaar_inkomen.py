"""Net disposable household income: what the household actually has to live on each month.

Every harm the search reports is measured in this amount, so it must contain every euro that the
encoded laws pay or take: the members' net wages and benefits (after income tax and the
heffingskortingen), bijstand, and the allowances (zorgtoeslag, huurtoeslag, kindgebonden budget,
kinderbijslag), which are not taxed.
"""

from openfisca_core.model_api import MONTH, Variable, max_

from openfisca_nl_sz.entities import Huishouden

#: Household-level payments that come on top of the members' net income.
HOUSEHOLD_PAYMENTS = (
    "bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag",
    "tegemoetkoming_alleenverdieners",  # Pw art. 78gg, a yearly municipal payment as a monthly average
)


class besteedbaar_inkomen(Variable):
    """All members' net income from work and benefits, plus bijstand and the allowances, per month."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Besteedbaar inkomen: net disposable household income per month"
    reference = "https://wetten.overheid.nl/BWBR0011353/2026-01-01#Hoofdstuk2"
    documentation = """
    Sum over everyone in the dwelling (medebewoners included) of `netto_inkomen` (wage incl. the
    vakantiebijslag share and WIA/WW/Toeslagenwet benefits, minus inkomstenbelasting), plus the
    household's bijstand (net, incl. vakantietoeslag), the allowances and the tegemoetkoming
    alleenverdieners (Pw art. 78gg, paid once a year, here / 12). Yearly quantities follow
    the contract's convention: the month's situation is taken to last the whole year.
    """

    def formula(huishouden, period, parameters):
        total = huishouden.sum(huishouden.members("netto_inkomen", period))
        for name in HOUSEHOLD_PAYMENTS:
            total = total + huishouden(name, period)
        return total


class sociaal_minimum_tekort(Variable):
    """How far the gezin's own net income plus bijstand stays below its bijstandsnorm (0 if not)."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Shortfall of the gezin's income below its social minimum (bijstandsnorm)"
    reference = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel21"
    documentation = """
    The social minimum of a gezin is its Participatiewet norm (`bijstandsnorm`, incl. vakantietoeslag
    and the kostendelersnorm). The gezin's income here is the net income of aanvrager, partner and
    kinderen plus bijstand; allowances are left out because they come on top of the minimum for
    everyone. A shortfall means the last safety net does not fill the gap — for instance because
    assets are above the limit, or a partner's income is counted that the gezin does not have.
    """

    def formula(huishouden, period, parameters):
        netto = huishouden.members("netto_inkomen", period)
        gezin = huishouden.members("is_gezinslid", period)
        income = huishouden.sum(netto * gezin) + huishouden("bijstand", period)
        return max_(0, huishouden("bijstandsnorm", period) - income)


class sociaal_minimum_tekort_zonder_vermogen(Variable):
    """The shortfall below the social minimum of a gezin that has no assets to bridge it."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Shortfall below the social minimum of a gezin whose assets are within the bijstand asset limit"
    reference = [
        "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel21",
        "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel34",
    ]
    documentation = """
    `sociaal_minimum_tekort`, but only where the gezin's assets are within the vermogensgrens of
    Participatiewet art. 34 lid 3 (`pw_vermogen` at most `pw_vermogensgrens`). A gezin with assets above
    the limit gets no bijstand because the law expects it to live off those assets first: its shortfall
    is the design of art. 34, not a gap in the safety net (the asset limit itself, the step across it,
    is a cliff of its own). The comparison is with the grens itself, not with the outcome of the
    vermogenstoets, so that a reform softening the test (a gradual asset test) is judged the same way:
    the part of the norm it withholds from a gezin above the grens is bridged by those assets. The harm
    search judges `onder_sociaal_minimum` on this variable, so that a household living off its savings
    is not reported as below the minimum.
    """

    def formula(huishouden, period, parameters):
        binnen_grens = huishouden("pw_vermogen", period) <= huishouden("pw_vermogensgrens", period)
        return huishouden("sociaal_minimum_tekort", period) * binnen_grens
