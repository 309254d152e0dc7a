"""The scan tests' shared household and small config: TEMPLATE (bijstand with a grown-up child living
in), used by the scan, output-folder and interrupt tests with their own axes; SMALL, one template and one
starting household from the synthetic population on two axes, a seeded run of a few seconds."""

#: Bijstand with a grown-up child living in: the medebewoner turning 27 brings the kostendelersnorm
#: (Participatiewet art. 22a), the assets cross the bijstand's asset limit (art. 34).
TEMPLATE = {
    "name": "bijstand met volwassen kind",
    "members": [
        {"id": "aanvrager", "role": "aanvrager", "inputs": {"leeftijd": 55}},
        {"id": "medebewoner", "role": "medebewoner", "inputs": {"leeftijd": 25}},
    ],
    "inputs": {"huur": 700},
}

SMALL = {
    "period": "2026-01",
    "seed": 7,
    "max_examples": 4,
    "budget_seconds": 120,
    "population": {"households": 1},  # one starting household from the synthetic population
    "axes": [
        {"variable": "vermogen", "low": 0, "high": 20000, "points": 41, "members": ["aanvrager"]},
        {"variable": "leeftijd", "low": 20, "high": 30, "integer": True, "members": ["medebewoner"]},
    ],
    "templates": [TEMPLATE],
}
