"""The output folder of `nlsz scan` (issue 13 point 3): lock, swap, no orphans, umask, .hypothesis, unique ids.

The scans here use a two-axis config of one household and a few Hypothesis examples (2-6 s each).
Every subprocess has a timeout; every test works in its own tmp folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from openfisca_nl_sz import outdir
from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.detect import Harm
from openfisca_nl_sz.search.findings import finding_id
from openfisca_nl_sz.search.household import Household, Member
from small_scan import TEMPLATE  # tests/small_scan.py

#: One household on one axis, a couple of Hypothesis examples and no population households: the
#: medebewoner turning 27 (kostendelersnorm, Participatiewet art. 22a) gives one finding in 2-5 s.
TINY = {
    "period": "2026-01",
    "seed": 7,
    "max_examples": 2,
    "budget_seconds": 120,
    "population": {"households": 0},
    "axes": [{"variable": "leeftijd", "low": 20, "high": 30, "integer": True, "members": ["medebewoner"]}],
    "templates": [TEMPLATE],
}
#: The same household on a wage axis: other findings, so other chart and test files.
WAGE_ONLY = {**TINY, "axes": [{"variable": "loon", "low": 0, "high": 3000, "points": 31, "members": ["aanvrager"]}]}
#: A run long enough to be interrupted (many Hypothesis examples; the budget caps it).
SLOW = {**TINY, "max_examples": 5000, "budget_seconds": 60}


def _config(folder: Path, data: dict, name: str = "scan.yaml") -> str:
    path = folder / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def _nlsz(*args, cwd=None, timeout=300, umask=None):
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, preexec_fn=preexec)


def _start(*args, cwd=None):
    return subprocess.Popen([sys.executable, "-m", "openfisca_nl_sz.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=cwd)


def _tree(folder: Path) -> dict:
    """Every file under folder (the Hypothesis database aside) with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".hypothesis" not in p.parts}


def _wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _staging(out: Path) -> list[Path]:
    return list(out.parent.glob(f".{out.name}.staging-*"))


def _orphans(out: Path) -> set[str]:
    """Charts and regression tests that neither findings.json nor cards.json (if any) names."""
    named = "".join((out / name).read_text() for name in ("findings.json", "cards.json") if (out / name).exists())
    files = [*(out / "charts").glob("*.png"), *(out / "regression").glob("*.yaml")]
    assert files
    return {str(p.relative_to(out)) for p in files if p.stem.split("-")[-1] not in named}


def _one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1 and len(lines[0]) <= 300, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


