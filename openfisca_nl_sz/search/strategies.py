"""Hypothesis strategies for households over the whole contract space.

The shapes follow the populations that the laws are about: a person who may be assessed for the WIA
(any AO%, with a dagloon and a work history), may be on WW, may work part-time, with or without a
partner, children of any age and a medebewoner (a grown-up child, a student or a lodger), renting
(with or without service charges) or not, with or without assets.
Amounts are drawn from sampled_from lists of round values mixed with integers, so that Hypothesis
can shrink towards the round values a policy reader expects in an example.

Only households that can exist are drawn (openfisca_nl_sz/plausibility.py, issue 11 point 2): the
draw is built to fit the model (work history after the 15th birthday, children at least 16 years
younger than their parents, earnings next to an IVA within the remaining earning capacity, a WW
dagloon next to a WIA benefit from the remaining job), and with a system and a period the model
itself filters what is left (the youth-wage bound on the dagloon).
"""

from __future__ import annotations

from hypothesis import strategies as st

from openfisca_nl_sz.search.household import Household, Member

WAGES = st.one_of(st.sampled_from([0, 0, 500, 1000, 1500, 2000, 2500, 3000, 4000]), st.integers(0, 6000))
DAGLONEN = st.one_of(st.sampled_from([0, 80, 100, 120, 150, 200, 300]), st.integers(0, 350))


#: Days per month and vakantiebijslag of the WIA (wia.dagen_per_maand, wml.vakantiebijslag), only to
#: shape the draw; the plausibility filter checks with the parameters of the period.
DAYS, HOLIDAY = 21.75, 0.08


@st.composite
def person_inputs(draw, role: str) -> dict:
    if role == "kind":
        if draw(st.integers(0, 4)) == 0:  # a child of 18-22 at home counts as a kind while studying
            return {"leeftijd": draw(st.integers(18, 22)), "studeert_met_studiefinanciering": True}
        return {"leeftijd": draw(st.integers(0, 17))}
    if role == "medebewoner":
        inputs = {"leeftijd": draw(st.integers(18, 40)), "loon": draw(WAGES)}
        if draw(st.integers(0, 3)) == 0:
            inputs["studeert_met_studiefinanciering"] = True
        return inputs
    age = draw(st.integers(18, 66))
    inputs = {"leeftijd": age, "loon": draw(WAGES)}
    status = draw(st.sampled_from(["geen", "wia", "wia", "ww", "wia_ww"]))
    years = st.integers(0, max(age - 15, 0))
    rvc = None
    if "wia" in status:
        ao = draw(st.integers(0, 100))
        dagloon = draw(DAGLONEN.filter(lambda d: d > 0))
        inputs["arbeidsongeschiktheidspercentage"] = ao
        inputs["wia_dagloon"] = dagloon
        inputs["wia_maanden_sinds_aanvang"] = draw(st.integers(0, 48))
        inputs["wia_duurzaam"] = draw(st.booleans())
        inputs["wia_arbeidsverleden_jaren"] = draw(years)
        rvc = (1 - ao / 100) * DAYS * dagloon
        if ao >= 80:  # earnings next to an IVA / WGA 80-100 stay within the remaining earning capacity
            inputs["loon"] = min(inputs["loon"], int(rvc / (1 + HOLIDAY)))
    if "ww" in status:
        dagloon = draw(DAGLONEN.filter(lambda d: d > 0))
        if rvc is not None and inputs["arbeidsongeschiktheidspercentage"] >= 35:
            dagloon = min(dagloon, int(rvc / DAYS))  # the WW comes from the job held next to the WIA
        if dagloon > 0:
            inputs["ww_dagloon"] = dagloon
            inputs["ww_maanden_sinds_aanvang"] = draw(st.integers(0, 30))
            inputs["ww_arbeidsverleden_jaren"] = draw(years)
    if role == "aanvrager":
        inputs["vermogen"] = draw(st.one_of(st.sampled_from([0, 0, 5000, 10000, 40000]), st.integers(0, 60000)))
        inputs["pw_vrijlating_maanden_gebruikt"] = draw(st.integers(0, 8))
    return inputs


@st.composite
def _households(draw) -> Household:
    members = [Member("aanvrager", "aanvrager", draw(person_inputs("aanvrager")))]
    if draw(st.booleans()):
        members.append(Member("partner", "partner", draw(person_inputs("partner"))))
    youngest_parent = min(m.inputs["leeftijd"] for m in members)
    for index in range(draw(st.integers(0, 2))):
        inputs = draw(person_inputs("kind"))
        # a child is at least 16 years younger than both parents
        inputs["leeftijd"] = min(inputs["leeftijd"], max(youngest_parent - 16, 0))
        members.append(Member(f"kind{index + 1}", "kind", inputs))
    if draw(st.integers(0, 3)) == 0:
        members.append(Member("medebewoner", "medebewoner", draw(person_inputs("medebewoner"))))
    inputs = {"huur": draw(st.one_of(st.sampled_from([0, 500, 700, 900]), st.integers(0, 1200))),
              "servicekosten": draw(st.sampled_from([0, 0, 25, 48, 80]))}
    return Household(members, inputs)


def households(system=None, period: str | None = None):
    """Households over the contract space; with a system and a period only plausible ones."""
    strategy = _households()
    if system is None or period is None:
        return strategy
    from openfisca_nl_sz.plausibility import plausible

    return strategy.filter(lambda household: bool(plausible([household], system, period)[0]))
