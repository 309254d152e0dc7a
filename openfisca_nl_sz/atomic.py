"""Write files atomically: a crash leaves either the old file or the new one, never half of one.

A file is written to a temporary name in the same folder and renamed over the target. The
temporary file of `tempfile.mkstemp` is private (mode 0600); the finished file is given the mode a
plain `open()` would have given it, 0666 filtered by the process's umask, so that outputs are as
readable by colleagues as any other file the user creates (a shared folder, a web server's
document root).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

_UMASK_LOCK = threading.Lock()


def umask() -> int:
    """The process's current umask, without changing it for other threads (Linux: /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:  # elsewhere: read it by setting it, and set it back at once
        current = os.umask(0o022)
        os.umask(current)
    return current


def file_mode() -> int:
    """The mode of a new regular file: what `open(path, "w")` would create."""
    return 0o666 & ~umask()


def dir_mode() -> int:
    """The mode of a new folder: what `mkdir` would create."""
    return 0o777 & ~umask()


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), file_mode())  # mkstemp made it 0600: follow the umask instead
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: str | os.PathLike, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str | os.PathLike, obj) -> None:
    write_text(path, json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n")
