"""The output folder of `nlsz scan` and `nlsz compare`: checked first, locked, written aside, swapped in.

A run is long (minutes) and its outputs are what a policy reader relies on, so the folder given
with `--out` is handled in four steps:

1. **checked before any work** — a path that is a file, a folder that cannot be written, or a
   parent that does not exist stops the run at once with one line (exit 2), not after 80 s;
2. **locked** — a second run into the same folder is refused (exit 2) instead of both "succeeding"
   and mixing their files. The lock is `flock` on a hidden file next to the folder
   (`.<name>.nlsz-lock`): the folder itself is replaced at the end, so it cannot carry the lock. The
   kernel drops the lock when the process dies (even by `kill -9`), so a crash never leaves a
   folder locked for ever;
3. **written aside** — the run writes into a fresh staging folder next to the output folder
   (`.<name>.staging-<pid>`, same file system, so the final rename is atomic). What the next run
   needs from the previous one — `findings.json` for the replay and Hypothesis' example database
   `.hypothesis/` — is copied into the staging folder first; nothing else is, so no chart or
   regression test of an earlier run survives as an orphan;
4. **swapped in** — only when the run has finished are the previous results moved out of the way
   and the staging folder renamed into place. An interrupted or failed run (Ctrl-C, an error,
   `kill -9`) leaves the previous results whole; its staging folder is removed at once, or by the
   next run into the same folder if the process was killed.

Files and folders follow the umask (see atomic.py), like those of any other command.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from openfisca_nl_sz import atomic
from openfisca_nl_sz.errors import InputError

SOURCE = "--out"
#: What a scan's next run reads from the previous one (replay of findings, Hypothesis' database).
SCAN_CARRY_OVER = ("findings.json", ".hypothesis")


def check(path: str | os.PathLike) -> Path:
    """The output folder as an absolute path; InputError (exit 2) if it cannot be used.

    Nothing is created here: the check is cheap and runs before the legislation is even loaded.
    """
    text = os.fspath(path)
    if not text or not text.strip():
        raise InputError(SOURCE, "out", "is empty; allowed: a folder path (it is created if missing)")
    if "\0" in text:
        raise InputError(SOURCE, "out", "contains a NUL character; allowed: a folder path")
    out = Path(text).expanduser().absolute()
    shown = _shown(text)
    try:
        _check(out, shown)
    except OSError as error:  # e.g. a name longer than the file system allows
        raise InputError(SOURCE, shown, f"cannot be used as a folder ({error.strerror or error}); allowed: a folder path")
    return out


def _check(out: Path, shown: str) -> None:
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise InputError(SOURCE, shown, "is a file, not a folder; allowed: a folder (it is created if missing)")
        if not os.access(out, os.W_OK | os.X_OK):
            raise InputError(SOURCE, shown, "is a folder you cannot write to; allowed: a writable folder")
    parent = out.parent
    if not parent.exists():
        raise InputError(SOURCE, shown, f"its parent folder {_shown(str(parent))} does not exist; create it first")
    if not parent.is_dir():
        raise InputError(SOURCE, shown, f"{_shown(str(parent))} is a file, not a folder; allowed: a path inside a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        # The staging folder and the lock live next to the output folder (an atomic rename needs
        # the same file system), so the parent must be writable too.
        raise InputError(SOURCE, shown, f"its parent folder {_shown(str(parent))} cannot be written to; allowed: a folder in a writable place")


class OutputFolder:
    """A locked output folder with its staging folder. Use `prepared()` rather than this class directly."""

    def __init__(self, out: Path, carry_over: tuple[str, ...] = ()):
        self.out = out
        self.carry_over = carry_over
        self.lock_path = out.parent / f".{out.name}.nlsz-lock"
        self.staging = out.parent / f".{out.name}.staging-{os.getpid()}"
        self._lock_fd: int | None = None

    # -- lock ----------------------------------------------------------------------------------

    def lock(self) -> None:
        shown = _shown(str(self.out))
        while True:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, atomic.file_mode())
            except OSError as error:
                raise InputError(SOURCE, shown, f"cannot create its lock file ({error.strerror}); allowed: a writable folder")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(fd)
                if error.errno in (errno.EAGAIN, errno.EACCES):
                    raise InputError(SOURCE, shown, "another nlsz run is writing into this folder; wait for it to end or choose another --out")
                raise
            # The holder before us may have removed the lock file after we opened it: then our lock
            # is on a file nobody else will see. Lock the file that is there now instead.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.lock_path))
            except FileNotFoundError:
                same = False
            if same:
                self._lock_fd = fd
                return
            os.close(fd)

    def unlock(self) -> None:
        if self._lock_fd is None:
            return
        try:  # remove the lock file while still holding it, so no run is left waiting on a stale one
            os.unlink(self.lock_path)
        except FileNotFoundError:
            pass
        os.close(self._lock_fd)
        self._lock_fd = None

    # -- staging and swap ----------------------------------------------------------------------

    def remove_stale_staging(self) -> None:
        """Staging folders of earlier runs into this folder that were killed (we hold the lock, so none is live)."""
        for stale in self.out.parent.glob(f".{self.out.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        previous = sorted(self.out.parent.glob(f".{self.out.name}.previous-*"), key=lambda p: p.stat().st_mtime)
        if previous and not self.out.exists():
            # a run was killed between its two renames: its previous results are put back first
            os.rename(previous.pop(), self.out)
        for stale in previous:
            shutil.rmtree(stale, ignore_errors=True)

    def make_staging(self) -> Path:
        try:
            os.mkdir(self.staging, atomic.dir_mode())  # mkdir's mode is filtered by the umask, as wanted
        except OSError as error:
            raise InputError(SOURCE, _shown(str(self.out)), f"cannot create a folder next to it ({error.strerror}); allowed: a writable folder")
        for name in self.carry_over:
            source = self.out / name
            if source.is_dir():
                shutil.copytree(source, self.staging / name, symlinks=True)
            elif source.is_file():
                shutil.copy2(source, self.staging / name)
        return self.staging

    def swap_in(self) -> None:
        """Put the staging folder in place of the output folder; the previous results go only after."""
        previous = None
        if self.out.exists():
            previous = self.out.parent / f".{self.out.name}.previous-{os.getpid()}"
            os.rename(self.out, previous)
        try:
            os.rename(self.staging, self.out)
        except BaseException:
            if previous is not None:  # put the previous results back
                os.rename(previous, self.out)
            raise
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        _fsync_dir(self.out.parent)

    def discard_staging(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


@contextmanager
def prepared(path: str | os.PathLike, carry_over: tuple[str, ...] = ()):
    """Check and lock `path`, yield a fresh staging folder, swap it in if the block ends normally.

        with outdir.prepared(args.out, outdir.SCAN_CARRY_OVER) as staging:
            ... write everything into staging ...

    On any exception (including KeyboardInterrupt) the staging folder is removed and the previous
    results are left as they were.
    """
    global _STARTED
    _STARTED = time.monotonic()
    folder = OutputFolder(check(path), carry_over)
    folder.lock()
    try:
        folder.remove_stale_staging()
        staging = folder.make_staging()
        try:
            with _hypothesis_home(staging / ".hypothesis"), _messages_name(staging, os.fspath(path)):
                yield staging
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                from openfisca_nl_sz import interrupt

                interrupt.mark_unwinding()  # the Ctrl-C has landed: let the cleanup run
            folder.discard_staging()
            raise
        folder.swap_in()
    finally:
        folder.unlock()
        _STARTED = None


#: When the current command began (set by `prepared`), so that --budget counts loading the
#: legislation and the starting households too, not only the search.
_STARTED: float | None = None


def budget_end(budget_seconds: float) -> float:
    """The monotonic time by which a run with this budget must be done."""
    return (_STARTED if _STARTED is not None else time.monotonic()) + budget_seconds


def staged_args(args, staging: Path):
    """A copy of the parsed arguments whose `out` is the staging folder."""
    import argparse

    return argparse.Namespace(**{**vars(args), "out": str(staging)})


@contextmanager
def _hypothesis_home(path: Path):
    """Hypothesis keeps its files (example database, constants cache) in `<out>/.hypothesis`.

    By default it writes `.hypothesis/` into the current directory, wherever the user runs nlsz.
    """
    from hypothesis import configuration

    previous = vars(configuration).get("__hypothesis_home_directory")  # None: not chosen yet
    configuration.set_hypothesis_home_dir(path)
    try:
        yield
    finally:
        configuration.set_hypothesis_home_dir(previous)


class _Renaming:
    """A text stream that writes the output folder's name where the staging folder's would appear.

    Progress lines ("wrote .../findings.json") are written while the run still writes into the
    staging folder; the reader must see the folder the files will be in when the run has ended.
    """

    def __init__(self, stream, old: str, new: str):
        self._stream, self._old, self._new = stream, old, new

    def write(self, text):
        return self._stream.write(text.replace(self._old, self._new))

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextmanager
def _messages_name(staging: Path, shown: str):
    import sys

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Renaming(sys.stdout, str(staging), shown), _Renaming(sys.stderr, str(staging), shown)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _shown(text: str) -> str:
    """A path as shown in a one-line error: at most 120 characters, no line breaks."""
    text = " ".join(text.split()) or repr(text)
    return text if len(text) <= 120 else "..." + text[-117:]
