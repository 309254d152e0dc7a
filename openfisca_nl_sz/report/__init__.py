"""Reports: findings.json, report.html with charts, regression tests."""
