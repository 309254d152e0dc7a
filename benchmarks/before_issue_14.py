"""The code as it was when issue 14 ("Speed") was filed, for benchmarks that compare with it in one run.

Issue 14 asks for figures against "today's", i.e. the code of the day it was filed. The nearest
stand-in inside the current code (OpenFisca's populations and dict builder on today's law) keeps
every other speed-up of the issue (the closed-form gross-up, the box-1 tax scale, `arrays.select`,
calc's output path), so it understates the gain. The honest baseline is the commit just before the
first commit of issue 14 (BEFORE_COMMIT, the parent of 73b7e99 "Gross-up of the bijstand inverted
exactly"): it is written out of this repository's git history with `git archive` into a temporary
folder and run with the same Python and packages. Its law is that of the day (issues 11-13 were
finished beside it), so any law added since makes today's code do more, not less: the ratio is a
lower bound of the speed-up.

Where git or the history is missing (a shallow clone, an unpacked wheel), `extract` says why and
the benchmarks print that line instead of the figure.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The last commit before issue 14's first (73b7e99): `git log --format=%P -1 73b7e99`.
BEFORE_COMMIT = "2077008"


def extract(folder: Path) -> tuple[Path | None, str]:
    """(the tree of BEFORE_COMMIT written into `folder`, "") or (None, why it is not available)."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", BEFORE_COMMIT],
            capture_output=True, timeout=120, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"git is not available here ({error})"
    if archive.returncode != 0:
        reason = archive.stderr.decode(errors="replace").strip().splitlines()[:1]
        return None, f"commit {BEFORE_COMMIT} is not in this checkout's history ({' '.join(reason)})"
    target = Path(folder) / f"nlsz-{BEFORE_COMMIT}"
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later: refuse links and paths that leave `target`
            tar.extractall(target, filter="data")
        else:  # our own repository's archive
            tar.extractall(target)
    return target, ""
