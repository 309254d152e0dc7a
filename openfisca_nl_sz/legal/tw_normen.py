"""How the ongehuwde Toeslagenwet norms move between two official tables (TW art. 9), as a calculation.

The Toeslagenwet names its norms as gross euro amounts per day (art. 2 lid 2, art. 8 lid 2) and changes
them twice a year "overeenkomstig de wijze en met ingang van de dag waarop de bedragen, genoemd in
hoofdstuk 3 van de Participatiewet, worden gewijzigd" (art. 9 lid 1), published in the Staatscourant
(lid 2). The Participatiewet norms are NET amounts. So SZW keeps the NET value of a TW norm in step with
the bijstand norms and then grosses it up again with that date's wage tax. Only the gehuwdennorm is
simply 100 % of the gross minimumloon (`tw_norm_per_dag`).

Official UWV tables were found for 1 July 2024 and 1 July 2025 only (research params_sz.md §4.2), not
for 1 January 2024, 2025 and 2026. This module derives the missing dates from an official table:

- net = gross day amount x 261 (21,75 x 12) x 1,08 (with vakantiebijslag), minus box-1 tax and premies
  volksverzekeringen after the algemene heffingskorting only (a benefit carries no arbeidskorting);
- alleenstaande and alleenstaand-woningdeler 21+: the net moves with the Participatiewet gehuwdennorm
  (art. 21 b; alleenstaande 70 % and woningdeler 50 % of it move by the same percentage);
- alleenstaande of 18, 19 and 20: the net moves with the net minimumjeugdloon of that age (youth
  percentage x referentieminimummaandloon, with vakantiebijslag, algemene heffingskorting only). The
  official tables show this: their net is 75 % of that net youth wage to within 0,1 % at both dates,
  while it does not move with the bijstand norms;
- gross-up: the gross day amount whose net (same rule, target date's tax) equals the target net,
  rounded half up to cents.

How good it is, tested against the two official tables (tests/toeslagenwet/test_tw_normen_afleiding.py):
from the 1 July 2024 table it gives the 1 July 2025 table to 1 cent for the adult norms (73,80 for
73,79 and 47,87) and to 5 cents for the youth norms. The older UWV tables (2019-2022) cannot be a test
here because the tax parameters of those years are not encoded; an informal check with the 2020 and
2021 first-bracket rate and algemene heffingskorting put the adult norms within 1 to 7 cents a day
(at most about 0,1 %), the 7 cents in one table (1 January 2021) that both neighbouring tables
predicted alike. So expect an error of a few cents a day, not more. The derived values are
marked `status: derived` in the parameters, never as official figures.

Run `python -m openfisca_nl_sz.legal.tw_normen` to print the derivation for every derived date.
"""

import numpy as np

from openfisca_nl_sz.legal import box1
from openfisca_nl_sz.legal.rounding import cents_half_up

#: Categories of parameters toeslagenwet.norm.ongehuwd_per_dag; the youth ones with their age.
VOLWASSEN = ("alleenstaande", "woningdeler")
JEUGD = {"alleenstaande_20": 20, "alleenstaande_19": 19, "alleenstaande_18": 18}
CATEGORIEEN = VOLWASSEN + tuple(JEUGD)


def _jaar_met_vakantiebijslag(dagbedrag, parameters):
    """A day amount as a yearly amount including the 8 % vakantiebijslag."""
    dagen_per_jaar = parameters.toeslagenwet.norm.dagen_per_maand * 12
    return np.atleast_1d(np.asarray(dagbedrag, dtype=np.float64)) * dagen_per_jaar * (1 + parameters.wml.vakantiebijslag)


def netto_per_jaar(dagbedrag, parameters):
    """Net per year (with vakantiebijslag) of gross TW day amounts (array): tax and premies after the algemene heffingskorting only."""
    bruto = _jaar_met_vakantiebijslag(dagbedrag, parameters)
    return bruto - box1.heffing_na_algemene_heffingskorting(bruto, parameters)