#: The first run's umask: files 0640 and folders 0750 (the old atomic writes made every file 0600).
UMASK = 0o027


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One finished scan, run from an empty current directory."""
    folder = tmp_path_factory.mktemp("outdir")
    cwd = folder / "cwd"
    cwd.mkdir()
    out = folder / "out"
    result = _nlsz("scan", "--config", _config(folder, TINY), "--out", str(out), "--quiet", cwd=str(cwd), umask=UMASK)
    assert result.returncode == 0, result.stderr
    return folder, cwd, out


# -- where things are written ----------------------------------------------------------------------

def _file(path: Path) -> Path:
    path.write_text("x")
    return path


def test_nothing_in_the_current_directory_and_hypothesis_database_in_out(first_run):
    folder, cwd, out = first_run
    assert list(cwd.iterdir()) == []  # no .hypothesis/, no lock, no staging in the cwd
    database = out / ".hypothesis" / "2026-01"
    assert database.is_dir(), sorted(p.name for p in (out / ".hypothesis").iterdir())
    assert any(p.is_file() for p in database.rglob("*"))  # Hypothesis saved its best examples there
    assert not _staging(out) and not list(folder.glob(".out.*"))  # no staging, lock or previous folder left
    assert _orphans(out) == set()


# -- the lock ---------------------------------------------------------------------------------------

def test_a_second_run_into_a_locked_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    holder = outdir.OutputFolder(outdir.check(out))
    holder.lock()  # as a running scan holds it
    try:
        started = time.monotonic()
        result = _nlsz("scan", "--config", _config(tmp_path, TINY), "--out", str(out), "--quiet", timeout=60)
        line = _one_line_error(result)
        assert "another nlsz run is writing into this folder" in line and "--out" in line
        assert time.monotonic() - started < 30  # refused before any work
        compare = _nlsz("compare", "scenarios/wia_grens_25.yaml", "--out", str(out), timeout=60,
                        cwd=str(Path(__file__).resolve().parents[2]))
        assert "another nlsz run" in _one_line_error(compare)
    finally:
        holder.unlock()
    assert not out.exists()  # the refused runs wrote nothing


def test_lock_is_released_by_a_dead_process(tmp_path):
    """flock dies with its process: a killed run never leaves the folder locked."""
    out = tmp_path / "out"
    code = ("import sys, time; from openfisca_nl_sz import outdir; "
            f"f = outdir.OutputFolder(outdir.check({str(out)!r})); f.lock(); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match="another nlsz run"):
            outdir.OutputFolder(outdir.check(out)).lock()
    finally:
        holder.kill()
        holder.wait(timeout=10)
    folder = outdir.OutputFolder(outdir.check(out))
    folder.lock()  # now free
    folder.unlock()


# -- the swap ---------------------------------------------------------------------------------------

def test_killed_rerun_leaves_previous_results_whole_and_next_run_has_no_orphans(first_run, tmp_path):
    _, _, first_out = first_run
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(first_out), str(out)], check=True)
    before = _tree(out)
    assert "findings.json" in before and any(name.startswith("charts/") for name in before)

    run = _start("scan", "--config", _config(tmp_path, SLOW), "--out", str(out), "--quiet")
    try:
        # wait until the rerun is writing into its staging folder, then kill it without warning
        assert _wait_for(lambda: any((s / "findings.json").exists() for s in _staging(out)), 60), run.stderr
        time.sleep(1.0)
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=10)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(timeout=10)
    assert _tree(out) == before  # the previous results, byte for byte
    assert _staging(out)  # the killed run's staging folder is still there ...

    # ... until the next run into the folder removes it; that run leaves only its own files
    result = _nlsz("scan", "--config", _config(tmp_path, WAGE_ONLY, "wage.yaml"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert not _staging(out)
    # no orphan: every chart and regression test is one this run's results name (the rerun replays
    # the earlier findings first, so they may well be found again; but nothing is left over)
    assert _orphans(out) == set()


def test_failed_rerun_leaves_previous_results_whole(first_run, tmp_path):
    _, _, first_out = first_run
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(first_out), str(out)], check=True)
    before = _tree(out)
    bad = {**TINY, "axes": [{"variable": "loonn", "low": 0, "high": 10}]}
    result = _nlsz("scan", "--config", _config(tmp_path, bad), "--out", str(out), "--quiet", timeout=120)
    assert result.returncode == 2, result.stderr
    assert _tree(out) == before and not _staging(out)


def test_interrupted_python_run_keeps_previous_results(tmp_path):
    """The context manager itself: an exception inside leaves the folder as it was."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.json").write_text("old\n")
    (out / "charts").mkdir()
    (out / "charts" / "old.png").write_bytes(b"png")
    with pytest.raises(KeyboardInterrupt):
        with outdir.prepared(out, outdir.SCAN_CARRY_OVER) as staging:
            assert (staging / "findings.json").read_text() == "old\n"  # carried over for the replay
            assert not (staging / "charts").exists()  # not carried over: no orphans
            (staging / "findings.json").write_text("new\n")
            raise KeyboardInterrupt
    assert (out / "findings.json").read_text() == "old\n" and (out / "charts" / "old.png").exists()
    assert not _staging(out)
    with outdir.prepared(out, outdir.SCAN_CARRY_OVER) as staging:
        (staging / "findings.json").write_text("new\n")
    assert (out / "findings.json").read_text() == "new\n" and not (out / "charts").exists()


# -- --out checked before the run ------------------------------------------------------------------

@pytest.mark.parametrize("make, expected", [
    (lambda p: _file(p), "is a file, not a folder"),
    (lambda p: p / "missing" / "out", "does not exist"),
    (lambda p: _file(p) / "out", "is a file, not a folder"),
])
def test_unusable_out_is_refused_at_once(tmp_path, make, expected):
    target = make(tmp_path / "target")
    started = time.monotonic()
    result = _nlsz("scan", "--out", str(target), "--quiet", timeout=60)
    line = _one_line_error(result)
    assert expected in line and line.startswith("nlsz: --out: ")
    assert time.monotonic() - started < 30  # before the scan, not after it


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_out_is_refused(tmp_path):
    target = tmp_path / "ro"
    target.mkdir()
    target.chmod(0o555)
    try:
        line = _one_line_error(_nlsz("scan", "--out", str(target), "--quiet", timeout=60))
        assert "cannot write" in line
    finally:
        target.chmod(0o755)


def test_read_only_out_message(tmp_path, monkeypatch):
    """The same check without root's privilege: os.access says the folder cannot be written."""
    target = tmp_path / "ro"
    target.mkdir()
    monkeypatch.setattr(outdir.os, "access", lambda path, mode: Path(path) != target)
    with pytest.raises(InputError, match="is a folder you cannot write to"):
        outdir.check(target)
    with pytest.raises(InputError, match="its parent folder .* cannot be written to"):
        outdir.check(target / "new")


