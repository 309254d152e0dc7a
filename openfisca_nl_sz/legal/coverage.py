"""Which months the encoded legislation covers, and where amounts were carried forward.

`FIRST_MONTH` and `LAST_MONTH` bound the period range the parameters are encoded for. A month
outside that range would silently reuse the nearest amounts, so the CLI, the web API and the
scenario files refuse it (see issue 12 point 6).
"""

FIRST_MONTH = "2024-01"
LAST_MONTH = "2026-12"
