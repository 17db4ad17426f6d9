"""Which of the seven intents (CONTRACT §4) a resident's message is, and why.

Order: the emergency gate (`intents_gate`: cues framed clause by clause; an event told in the
past or as a standing problem downgrades to a P2 complaint; a hypothetical, a question, news
or a letter merely naming a danger is no emergency at all), then high-precision rules (menu
keys, ticket numbers, status and booking phrases, a bare "我要报警"), then the linear model.
The alarm (`intents_alarm`, a binary model of emergencies) may overrule a cue framed only by
plain wording and may raise an emergency no cue named, never in a formal letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from handlers.classifier import alarm as intents_alarm
from handlers.classifier import cache as model_cache
from handlers.classifier import corpus, opinion, requests
from handlers.classifier.alarm import Alarm
from handlers.classifier.cues.kinds import told_beside
from handlers.classifier.decide.confidence import (
    CONFIDENCE_THRESHOLD,
    confident,
    consulting,
    model_reasons,
    second_best,
)
from handlers.classifier.decide.scene import weighed_beyond_whereabouts
from handlers.classifier.decide.stop_payment import paid_to_swindler
from handlers.classifier.decide.telling import laughed_off, told_offence
from handlers.classifier.gate import (
    EMERGENCY,
    MENTION,
    NOTHING,
    PAST_EVENT,
    Assessment,
    EmergencyGate,
)
from handlers.classifier.lexicon import EMERGENCY_KINDS
from handlers.classifier.model import LABELS, LinearModel, Scored, features, grams
from handlers.classifier.rules import MENU_INTENTS, Hit, Rules
from handlers.classifier.text import cjk_count, is_letter, mended, normalize

CORPUS = "intents_corpus.tsv"
EVALUATION = "intents_eval.tsv"

# A status or booking phrase the model gives less than this chance of being that intent is
# left to the model ("办好了" in thanks, "报名参加" in a question). With the three bars of
# `decide.confidence` (when a model guess acts) by 5-fold CV of the classifier
# (handlers.tools.intent_cv): fewest wrong actions with the menu <= 8 % (wrong 5.2 % ->
# 4.2 %, menu 5.4 % -> 7.5 %; the plateau t >= 0.6, not the edge at 8 %).
RULE_VETO = 0.2
# What a past event may be told to ask for instead of a complaint (`_gated`).
PAST_ASKS = ("consult", "feedback", "appointment")

# Confidence given to rule decisions (the model's is its probability).
_RULE_CONFIDENCE = {"exact": 1.0, "emergency": 0.99, "phrase": 0.95, "downgraded": 0.9}
DOWNGRADED = "downgraded_emergency"
# A message this long with a title line is read by its title (a letter to the branch).
TITLED_MIN_CJK = 80
# Verdicts on texts this short (无, 是, 1, a place) are kept, the oldest of MEMO_SIZE forgotten
# first (classifying is pure); a longer one travels with its message (conversation.urgency).
MEMO_TEXT_MAX = 200
MEMO_SIZE = 4096

__all__ = ["DOWNGRADED", "EMERGENCY_KINDS", "IntentClassifier", "Prediction"]


@dataclass(frozen=True)
class Prediction:
    """An intent with its confidence and the reasons behind it."""

    intent: str
    confidence: float
    reasons: tuple[str, ...]
    priority: str | None = None
    downgraded: bool = False
    confident: bool = True
    ticket_number: str | None = None
    # For emergencies: one of EMERGENCY_KINDS (CONTRACT §4), the first that fits.
    emergency_kind: str | None = None
    # Every kind that fits, in EMERGENCY_KINDS order (the resident is told each one's numbers).
    emergency_kinds: tuple[str, ...] = ()
    # Numbers the words add beside the kinds' (a rescue's 119: `cues.kinds.told_beside`).
    also_told: tuple[str, ...] = ()
    # A bare request to report to the police ("我要报警") naming no matter yet.
    report_request: bool = False

    @property
    def acts(self) -> bool:
        """The bot acts on this intent at once, without a "which did you mean?" menu."""
        return self.confident


class IntentClassifier:
    """Rules first, then a character n-gram linear model."""

    def __init__(self, model: LinearModel, prefix: str = "DCF",
                 alarm: Alarm | None = None) -> None:
        # The segmenter's dictionary, the pinyin table and the reader's index load now, not on
        # a resident's first message (together about a second on a busy machine).
        features("预热 yu re")
        self._model = model
        self._rules = Rules(prefix)
        self._gate = EmergencyGate()
        self._alarm = alarm or Alarm.constant(0.5)      # neither overrules nor raises
        self._memo: dict[str, Prediction] = {}

    @property
    def intent_model(self) -> LinearModel:
        """The seven-intent model (shared by classifiers that differ in their alarm)."""
        return self._model

    @classmethod
    def load(cls, prefix: str = "DCF") -> IntentClassifier:
        """The models trained on the packaged data: from the model cache when it holds them
        for these very files (the corpus unread: issue 11), else trained and kept."""
        models = model_cache.cached(_data_digest(), ("intent", "alarm"), lambda: {
            "intent": LinearModel.train(corpus.pairs(examples := corpus.training_examples()),
                                        words=True),
            "alarm": Alarm.train(corpus.pairs(corpus.alarm_examples(examples))).model})
        return cls(models["intent"], prefix, Alarm(models["alarm"]))

    @staticmethod
    def cached() -> bool:
        """The model cache holds the models for the packaged data (start-up will be quick)."""
        path = model_cache.path_for(_data_digest())
        return path is not None and path.exists()

    @classmethod
    def train(cls, examples: Sequence[tuple[str, str]], prefix: str = "DCF",
              alarm_examples: Sequence[tuple[str, str]] | None = None,
              alarm_corpus: Sequence[tuple[str, str]] | None = None) -> IntentClassifier:
        """Train on (label, text) pairs (e.g. a CV fold); the alarm on `alarm_corpus` (default:
        the same) and `alarm_examples` (emergency/negative; default: the emergency dev set)."""
        return cls(LinearModel.train(examples, words=True), prefix,
                   Alarm.train(alarm_corpus or examples, alarm_examples))

    def classify(self, text: str) -> Prediction:
        """The intent of one message."""
        short = len(text) <= MEMO_TEXT_MAX
        memo = self._memo
        if (prediction := memo.get(text) if short else None) is None:
            prediction = self._classify(text)
            if (paid := paid_to_swindler(text)) is not None:     # whatever the intent
                prediction = replace(prediction, reasons=(*prediction.reasons, paid))
            if short:
                if len(memo) >= MEMO_SIZE:
                    del memo[next(iter(memo))]
                memo[text] = prediction
        return prediction

    def _classify(self, text: str) -> Prediction:
        norm = mended(normalize(text))
        rules = self._rules
        if rules.meaningless(norm):
            return Prediction("other", _RULE_CONFIDENCE["exact"], ("rule:empty",))
        ticket = rules.ticket_number(norm)
        cjk = cjk_count(norm)
        letter = is_letter(norm, cjk)
        judged = opinion.judged(norm, cjk)
        assessment = self._gate.assess(norm, letter, follow_up=ticket is not None)
        overruled: tuple[str, ...] = ()
        p_alarm = opinion.weighed(norm, cjk, assessment, self._alarm.probability)
        if p_alarm is not None:
            assessment, overruled = opinion.second_opinion(assessment, p_alarm, letter,
                                                           self._gate.told_kinds, norm)
        gated = self._gated(norm, ticket, assessment)
        if gated is not None:
            more = tuple(reason for reason in overruled if reason not in gated.reasons)
            return replace(gated, reasons=(*gated.reasons, *more)) if more else gated
        if (key := rules.menu_key(norm)) is not None:
            return Prediction(MENU_INTENTS[key], _RULE_CONFIDENCE["exact"], (f"rule:menu:{key}",),
                              priority="P1" if MENU_INTENTS[key] == "emergency" else None)
        if ticket is not None:
            return Prediction("status", _RULE_CONFIDENCE["exact"], (f"rule:ticket:{ticket}",),
                              ticket_number=ticket)
        gram_set = set(features(norm))       # the alarm reads what was typed (`_raised`)
        scored = self._model.score(norm, gram_set=gram_set)
        if (assessment.verdict in (NOTHING, MENTION) and not letter and not overruled
                and judged and not consulting(scored) and not rules.blames_police(norm)
                and scored.probabilities[0] >= intents_alarm.CONSIDER):
            raised = self._raised(norm, gram_set, scored.label == "emergency",
                                  vetoed=assessment.vetoed)
            if raised is not None:
                return raised
        asked = self._asked(norm, letter or cjk >= TITLED_MIN_CJK, scored)
        if asked is not None:
            return asked
        if (report := rules.report_request(norm)) is not None:
            return Prediction("complaint", _RULE_CONFIDENCE["phrase"], (report.reason(),),
                              report_request=True)
        prediction = self._from_model(scored, norm, questions=not overruled)
        if overruled:
            return replace(prediction, reasons=(*prediction.reasons, *overruled))
        return prediction

    def _asked(self, norm: str, long: bool, scored: Scored) -> Prediction | None:
        """What the resident asked for in so many words: a long letter by its title; a
        message by the request it opens with, its status or booking phrases, or a complaint
        about an officer's conduct (P2)."""
        rules = self._rules
        if long:
            named = requests.title(norm)
            return None if named is None else Prediction(
                named.intent, _RULE_CONFIDENCE["phrase"], (named.reason(),))
        conduct = rules.officer_conduct(norm)
        named = requests.explicit(norm) or requests.english_told(norm) or told_offence(norm)
        if named is not None:   # "我投诉你们的民警…": the conduct, too, sets the priority
            blamed = named.intent == "complaint" and conduct is not None
            return Prediction(named.intent, _RULE_CONFIDENCE["phrase"], named.reasons()
                              + ((conduct.reason(),) if blamed else ()),
                              priority="P2" if blamed else None)
        if (procedure := requests.procedure_question(norm)) is not None:
            return Prediction("consult", _RULE_CONFIDENCE["phrase"], (procedure.reason(),))
        # Thanks (办好了, 真快) or blame of the police (…没人告诉我进展, 这是不作为) asks nothing.
        blamed = rules.praise(norm) is not None or rules.blames_police(norm)
        for hit, intent in ((None if blamed else rules.status(norm), "status"),
                            (rules.booking(norm), "appointment")):
            if hit is not None and scored.probabilities[LABELS.index(intent)] >= RULE_VETO:
                return Prediction(intent, _RULE_CONFIDENCE["phrase"], (hit.reason(),))
        if conduct is not None:
            return Prediction("complaint", _RULE_CONFIDENCE["phrase"], (conduct.reason(),),
                              priority="P2")
        return None

    def _raised(self, norm: str, gram_set: set[str], agreed: bool,
                vetoed: bool = False) -> Prediction | None:
        """The alarm's own emergency (or, told in the past, a downgraded complaint); a lower
        bar when the intent model, too, reads an emergency (`agreed`), a far higher one when
        the gate found a cue and its context said no (`vetoed`)."""
        p_alarm = weighed_beyond_whereabouts(norm, set(grams(norm)), self._alarm.probability,
                                             self._gate.mentions)
        bar = intents_alarm.AGREE if agreed else intents_alarm.RAISE
        if p_alarm < (max(bar, intents_alarm.OVER_VETO) if vetoed else bar):
            return None
        reasons = (f"alarm:emergency p={p_alarm:.2f}",)
        not_now = self._gate.not_now(norm)
        verdict = opinion.own_raise(norm, not_now, p_alarm)
        if verdict == EMERGENCY:
            return _emergency(reasons, p_alarm, self._gate.hinted_kinds(norm), norm)
        if verdict == PAST_EVENT and not_now is not None:
            return _downgraded((*reasons, f"frame:{not_now.kind}:{not_now.words}"), p_alarm)
        return None

    def _gated(self, norm: str, ticket: str | None, assessment: Assessment) -> Prediction | None:
        if assessment.verdict == EMERGENCY:
            return _emergency(assessment.reasons(), _RULE_CONFIDENCE["emergency"],
                              assessment.kinds, norm)
        if assessment.verdict != PAST_EVENT:
            return None
        rules = self._rules
        reasons = assessment.reasons()
        # A follow-up on, or thanks for, an incident already handled is not a new complaint.
        follow_up = [(Hit("ticket", "ticket", ticket), "status")] if ticket else []
        follow_up += [(rules.status(norm), "status"), (rules.praise(norm), "feedback")]
        scored = self._model.score(norm, top=3)
        for hit, intent in follow_up:
            # As in `_asked`: a status word the model hardly reads as one ("到底抓没抓").
            if hit is not None and (hit.table != "status" or
                                    scored.probabilities[LABELS.index("status")] >= RULE_VETO):
                return Prediction(intent, _RULE_CONFIDENCE["phrase"], (hit.reason(), *reasons),
                                  ticket_number=ticket)
        # A past event told to ask for something else (被狗咬了…归派出所管吗, thanks for a rescue,
        # a visit for a mother who broke her leg last year) is what it asks for, when it names
        # that or the model is sure of it (5-fold CV: 7 of 124 downgrades right); laughed, chat.
        named = requests.explicit(norm) or requests.procedure_question(norm) or laughed_off(norm)
        if named is not None and named.intent != "complaint":
            return Prediction(named.intent, _RULE_CONFIDENCE["phrase"], (named.reason(), *reasons))
        guess = second_best(scored)
        if guess.label in PAST_ASKS and guess.probability >= CONFIDENCE_THRESHOLD:
            return Prediction(guess.label, guess.probability, (*model_reasons(guess), *reasons))
        return _downgraded(reasons, _RULE_CONFIDENCE["downgraded"])

    @staticmethod
    def _from_model(scored: Scored, norm: str = "", questions: bool = True) -> Prediction:
        reasons = model_reasons(scored)
        if scored.label == "emergency":     # emergencies are the gate's and the alarm's call
            scored = second_best(scored)
            reasons = (*model_reasons(scored), "model:emergency left to the alarm")
        if questions and scored.label == "complaint" and (asked := requests.asks_information(norm)):
            # "被骗了怎么报案" asks what to do; a danger the alarm overruled stays unsure (110).
            return Prediction("consult", _RULE_CONFIDENCE["phrase"], (asked.reason(), *reasons))
        return Prediction(scored.label, scored.probability, reasons,
                          confident=confident(scored.probability, scored.probabilities,
                                               scored.label))


def _data_digest() -> str:
    return corpus.digest((corpus.SHORT_CORPUS, *corpus.TRAIN, *intents_alarm.TRAINING_SETS))


def _emergency(reasons: tuple[str, ...], p: float, kinds: tuple[str, ...], norm: str) -> Prediction:
    return Prediction("emergency", p, reasons, priority="P1", emergency_kind=kinds[0],
                      emergency_kinds=kinds, also_told=told_beside(norm, kinds))


def _downgraded(reasons: tuple[str, ...], confidence: float) -> Prediction:
    return Prediction("complaint", confidence, (*reasons, DOWNGRADED), priority="P2",
                      downgraded=True)
