"""The TW art. 9 calculation that derives the ongehuwde norms for dates without an official table.

The calculation (openfisca_nl_sz/legal/tw_normen.py) is judged against the only two official UWV tables found
(research params_sz.md §4.2): it must turn one into the other, across a change of tax year, in both
directions. Those expected amounts are UWV's, not the code's. A closed form with the legal figures
written out re-derives every encoded `status: derived` value by hand, and those values must also
equal what the module's calculation gives today.
"""

import pytest

from openfisca_nl_sz.legal import tw_normen

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


#: Legal inputs written out, for a hand calculation independent of the module and the parameter tree.
#: First box-1 bracket, tax + premies volksverzekeringen, and the maximum algemene heffingskorting
#: (Wet IB 2001 art. 2.10, 8.10; research params_tax_toeslagen.md §1.1, §2.1); all amounts here lie
#: below the second bracket and below the heffingskorting's afbouwpunt.
TARIEF = {2024: (0.3697, 3362), 2025: (0.3582, 3068), 2026: (0.3575, 3115)}
#: Participatiewet art. 21 onder b, incl. vakantietoeslag (research params_sz.md §5.2).
PW_GEHUWDEN = {"2024-01-01": 1834.04, "2024-07-01": 1869.21, "2025-01-01": 1922.07, "2025-07-01": 1955.80, "2026-01-01": 2002.13,
               "2026-07-01": 2027.79}  # 2026-07-01 secondary, see the parameter
#: WML art. 8 lid 1 b referentieminimummaandloon (research params_sz.md §1) and youth percentages (art. 8 lid 3).
RMML = {"2024-01-01": 2069.40, "2024-07-01": 2133.60, "2025-01-01": 2191.80, "2025-07-01": 2245.80, "2026-01-01": 2294.40,
        "2026-07-01": 2337.00}  # 2026-07-01 secondary, see the parameter
JEUGD_PROCENT = {"alleenstaande_20": 0.80, "alleenstaande_19": 0.60, "alleenstaande_18": 0.50}
DAGEN_MET_VAKANTIEBIJSLAG = 261 * 1.08  # 21,75 x 12 days a year, 8 % vakantiebijslag


def _netto(bruto_jaar, datum):
    tarief, ahk = TARIEF[int(datum[:4])]
    return bruto_jaar - max(0.0, tarief * bruto_jaar - ahk)


def _bruto(netto_jaar, datum):
    tarief, ahk = TARIEF[int(datum[:4])]
    return netto_jaar if tarief * netto_jaar <= ahk else (netto_jaar - ahk) / (1 - tarief)


@pytest.mark.parametrize(
    "doel, bron", [("2024-01-01", "2024-07-01"), ("2025-01-01", "2025-07-01"), ("2026-01-01", "2025-07-01"), ("2026-07-01", "2025-07-01")]
)
@pytest.mark.parametrize("categorie", tw_normen.CATEGORIEEN)
def test_encoded_derived_value_by_hand(parameters, categorie, doel, bron):
    """Every derived norm, recomputed here from the legal figures above (closed form, no module code)."""
    netto_bron = _netto(OFFICIEEL[bron][categorie] * DAGEN_MET_VAKANTIEBIJSLAG, bron)
    if categorie in JEUGD_PROCENT:
        def netto_jeugdloon(datum):
            return _netto(JEUGD_PROCENT[categorie] * RMML[datum] * 12 * 1.08, datum)
        verhouding = netto_jeugdloon(doel) / netto_jeugdloon(bron)
    else:
        verhouding = PW_GEHUWDEN[doel] / PW_GEHUWDEN[bron]
    per_dag = _bruto(netto_bron * verhouding, doel) / DAGEN_MET_VAKANTIEBIJSLAG
    encoded = getattr(parameters(doel).toeslagenwet.norm.ongehuwd_per_dag, categorie)
    # 0,01: this closed form leaves out the whole-euro rounding of the taxable income
    assert encoded == pytest.approx(per_dag, abs=0.01)


def test_encoded_derived_values_equal_the_calculation(tbs):
    """A derived parameter value must be re-derived when a tax or bijstand parameter it depends on changes."""
    rijen = tw_normen.afgeleide_waarden(tbs)
    assert len(rijen) == 20  # 5 categories x 4 dates without an official table
    verschillen = [rij for rij in rijen if abs(rij[3] - rij[4]) > 0.001]
    assert verschillen == [], "run python -m openfisca_nl_sz.legal.tw_normen and update the parameters"


def test_unknown_category_is_named(parameters):
    with pytest.raises(ValueError, match="alleenstaande_21"):
        tw_normen.index_van_netto_norm("alleenstaande_21", parameters("2025-07-01"))
