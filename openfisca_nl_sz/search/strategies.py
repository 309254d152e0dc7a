"""Hypothesis strategies for households over the whole contract space.

The shapes follow the populations that the laws are about: a person who may be assessed for the WIA
(any AO%, with a dagloon and a work history), may be on WW, may work part-time, with or without a
partner, children of any age and a medebewoner (a grown-up child, a student or a lodger), renting
(with or without service charges) or not, with or without assets.
Amounts are drawn from sampled_from lists of round values mixed with integers, so that Hypothesis
can shrink towards the round values a policy reader expects in an example.
"""

from __future__ import annotations

from hypothesis import strategies as st

from openfisca_nl_sz.search.household import Household, Member

WAGES = st.one_of(st.sampled_from([0, 0, 500, 1000, 1500, 2000, 2500, 3000, 4000]), st.integers(0, 6000))
DAGLONEN = st.one_of(st.sampled_from([0, 80, 100, 120, 150, 200, 300]), st.integers(0, 350))


@st.composite
def person_inputs(draw, role: str) -> dict:
    if role == "kind":
        return {"leeftijd": draw(st.integers(0, 26))}
    if role == "medebewoner":
        inputs = {"leeftijd": draw(st.integers(18, 40)), "loon": draw(WAGES)}
        if draw(st.integers(0, 3)) == 0:
            inputs["studeert_met_studiefinanciering"] = True
        return inputs
    inputs = {"leeftijd": draw(st.integers(18, 66)), "loon": draw(WAGES)}
    status = draw(st.sampled_from(["geen", "wia", "wia", "ww", "wia_ww"]))
    if "wia" in status:
        inputs["arbeidsongeschiktheidspercentage"] = draw(st.integers(0, 100))
        inputs["wia_dagloon"] = draw(DAGLONEN.filter(lambda d: d > 0))
        inputs["wia_maanden_sinds_aanvang"] = draw(st.integers(0, 48))
        inputs["wia_duurzaam"] = draw(st.booleans())
        inputs["wia_arbeidsverleden_jaren"] = draw(st.integers(0, 40))
    if "ww" in status:
        inputs["ww_dagloon"] = draw(DAGLONEN.filter(lambda d: d > 0))
        inputs["ww_maanden_sinds_aanvang"] = draw(st.integers(0, 30))
        inputs["ww_arbeidsverleden_jaren"] = draw(st.integers(0, 40))
    if role == "aanvrager":
        inputs["vermogen"] = draw(st.one_of(st.sampled_from([0, 0, 5000, 10000, 40000]), st.integers(0, 60000)))
        inputs["pw_vrijlating_maanden_gebruikt"] = draw(st.integers(0, 8))
    return inputs


@st.composite
def households(draw) -> Household:
    members = [Member("aanvrager", "aanvrager", draw(person_inputs("aanvrager")))]
    if draw(st.booleans()):
        members.append(Member("partner", "partner", draw(person_inputs("partner"))))
    for index in range(draw(st.integers(0, 2))):
        members.append(Member(f"kind{index + 1}", "kind", draw(person_inputs("kind"))))
    if draw(st.integers(0, 3)) == 0:
        members.append(Member("medebewoner", "medebewoner", draw(person_inputs("medebewoner"))))
    inputs = {"huur": draw(st.one_of(st.sampled_from([0, 500, 700, 900]), st.integers(0, 1200))),
              "servicekosten": draw(st.sampled_from([0, 0, 25, 48, 80]))}
    return Household(members, inputs)