# -- umask ------------------------------------------------------------------------------------------

def test_files_follow_the_umask(first_run):
    _, _, out = first_run
    files = [out / "findings.json", out / "report.html", *(out / "regression").glob("*.yaml"), *(out / "charts").glob("*.png")]
    assert len(files) >= 4
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~UMASK == 0o640, path
    for folder in (out, out / "charts", out / "regression"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~UMASK == 0o750, folder


# -- unique ids -------------------------------------------------------------------------------------

def _harm(**changes) -> Harm:
    household = Household([Member("aanvrager", "aanvrager", {"leeftijd": 40}), Member("partner", "partner", {"leeftijd": 40})],
                          {"huur": 700})
    values = dict(kind="cliff", household=household, axis=Axis("loon", "aanvrager", 0, 3000),
                  x_from=1000.0, x_to=1001.0, net_from=2000.0, net_to=1900.0, severity=100.0, period="2026-01")
    values.update(changes)
    return Harm(**values)


def test_finding_ids_tell_apart_what_the_old_ids_merged():
    """Each pair differs in one thing only; the old id (household + kind + axis) was equal for all of them."""
    base = _harm()
    variants = {
        "direction": _harm(x_from=1001.0, x_to=1000.0),
        "place on the axis": _harm(x_from=2000.0, x_to=2001.0),
        "period": _harm(period="2025-01"),
        "member's axis": _harm(axis=Axis("loon", "partner", 0, 3000)),
        "regeling behind a marginal rate": _harm(kind="hoge_marginale_druk", extra={"rate_basis": "huurtoeslag"}),
    }
    ids = {"base": finding_id("cliff", base)}
    ids["kind"] = finding_id("inkomensval", base)
    ids["samenloop of a cliff"] = finding_id("samenloop", base)
    ids["other causes"] = finding_id("cliff", base, [{"variable": "huurtoeslag"}])
    for name, harm in variants.items():
        ids[name] = finding_id(harm.kind, harm)
    ids["regeling, other basis"] = finding_id("hoge_marginale_druk", _harm(kind="hoge_marginale_druk",
                                                                             extra={"rate_basis": "besteedbaar_inkomen"}))
    assert len(set(ids.values())) == len(ids), ids
    assert finding_id("cliff", _harm()) == ids["base"]  # stable: the same harm, the same id


@pytest.fixture(scope="module")
def seeded_scans(tbs, tmp_path_factory):
    from openfisca_nl_sz.search.config import load_config
    from openfisca_nl_sz.search.run import run_scan

    folder = tmp_path_factory.mktemp("seeds")
    config_data = {**TINY, "axes": TINY["axes"] + [
        {"variable": "vermogen", "low": 0, "high": 20000, "points": 41, "members": ["aanvrager"]},
        {"variable": "loon", "low": 0, "high": 4000, "points": 81, "members": ["aanvrager", "medebewoner"]},
        {"variable": "huur", "low": 300, "high": 1200, "points": 46},
    ]}
    runs = []
    for seed in (1, 2, 3):
        config = load_config(_config(folder, {**config_data, "seed": seed, "max_examples": 8}, f"s{seed}.yaml"), tbs)
        runs.append(run_scan(config, str(folder / f"out{seed}"), system=tbs, shrink_findings=False)["findings"])
    return runs


def test_finding_ids_are_unique_over_seeds(seeded_scans):
    total = 0
    for findings in seeded_scans:
        ids = [f["id"] for f in findings]
        total += len(ids)
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert total >= 15  # enough findings for a collision to be possible
    # across seeds, one id never stands for two different findings
    by_id = {}
    for findings in seeded_scans:
        for f in findings:
            key = (f["kind"], f["axis_name"], f["axis_from"], f["axis_to"], f["period"], json.dumps(f["template"], sort_keys=True))
            assert by_id.setdefault(f["id"], key) == key


def test_a_run_killed_between_the_two_renames_gets_its_previous_results_back(tmp_path):
    """swap_in moves the results aside, then the staging folder in; killed in between, the next run restores them."""
    out = tmp_path / "out"
    aside = tmp_path / ".out.previous-12345"
    aside.mkdir()
    (aside / "findings.json").write_text("previous\n")
    with outdir.prepared(out, outdir.SCAN_CARRY_OVER) as staging:
        assert (staging / "findings.json").read_text() == "previous\n"  # replayed from the restored results
    assert (out / "findings.json").read_text() == "previous\n" and not aside.exists()
