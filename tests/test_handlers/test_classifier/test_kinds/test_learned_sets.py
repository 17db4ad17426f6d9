"""The kind model reads every development part with labelled kinds, the sixth writer's (dev6)
included, each once, and its cache entry is keyed on those parts and on the kinds it learns."""

from __future__ import annotations

from handlers.classifier import cache as model_cache
from handlers.classifier.alarm import TRAINING_SETS
from handlers.classifier.cues import learned
from handlers.classifier.model import read_items

DEV6 = "emergency_dev6.jsonl"


def test_the_kind_model_learns_the_sixth_writers_emergencies_once():
    assert DEV6 in learned.KIND_SETS and len(set(learned.KIND_SETS)) == len(learned.KIND_SETS)
    assert set(TRAINING_SETS) <= set(learned.KIND_SETS)
    dev6 = [(item.kind, item.text) for item in read_items(DEV6) if item.label == "emergency"]
    pairs = learned.examples()
    assert len(dev6) > 400 and set(dev6) <= set(pairs)
    assert len(pairs) == sum(item.label == "emergency" for name in learned.KIND_SETS
                             for item in read_items(name))


def test_the_cached_kind_model_is_the_one_trained_on_these_parts(tmp_path, monkeypatch):
    monkeypatch.setenv(model_cache.ENV, str(tmp_path))
    learned.trained.cache_clear()
    try:
        model = learned.trained()
        [kept] = tmp_path.iterdir()
        fresh = learned.KindModel.train(learned.examples())
        norm = "我闺女在屋里把门反锁了，说活着没意思，叫她也不开"
        assert model.best(norm)[0] == fresh.best(norm)[0]
        assert abs(model.best(norm)[1] - fresh.best(norm)[1]) < 1e-9
        assert kept.name == model_cache.path_for(learned.cache_key()).name
    finally:
        learned.trained.cache_clear()