def bruto_per_dag(netto_jaar, parameters, iteraties=60):
    """The gross day amount whose `netto_per_jaar` equals netto_jaar (bisection; net rises with gross)."""
    doel = np.asarray(netto_jaar, dtype=np.float64)
    laag = np.zeros_like(doel)
    hoog = np.full_like(doel, 1.0)
    while np.any(netto_per_jaar(hoog, parameters) < doel):
        hoog = hoog * 2
    for _ in range(iteraties):
        midden = (laag + hoog) / 2
        te_laag = netto_per_jaar(midden, parameters) < doel
        laag = np.where(te_laag, midden, laag)
        hoog = np.where(te_laag, hoog, midden)
    return (laag + hoog) / 2


def netto_minimumjeugdloon_per_jaar(leeftijd, parameters):
    """Net minimumjeugdloon per year with vakantiebijslag, algemene heffingskorting only (no arbeidskorting)."""
    wml = parameters.wml
    bruto = wml.jeugdpercentage.calc(np.asarray([leeftijd]))[0] * wml.referentieminimummaandloon * 12 * (1 + wml.vakantiebijslag)
    return float(bruto - box1.heffing_na_algemene_heffingskorting(np.asarray([bruto]), parameters)[0])


def index_van_netto_norm(categorie, parameters):
    """The amount the net TW norm of this category moves with (see the module documentation)."""
    if categorie in JEUGD:
        return netto_minimumjeugdloon_per_jaar(JEUGD[categorie], parameters)
    if categorie in VOLWASSEN:
        return float(parameters.participatiewet.normen.art21.gehuwden)
    raise ValueError(f"unknown TW norm category {categorie!r}; known: {', '.join(CATEGORIEEN)}")


def afgeleid_dagbedrag(categorie, bron_dagbedrag, bron_parameters, doel_parameters):
    """Day norm at the target date derived from the official day norm at the source date, unrounded."""
    netto_bron = float(netto_per_jaar(bron_dagbedrag, bron_parameters)[0])
    verhouding = index_van_netto_norm(categorie, doel_parameters) / index_van_netto_norm(categorie, bron_parameters)
    return float(bruto_per_dag(np.asarray([netto_bron * verhouding]), doel_parameters)[0])


def afgeleide_waarden(tax_benefit_system):
    """Every `status: derived` value of parameters toeslagenwet.norm.ongehuwd_per_dag, recomputed.

    Returns rows (categorie, doel datum, bron datum, encoded value, derived value rounded to cents).
    """
    norm = tax_benefit_system.parameters.toeslagenwet.norm.ongehuwd_per_dag
    parameters = tax_benefit_system.parameters
    rijen = []
    for categorie in CATEGORIEEN:
        for waarde in getattr(norm, categorie).values_list:
            metadata = waarde.metadata or {}
            if metadata.get("status") != "derived":
                continue
            bron = str(metadata["derived_from"])
            bron_dagbedrag = getattr(norm, categorie)(bron)
            afgeleid = afgeleid_dagbedrag(categorie, bron_dagbedrag, parameters(bron), parameters(waarde.instant_str))
            rijen.append((categorie, waarde.instant_str, bron, float(waarde.value), float(cents_half_up(afgeleid))))
    return sorted(rijen, key=lambda rij: (rij[1], CATEGORIEEN.index(rij[0])))


def main():
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    print("Toeslagenwet ongehuwde norms per day: encoded vs derived (TW art. 9)")
    print(f"{'category':<18} {'date':<11} {'from':<11} {'encoded':>8} {'derived':>8}")
    for categorie, doel, bron, encoded, afgeleid in afgeleide_waarden(CountryTaxBenefitSystem()):
        flag = "" if abs(encoded - afgeleid) < 0.005 else "   <- differs: update the parameter"
        print(f"{categorie:<18} {doel:<11} {bron:<11} {encoded:>8.2f} {afgeleid:>8.2f}{flag}")


if __name__ == "__main__":
    main()
