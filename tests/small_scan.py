"""The small scan config that the scan tests share: one template (bijstand with a grown-up child
living in), one starting household from the synthetic population, two axes. Small enough for a
seeded test run of a few seconds."""

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
    "templates": [{
        "name": "bijstand met volwassen kind",
        "members": [
            {"id": "aanvrager", "role": "aanvrager", "inputs": {"leeftijd": 55}},
            {"id": "medebewoner", "role": "medebewoner", "inputs": {"leeftijd": 25}},
        ],
        "inputs": {"huur": 700},
    }],
}
