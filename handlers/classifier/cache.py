"""Trained models kept on disk, keyed by what they were trained from, so start-up is fast.

Training the intent model and the alarm takes several seconds of a shared CPU; loading their
arrays takes a fraction of one. The key is a hash of the data files and of the modules that
turn them into a model (a change to either trains anew). The folder is `$JINGMIN_MODEL_CACHE`
if set, else `jingmin/models` under the user's cache folder (`$XDG_CACHE_HOME`, default
`~/.cache`); `JINGMIN_MODEL_CACHE=off` never reads nor writes one. A cache that cannot be
read or written is ignored: the models are trained instead.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from handlers.classifier.lexicon import EMERGENCY_KINDS
from handlers.classifier.model import LinearModel
from handlers.classifier.reading import kept
from handlers.classifier.reading.kept import folder, keep_arrays
from handlers.core.labels import INTENT_LABELS

# The modules whose code decides what a trained model is.
# classifier.py chooses what is trained (`load`); frames.py and cues/ shape no trained weight.
ENV = kept.ENV      # the variable naming the folder (`folder`); tools and tests set it here
_SOURCES = ("model.py", "pinyin.py", "alarm.py", "text.py", "corpus.py", "cache.py",
            "classifier.py", "reading/ime.py", "reading/kept.py", "reading/dialect.py",
            "cues/learned.py", "prefilter.py", "../core/text/spelling.py", "decide/asking.py")
# The label sets training reads from elsewhere (model.py's intents and the emergency kinds the
# alarm and the kind model learn): a label added or renamed there changes the model's outputs.
_LABEL_SETS = (INTENT_LABELS, EMERGENCY_KINDS)
log = logging.getLogger(__name__)


def key(data_digest: str) -> str:
    """The cache key: the data's digest, the training code's and the label sets'."""
    sha = hashlib.sha256(data_digest.encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        sha.update(name.encode() + b"\0" + (here / name).read_bytes())
    for labels in _LABEL_SETS:
        sha.update(repr(list(labels)).encode() + b"\0")
    return sha.hexdigest()[:32]


def path_for(data_digest: str) -> Path | None:
    """The file that keeps the models trained from data with this digest (None: caching off)."""
    where = folder()
    return where / f"classifier-{key(data_digest)}.npz" if where is not None else None


def cached(data_digest: str, names: Sequence[str],
           train: Callable[[], dict[str, LinearModel]]) -> dict[str, LinearModel]:
    """The models called `names`, read from the cache or trained by `train` and kept."""
    path = path_for(data_digest)
    if path is not None and path.exists():
        try:
            with np.load(path, allow_pickle=False) as arrays:
                return {name: LinearModel.from_arrays(
                    {k.partition(".")[2]: arrays[k] for k in arrays.files
                     if k.startswith(name + ".")}) for name in names}
        except (OSError, ValueError, KeyError) as error:
            log.warning("model cache %s unreadable (%s): training anew", path, error)
    models = train()
    if path is not None:
        _keep(path, models)
    return models


def _keep(path: Path, models: dict[str, LinearModel]) -> None:
    keep_arrays(path, {f"{name}.{k}": v for name, model in models.items()
                       for k, v in model.arrays().items()})
