"""The model cache: start-up reads what training made for the same data, never a stale model."""

from __future__ import annotations

from pathlib import Path

from handlers.classifier import cache, corpus
from handlers.classifier.classifier import IntentClassifier
from handlers.classifier.model import LinearModel
from handlers.classifier.text import normalize
from handlers.core.text import spelling

EXAMPLES = [("complaint", "楼上半夜很吵"), ("complaint", "邻居的狗天天叫"),
            ("consult", "身份证怎么补办"), ("consult", "户口迁移要带什么材料"),
            ("other", "你好"), ("other", "今天天气不错")]


def _trainer(calls: list[int]):
    def train() -> dict[str, LinearModel]:
        calls.append(1)
        return {"intent": LinearModel.train(EXAMPLES, words=True)}
    return train


def test_a_second_start_reads_the_kept_model_and_scores_alike(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    calls: list[int] = []
    first = cache.cached("data-1", ("intent",), _trainer(calls))["intent"]
    again = cache.cached("data-1", ("intent",), _trainer(calls))["intent"]
    assert calls == [1]
    assert again.words and again.labels == first.labels
    for text in ("楼上又在吵", "补办身份证", "你好呀"):
        assert again.score(normalize(text)).probabilities == \
            first.score(normalize(text)).probabilities


def test_other_data_trains_anew(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    calls: list[int] = []
    cache.cached("data-1", ("intent",), _trainer(calls))
    cache.cached("data-2", ("intent",), _trainer(calls))
    assert calls == [1, 1]
    assert len(list(tmp_path.glob("classifier-*.npz"))) == 2


def test_a_damaged_cache_file_is_trained_over(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    calls: list[int] = []
    cache.cached("data-1", ("intent",), _trainer(calls))
    for kept in tmp_path.glob("classifier-*.npz"):
        kept.write_bytes(b"not a model")
    model = cache.cached("data-1", ("intent",), _trainer(calls))["intent"]
    assert calls == [1, 1] and model.score(normalize("楼上吵")).label == "complaint"


def test_caching_can_be_turned_off_and_an_unwritable_folder_is_no_error(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    calls: list[int] = []
    cache.cached("data-1", ("intent",), _trainer(calls))
    cache.cached("data-1", ("intent",), _trainer(calls))
    assert calls == [1, 1]
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv(cache.ENV, str(blocked / "models"))
    assert cache.cached("data-1", ("intent",), _trainer(calls))["intent"].words


def test_a_changed_label_set_is_another_model(monkeypatch):
    # model.py learns the intents of handlers.core.labels and the kinds of lexicon.py: an
    # added kind with the same data files must not read a model that cannot name it.
    before = cache.key("data-1")
    intents, kinds = cache._LABEL_SETS
    monkeypatch.setattr(cache, "_LABEL_SETS", (intents, (*kinds, "drowning")))
    assert cache.key("data-1") != before


def test_a_start_from_the_cache_reads_no_training_data(monkeypatch):
    # The session's start kept the packaged model (tests/conftest.py): a server's start reads
    # it and nothing it was trained from (issue 11: every second of a restart counts).
    assert IntentClassifier.cached()

    def read_corpus():
        raise AssertionError("the training corpus was read on a cache hit")

    monkeypatch.setattr(corpus, "training_examples", read_corpus)
    assert IntentClassifier.load().classify("楼上天天半夜蹦迪，吵死了").intent == "complaint"


def test_a_changed_spelling_is_another_model(monkeypatch, tmp_path):
    # Features read text as handlers.core.text.spelling spells it (traditional as
    # simplified): a change there changes what the model was trained on.
    before = cache.key("data-1")
    copy = tmp_path / "handlers" / "classifier"
    (tmp_path / "handlers" / "core" / "text").mkdir(parents=True)
    copy.mkdir(parents=True)
    here = Path(cache.__file__).parent
    for name in cache._SOURCES:
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((here / name).read_bytes())
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    assert cache.key("data-1") == before
    changed = copy / "../core/text/spelling.py"
    changed.write_bytes(Path(spelling.__file__).read_bytes() + b"\n# another spelling\n")
    assert cache.key("data-1") != before


def test_every_module_whose_code_shapes_the_features_is_in_the_key():
    # A change to how the words, pinyin or slips are read is another model: the key must
    # cover each module of ours that runs while a message's features are taken, or a
    # start-up would score new features with weights learned for the old ones.
    import sys
    from pathlib import Path

    from handlers.classifier.model import features

    here = Path(cache.__file__).parent
    ran: set[str] = set()

    def note(frame, event, _arg):
        if event == "call":
            ran.add(frame.f_code.co_filename)

    sys.setprofile(note)
    try:
        for text in ("俺以经投数了, wo yao tou shu lou shang", "I want to COMPLAIN, 转帐"):
            features(normalize(text))
    finally:
        sys.setprofile(None)
    shaping = {Path(name).relative_to(here).as_posix() for name in ran
               if Path(name).is_relative_to(here)}
    assert {"model.py", "pinyin.py", "text.py"} <= shaping
    assert shaping <= set(cache._SOURCES)
