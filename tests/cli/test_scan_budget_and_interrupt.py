"""`nlsz scan` as a user runs it (issue 13 point 3): --budget bounds the whole run, Ctrl-C is exit 130.

Each run is a subprocess with a timeout; SIGINT is what the terminal sends on Ctrl-C.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from small_scan import TEMPLATE  # tests/small_scan.py

#: One household on two axes without population households: its finish phase (shrinking and
#: explaining a handful of harms) lasts a few seconds, long enough to be interrupted in.
CONFIG = {
    "period": "2026-01",
    "seed": 7,
    "max_examples": 4,
    "budget_seconds": 300,
    "population": {"households": 0},
    "axes": [
        {"variable": "vermogen", "low": 0, "high": 20000, "points": 41, "members": ["aanvrager"]},
        {"variable": "leeftijd", "low": 20, "high": 30, "integer": True, "members": ["medebewoner"]},
        {"variable": "loon", "low": 0, "high": 3000, "points": 61, "members": ["aanvrager"]},
    ],
    "templates": [TEMPLATE],
}
NLSZ = [sys.executable, "-m", "openfisca_nl_sz.cli"]


def _run_with_progress(args, cwd, when: str, seconds: float = 120):
    """Start nlsz; send SIGINT as soon as a progress line contains `when`; return (returncode, stderr, sent)."""
    process = subprocess.Popen(NLSZ + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    lines, sent = [], threading.Event()

    def read():
        for line in process.stderr:
            lines.append(line)
            if when in line and not sent.is_set():
                time.sleep(0.3)  # well inside the phase
                sent.set()
                process.send_signal(signal.SIGINT)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        process.wait(timeout=seconds)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    reader.join(timeout=10)
    return process.returncode, "".join(lines), sent.is_set()


def test_budget_bounds_the_whole_run_finish_included(tmp_path):
    """The default config (8 starting households, 2 periods, population households, Hypothesis)
    with --budget 8: a few minutes of work without a budget; it must end, outputs written, within
    8 s plus the start of Python and the last writes."""
    out = tmp_path / "out"
    started = time.monotonic()
    result = subprocess.run(NLSZ + ["scan", "--budget", "8", "--out", str(out), "--quiet"], capture_output=True, text=True,
                            cwd=str(tmp_path), timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    assert elapsed < 8 + 4, f"--budget 8 took {elapsed:.1f} s"
    run = json.loads((out / "findings.json").read_text())["run"]
    assert run["stopped_by"] == "budget_seconds"  # and findings.json says what ended it
    assert (out / "report.html").is_file()


def test_ctrl_c_in_the_finish_phase_exits_130_and_leaves_no_staging(tmp_path):
    config = tmp_path / "scan.yaml"
    config.write_text(yaml.safe_dump(CONFIG), encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    code, stderr, sent = _run_with_progress(["scan", "--config", str(config), "--out", str(out)], str(tmp_path), "finish:")
    assert sent, stderr[-2000:]
    assert code == 130, stderr[-2000:]
    assert stderr.strip().splitlines()[-1] == "nlsz: interrupted"
    assert "Traceback" not in stderr
    assert time.monotonic() - started < 120
    assert not out.exists()  # nothing half-written where the results would be
    assert not list(tmp_path.glob(".out.*"))  # staging and lock removed


def test_ctrl_c_in_the_search_keeps_the_previous_results(tmp_path):
    config = tmp_path / "scan.yaml"
    config.write_text(yaml.safe_dump({**CONFIG, "axes": CONFIG["axes"][1:2], "max_examples": 2}), encoding="utf-8")
    out = tmp_path / "out"
    first = subprocess.run(NLSZ + ["scan", "--config", str(config), "--out", str(out), "--quiet"], capture_output=True,
                           text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = (out / "findings.json").read_bytes()
    slow = tmp_path / "slow.yaml"
    slow.write_text(yaml.safe_dump({**CONFIG, "max_examples": 5000}), encoding="utf-8")
    code, stderr, sent = _run_with_progress(["scan", "--config", str(slow), "--out", str(out)], str(tmp_path), "grid ")
    assert sent and code == 130, stderr[-2000:]
    assert (out / "findings.json").read_bytes() == before
    assert not list(tmp_path.glob(".out.*"))


def test_ctrl_c_lands_every_time_in_the_hypothesis_search(tmp_path):
    """Hypothesis runs a gc callback very often; a KeyboardInterrupt raised inside it is dropped by
    Python ("Exception ignored"), which is how Ctrl-C used to be ignored. Several tries at different
    moments: each ends with 130 within a second or two, with one line, and leaves no staging."""
    slow = tmp_path / "slow.yaml"
    slow.write_text(yaml.safe_dump({**CONFIG, "max_examples": 5000}), encoding="utf-8")
    for delay in (0.1, 0.4, 0.7, 1.0, 1.3):
        process = subprocess.Popen(NLSZ + ["scan", "--config", str(slow), "--out", str(tmp_path / "out")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=str(tmp_path))
        lines, sent_at = [], None
        try:
            for line in process.stderr:
                lines.append(line)
                if "search " in line and sent_at is None:
                    time.sleep(delay)
                    process.send_signal(signal.SIGINT)
                    sent_at = time.monotonic()
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        assert sent_at is not None and process.returncode == 130, (delay, "".join(lines)[-1500:])
        assert time.monotonic() - sent_at < 6, delay
        after = lines[next(i for i, line in enumerate(lines) if "search " in line) + 1:]
        assert [line for line in after if not line.startswith("[")] == ["nlsz: interrupted\n"], (delay, after)
        assert not list(tmp_path.glob(".out.*")), delay


def test_user_mistakes_are_one_short_line(tmp_path):
    import socket

    (tmp_path / "file").write_text("x")
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    cases = [
        ["scan", "--out", str(tmp_path / "file")],
        ["scan", "--out", str(tmp_path / "no" / "such" / "folder")],
        ["compare", "scenarios/wia_grens_25.yaml", "--out", str(tmp_path / "file")],
        ["scan", "--out", "x" * 5000],  # a path too long to show whole
        ["serve", "--port", "99999"],
        ["serve", "--max-bytes", "-1"],
        ["serve", "--host", "nosuchhost.invalid"],
        ["serve", "--port", str(busy.getsockname()[1])],  # a port in use: not gunicorn's retries and log
    ]
    root = Path(__file__).resolve().parents[2]
    for args in cases:
        result = subprocess.run(NLSZ + args, capture_output=True, text=True, timeout=60, cwd=str(root))
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2, (args, result.stderr[-500:])
        assert len(lines) == 1 and len(lines[0]) <= 300 and lines[0].startswith("nlsz: "), (args, result.stderr)
        assert "internal error" not in lines[0]
    busy.close()
