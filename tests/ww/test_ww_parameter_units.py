"""The 35-minner limit of WW art. 16 lid 6 is a percentage (35, on the 0-100 scale of
`arbeidsongeschiktheidspercentage`), and its metadata must say so: the reform validator checks
percentages against [0, 100] and would otherwise accept any number."""

import pytest

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.reforms.parameters import check_override

PATH = "ww.werkloosheid.grens_arbeidsongeschiktheid_belastbare_uren"


def test_35_minner_limit_is_a_percentage(tbs):
    parameter = tbs.parameters.ww.werkloosheid.grens_arbeidsongeschiktheid_belastbare_uren
    assert parameter.metadata["unit"] == "percent"
    assert parameter("2025-01-01") == 35  # art. 16 lid 6: "minder dan 35% arbeidsongeschikt"


def test_reform_outside_0_100_is_rejected(tbs):
    with pytest.raises(InputError):
        check_override(tbs.parameters, {"path": PATH, "value": 135}, 0, "test", "2025-01-01")
    ok = check_override(tbs.parameters, {"path": PATH, "value": 25}, 0, "test", "2025-01-01")
    assert ok.value == 25
