"""The two entities of the contract: a person, and the household living in one dwelling.

The household's aanvrager, partner and kinderen form the benefit unit (gezin) of the Participatiewet
and the Toeslagenwet; medebewoners live in the same dwelling without belonging to the gezin (they
are the possible kostendelers of Participatiewet art. 19a and the medebewoners of the huurtoeslag).
"""

from openfisca_core.entities import build_entity

Huishouden = build_entity(
    key="huishouden",
    plural="huishoudens",
    label="Huishouden: everyone living in one dwelling",
    doc="""
    The aanvrager, partner and kinderen form the gezin (benefit unit); medebewoners are other
    residents of the dwelling, such as an adult child of 27 or older or a lodger.
    """,
    roles=[
        {"key": "aanvrager", "plural": "aanvragers", "label": "Aanvrager", "max": 1,
         "doc": "The person who claims; the reference person of the gezin."},
        {"key": "partner", "plural": "partners", "label": "Partner", "max": 1,
         "doc": "Spouse, registered partner or a person treated as one (gezamenlijke huishouding)."},
        {"key": "kind", "plural": "kinderen", "label": "Kind",
         "doc": "A child of the aanvrager or partner who belongs to the gezin."},
        {"key": "medebewoner", "plural": "medebewoners", "label": "Medebewoner",
         "doc": "Another resident of the dwelling, not part of the gezin (possible kostendeler)."},
    ],
)

Persoon = build_entity(
    key="persoon",
    plural="personen",
    label="Persoon",
    doc="One person.",
    is_person=True,
)

entities = [Huishouden, Persoon]
