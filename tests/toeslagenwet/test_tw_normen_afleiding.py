"""The TW art. 9 calculation that derives the ongehuwde norms for dates without an official table.

The calculation (openfisca_nl_sz/tw_normen.py) is judged against the only two official UWV tables found
(research params_sz.md §4.2): it must turn one into the other, across a change of tax year, in both
directions. Those expected amounts are UWV's, not the code's. A hand-worked closed form checks one
derived value, and the encoded `status: derived` parameters must equal what the calculation gives.
"""

import pytest

from openfisca_nl_sz import tw_normen

#: UWV "Bedragen sociaal minimum" per day [A]: 1 July 2024 (snapshot, date inferred) and 1 July 2025.
OFFICIEEL = {
    "2024-07-01": {
        "alleenstaande": 69.40,
        "woningdeler": 44.16,
        "alleenstaande_20": 54.12,
        "alleenstaande_19": 39.40,
        "alleenstaande_18": 32.14,
    },
    "2025-07-01": {
        "alleenstaande": 73.79,
        "woningdeler": 47.87,
        "alleenstaande_20": 57.66,
        "alleenstaande_19": 42.17,
        "alleenstaande_18": 34.46,
    },
}

#: How close the calculation gets to UWV's figures across a tax year (see tw_normen's documentation):
#: the adult norms to the cent (one cent of rounding), the youth norms to 5 cents a day.
MARGE = {"alleenstaande": 0.011, "woningdeler": 0.011}
MARGE_JEUGD = 0.05


@pytest.fixture(scope="module")
def parameters(tbs):
    return tbs.parameters


@pytest.mark.parametrize("bron, doel", [("2024-07-01", "2025-07-01"), ("2025-07-01", "2024-07-01")])
@pytest.mark.parametrize("categorie", tw_normen.CATEGORIEEN)
def test_official_table_follows_from_the_other_official_table(parameters, categorie, bron, doel):
    afgeleid = tw_normen.afgeleid_dagbedrag(categorie, OFFICIEEL[bron][categorie], parameters(bron), parameters(doel))
    assert afgeleid == pytest.approx(OFFICIEEL[doel][categorie], abs=MARGE.get(categorie, MARGE_JEUGD))


def test_adult_norms_do_not_simply_follow_the_gross_minimumloon(parameters):
    """Why the derivation is needed: the gross ratio to the gehuwdennorm moved between the two tables."""
    verhouding_2024 = OFFICIEEL["2024-07-01"]["alleenstaande"] / 98.10
    verhouding_2025 = OFFICIEEL["2025-07-01"]["alleenstaande"] / 103.26
    assert verhouding_2025 - verhouding_2024 > 0.005


@pytest.mark.parametrize("datum", sorted(OFFICIEEL))
@pytest.mark.parametrize("categorie", sorted(tw_normen.JEUGD))
def test_youth_norm_net_is_three_quarters_of_the_net_minimumjeugdloon(parameters, categorie, datum):
    """The empirical basis of the youth rule: in both official tables the net youth norm is 75 % of the net youth wage."""
    p = parameters(datum)
    netto_norm = float(tw_normen.netto_per_jaar(OFFICIEEL[datum][categorie], p)[0])
    netto_loon = tw_normen.netto_minimumjeugdloon_per_jaar(tw_normen.JEUGD[categorie], p)
    assert netto_norm / netto_loon == pytest.approx(0.75, abs=0.001)


def test_alleenstaande_2026_worked_by_hand(parameters):
    """Closed form with the legal figures written out (first bracket only; tax above the heffingskorting).

    2025: tax + premies 35,82 % of the yearly amount in whole euros, algemene heffingskorting € 3.068;
    2026: 35,75 %, € 3.115 (Wet IB 2001 art. 2.10 and 8.10). Participatiewet gehuwdennorm 1-7-2025
    € 1.955,80, 1-1-2026 € 2.002,13 (Normenbrief 1 januari 2026). Days per year 21,75 x 12 = 261,
    vakantiebijslag 8 %.
    """
    bruto_2025 = 73.79 * 261 * 1.08  # 20.800,22
    netto_2025 = bruto_2025 - (0.3582 * 20800 - 3068)  # 16.417,66
    netto_2026 = netto_2025 * 2002.13 / 1955.80  # 16.806,5
    bruto_2026 = (netto_2026 - 3115) / (1 - 0.3575)  # 21.309,9 (whole-euro rounding moves it < 1 cent a day)
    per_dag = bruto_2026 / (261 * 1.08)
    assert per_dag == pytest.approx(75.60, abs=0.005)
    afgeleid = tw_normen.afgeleid_dagbedrag("alleenstaande", 73.79, parameters("2025-07-01"), parameters("2026-01-01"))
    assert afgeleid == pytest.approx(per_dag, abs=0.005)


def test_encoded_derived_values_equal_the_calculation(tbs):
    """A derived parameter value must be re-derived when a tax or bijstand parameter it depends on changes."""
    rijen = tw_normen.afgeleide_waarden(tbs)
    assert len(rijen) == 15  # 5 categories x 3 dates without an official table
    verschillen = [rij for rij in rijen if abs(rij[3] - rij[4]) > 0.001]
    assert verschillen == [], "run python -m openfisca_nl_sz.tw_normen and update the parameters"


def test_unknown_category_is_named(parameters):
    with pytest.raises(ValueError, match="alleenstaande_21"):
        tw_normen.index_van_netto_norm("alleenstaande_21", parameters("2025-07-01"))
