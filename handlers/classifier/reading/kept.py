"""Where built tables are kept on disk (the model cache's folder), written whole or not at all.

The lowest layer of the classifier's caching: the reader's index (`ime`) and the trained
models (`cache`) both keep their arrays here, and this module imports nothing of ours.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import numpy as np

ENV = "JINGMIN_MODEL_CACHE"
log = logging.getLogger(__name__)


def folder() -> Path | None:
    """Where models are kept, or None when caching is off."""
    chosen = os.environ.get(ENV, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jingmin" / "models"


def keep_arrays(path: Path, flat: dict[str, np.ndarray]) -> None:
    """Write named arrays to `path` whole or not at all (a failure is logged, not raised)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed: a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **flat)
        os.replace(temporary, path)
    except OSError as error:
        log.warning("model cache %s not written (%s)", path, error)
