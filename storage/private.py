"""Files and folders only the service's own user may read: residents' messages, photos and
exports live in them (0600 files, 0700 folders, whatever the umask)."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def folder(path: Path, *, tighten: bool = False) -> Path:
    """Create `path` (and missing parents) 0700; `tighten` also narrows an existing one."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if tighten:
        os.chmod(path, FOLDER_MODE)
    return path


def file(path: Path) -> Path:
    """Make sure `path` exists and is 0600 (created empty if missing)."""
    # An existing file is never opened: closing any descriptor of a file drops every POSIX
    # lock this process holds on it, SQLite's on its database and -shm included, and another
    # process closing the database then believes itself the last and deletes the WAL that
    # this process still writes to.
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    os.chmod(path, FILE_MODE)
    return path


def write(path: Path, data: bytes) -> None:
    """Write `data` to a new or truncated 0600 file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, FILE_MODE)
