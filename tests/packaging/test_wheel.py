"""The wheel: built from the repository, installed into a fresh virtual environment, used outside
the checkout.

Issue 2: "A wheel built from the repo must contain parameters/ and variables/ and work outside the
checkout (test it: build the wheel, install it into a fresh virtual environment, compute a case)."
The build runs on a copy of the sources (no build/ folder in the checkout) with pip and the
setuptools that pyproject.toml asks for. The fresh environment gets the wheel only; the
dependencies (openfisca-core, numpy, ...) come from the environment running the tests, through a
.pth file, so the test needs no download beyond the build backend.
"""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "openfisca_nl_sz"
# repository folder -> its place in the wheel (pyproject.toml [tool.setuptools] package-dir)
DATA_FOLDERS = {"parameters": "parameters", "variables": "variables", "scenarios": "scenario_files", "examples": "example_files"}
SOURCES = ["pyproject.toml", "README.md", PACKAGE, *DATA_FOLDERS]
RMML_2026_01 = 2294.40  # WML art. 8 lid 1 b per 1-1-2026 (params_sz.md §1.2) [A]


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=kwargs.pop("timeout", 180), **kwargs)
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _local_setuptools_is_enough() -> bool:
    """True if this environment has the setuptools pyproject.toml asks for (>= 77: PEP 639 licence)."""
    try:
        from importlib.metadata import version

        return int(version("setuptools").split(".")[0]) >= 77
    except Exception:
        return False


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        elif path.exists():
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("wheelhouse")
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet", "--disable-pip-version-check", "-w", str(out)]
    if _local_setuptools_is_enough():
        command.append("--no-build-isolation")  # no download needed
    _run(command)
    (built,) = out.glob("openfisca_nl_sz-*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_contains_the_legislation(names):
    for folder, installed in (("parameters", "parameters"), ("variables", "variables")):
        suffix = ".yaml" if folder == "parameters" else ".py"
        expected = {
            f"{PACKAGE}/{installed}/{path.relative_to(ROOT / folder).as_posix()}"
            for path in (ROOT / folder).rglob(f"*{suffix}") if "__pycache__" not in path.parts
        }
        assert expected, folder
        assert not expected - names, f"missing from the wheel: {sorted(expected - names)[:10]}"
    # nested parameter folders too (parameters/**/index.yaml and values)
    assert any(n.count("/") >= 4 and n.startswith(f"{PACKAGE}/parameters/") for n in names)


def test_wheel_contains_scenarios_and_examples(names):
    assert f"{PACKAGE}/scenario_files/scan_default.yaml" in names
    for folder in ("scenarios", "examples"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".yaml", ".json"):
                inside = f"{PACKAGE}/{DATA_FOLDERS[folder]}/{path.relative_to(ROOT / folder).as_posix()}"
                assert inside in names, f"{path.relative_to(ROOT)} is not shipped"
    assert f"{PACKAGE}/scenario_files/populations/wia_beoordeelden.yaml" in names


def test_wheel_contains_every_subpackage(names):
    """Every folder of openfisca_nl_sz/ with Python code is shipped (search, report, population, ...)."""
    folders = {
        path.parent for path in (ROOT / PACKAGE).rglob("*.py") if "__pycache__" not in path.parts
    }
    assert len(folders) >= 7
    for folder in folders:
        for module in folder.glob("*.py"):
            inside = module.relative_to(ROOT).as_posix()
            assert inside in names, f"{inside} is not in the wheel: add its package to pyproject.toml"
    for subpackage in ("search", "report", "population", "scenarios", "reforms", "compare"):
        assert any(n.startswith(f"{PACKAGE}/{subpackage}/") for n in names), subpackage


CHECK_INSTALLED = r"""
import importlib, json, pkgutil, sys
from openfisca_core.simulations import SimulationBuilder
import openfisca_nl_sz
from openfisca_nl_sz import CountryTaxBenefitSystem
from openfisca_nl_sz.paths import data_dir

# every module of the package imports (the law modules are loaded by the system below)
skip = ("openfisca_nl_sz.variables", "openfisca_nl_sz.parameters", "openfisca_nl_sz.scenario_files", "openfisca_nl_sz.example_files")
modules = [m.name for m in pkgutil.walk_packages(openfisca_nl_sz.__path__, "openfisca_nl_sz.") if not m.name.startswith(skip)]
for name in modules:
    importlib.import_module(name)

system = CountryTaxBenefitSystem()
situation = {
    "personen": {"p": {"leeftijd": 45, "loon": 600, "arbeidsongeschiktheidspercentage": 50,
                       "wia_dagloon": 140, "wia_maanden_sinds_aanvang": 30}},
    "huishoudens": {"h": {"aanvragers": ["p"], "huur": 650}},
}
builder = SimulationBuilder()
builder.set_default_period("2026-01")
simulation = builder.build_from_entities(system, situation)
print(json.dumps({
    "file": openfisca_nl_sz.__file__,
    "data": {name: str(data_dir(name)) for name in ("parameters", "variables", "scenarios", "examples")},
    "population_config": (data_dir("scenarios") / "populations" / "wia_beoordeelden.yaml").is_file(),
    "modules": modules,
    "wga_vervolguitkering": float(simulation.calculate("wga_vervolguitkering", "2026-01")[0]),
    "besteedbaar_inkomen": float(simulation.calculate("besteedbaar_inkomen", "2026-01")[0]),
}))
"""


def _dependency_paths() -> list[str]:
    paths = list(site.getsitepackages()) + [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    if site.ENABLE_USER_SITE:
        paths.append(site.getusersitepackages())
    return list(dict.fromkeys(p for p in paths if Path(p).is_dir()))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(env)])
    python = env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    # the wheel alone, with this environment's pip; before the .pth below, so pip sees an empty env
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
          "--quiet", "--disable-pip-version-check", str(wheel)])
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    # dependencies from the environment running the tests (appended after the env's own site-packages,
    # so the installed wheel comes first; .pth files of that environment, e.g. an editable install
    # of this checkout, are not processed for a path added this way)
    Path(purelib, "zz_nlsz_test_dependencies.pth").write_text("\n".join(_dependency_paths()) + "\n")
    return env


