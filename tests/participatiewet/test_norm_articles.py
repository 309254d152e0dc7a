"""A reader who knows the article finds the rule: each Participatiewet norm variable cites its article."""

import pytest


@pytest.mark.parametrize("name, article", [
    ("pw_jongerennorm", "20"),
    ("pw_norm_art21", "21"),
    ("pw_norm_art22", "22"),
    ("pw_kostendelersnorm", "22a"),
    ("pw_norm_art24", "24"),
])
def test_norm_variable_cites_its_article(tbs, name, article):
    variable = tbs.variables[name]
    assert variable.reference[0].endswith(f"#Artikel{article}")
    assert f"art. {article}" in variable.label