def test_installed_package_computes_outside_the_checkout(installed, tmp_path):
    python = installed / "bin" / "python"
    result = _run([str(python), "-c", CHECK_INSTALLED], cwd=tmp_path)
    info = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(info["file"]).resolve().is_relative_to(installed.resolve()), info["file"]
    for name, folder in info["data"].items():
        assert Path(folder).resolve().is_relative_to(installed.resolve()), (name, folder)
    assert info["population_config"]
    for subpackage in ("search", "report", "population", "scenarios", "reforms", "compare"):
        assert any(m.startswith(f"openfisca_nl_sz.{subpackage}") for m in info["modules"]), subpackage
    # WGA 35-80 at 50 % (35 % class), after the LGU, earning below the inkomenseis:
    # VVU = 0,35 x min(2.294,40 x 1,08; 21,75 x 140) = 0,35 x 2.477,952 = 867,2832 (WIA art. 61 lid 6, 62 lid 1)
    assert info["wga_vervolguitkering"] == pytest.approx(0.35 * RMML_2026_01 * 1.08, abs=0.01)
    assert info["besteedbaar_inkomen"] > info["wga_vervolguitkering"]


def test_installed_nlsz_calc_on_a_shipped_example(installed, tmp_path):
    nlsz = installed / "bin" / "nlsz"
    assert nlsz.exists(), "the nlsz console script is not installed"
    example = next((installed / "lib").glob(f"python*/site-packages/{PACKAGE}/example_files/wga_alleenstaande.yaml"))
    result = _run([str(nlsz), "calc", str(example), "--period", "2026-01", "--format", "json"], cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["personen"]["anna"]["wga_vervolguitkering"] == pytest.approx(867.28, abs=0.01)
    table = _run([str(nlsz), "calc", str(example), "--period", "2026-01"], cwd=tmp_path)
    assert "besteedbaar_inkomen" in table.stdout
    bad = subprocess.run([str(nlsz), "calc", "absent.yaml"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
