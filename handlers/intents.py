"""Which of the seven intents (CONTRACT §4) a resident's message is, and why.

Order: the emergency gate (rules; past or hypothetical wording downgrades to a P2 complaint),
then high-precision rules (menu keys, ticket numbers, status and booking phrases), then the
linear model. The model may raise an emergency; it is never asked to lower a rule's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.intents_model import LABELS, LinearModel, Scored, read_tsv
from handlers.intents_rules import MENU_INTENTS, Hit, Rules, normalize

CORPUS = "intents_corpus.tsv"
EVALUATION = "intents_eval.tsv"

# Below this model probability the router should offer QUICK_MENU instead of guessing.
CONFIDENCE_THRESHOLD = 0.5
# Below the threshold, a top score this high and this far ahead of the next still acts.
LEAD_FLOOR = 0.35
LEAD_MARGIN = 0.15
# The model raises an emergency when its emergency probability reaches this, even if second.
EMERGENCY_RAISE = 0.5

# (digit the resident types, intent, label shown) for the low-confidence quick menu.
QUICK_MENU: tuple[tuple[str, str, str], ...] = (
    ("1", "complaint", "投诉举报"),
    ("2", "appointment", "预约办理"),
    ("3", "consult", "咨询"),
    ("4", "feedback", "意见建议"),
    ("5", "status", "查询进度"),
)

# Emergency kinds in the contract's order of precedence (§4): a ticket takes the first
# that fits; the resident is told the numbers of every kind that fits.
EMERGENCY_KINDS = ("self_harm", "fire", "traffic", "crime", "medical", "fraud", "missing", "other")
# Which kind each emergency cue table entry points to.
CUE_KINDS = {"help": "other", "weapon": "crime", "fight": "crime", "fire": "fire",
             "suicide": "self_harm", "intrusion": "crime", "domestic": "crime",
             "missing": "missing", "stalking": "crime", "robbery": "crime", "gas": "fire",
             "injury": "medical", "threat": "crime"}

# Confidence given to rule decisions (the model's is its probability).
_RULE_CONFIDENCE = {"exact": 1.0, "emergency": 0.99, "phrase": 0.95, "downgraded": 0.9}
DOWNGRADED = "downgraded_emergency"


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
    # A bare request to report to the police ("我要报警") naming no matter yet.
    report_request: bool = False


class IntentClassifier:
    """Rules first, then a character n-gram linear model."""

    def __init__(self, model: LinearModel, prefix: str = "DCF") -> None:
        self._model = model
        self._rules = Rules(prefix)

    @classmethod
    def load(cls, prefix: str = "DCF") -> IntentClassifier:
        """Train on the packaged corpus (deterministic, about a second, no network)."""
        return cls.train(read_tsv(CORPUS), prefix)

    @classmethod
    def train(cls, examples: Sequence[tuple[str, str]], prefix: str = "DCF") -> IntentClassifier:
        """Train on (label, text) pairs, e.g. one cross-validation fold."""
        return cls(LinearModel.train(examples), prefix)

    def classify(self, text: str) -> Prediction:
        """The intent of one message."""
        norm = normalize(text)
        rules = self._rules
        if rules.meaningless(norm):
            return Prediction("other", _RULE_CONFIDENCE["exact"], ("rule:empty",))
        ticket = rules.ticket_number(norm)
        gated = self._gate(norm, ticket)
        if gated is not None:
            return gated
        if (key := rules.menu_key(norm)) is not None:
            return Prediction(MENU_INTENTS[key], _RULE_CONFIDENCE["exact"], (f"rule:menu:{key}",),
                              priority="P1" if MENU_INTENTS[key] == "emergency" else None)
        if ticket is not None:
            return Prediction("status", _RULE_CONFIDENCE["exact"], (f"rule:ticket:{ticket}",),
                              ticket_number=ticket)
        for hit, intent in ((rules.status(norm), "status"), (rules.booking(norm), "appointment")):
            if hit is not None:
                return Prediction(intent, _RULE_CONFIDENCE["phrase"], (hit.reason(),))
        if (conduct := rules.officer_conduct(norm)) is not None:
            return Prediction("complaint", _RULE_CONFIDENCE["phrase"], (conduct.reason(),),
                              priority="P2")
        return self._from_model(norm)

    def _gate(self, norm: str, ticket: str | None) -> Prediction | None:
        rules = self._rules
        cue = rules.emergency(norm)
        if cue is None:
            return None
        now = rules.now(norm)
        if now is not None:
            return _emergency((cue.reason(), now.reason()), _RULE_CONFIDENCE["emergency"],
                              kind=CUE_KINDS[cue.entry])
        if rules.topic(norm) is not None:
            return None
        # A follow-up on, or thanks for, an incident already handled is not a new complaint.
        follow_up = [(Hit("ticket", "ticket", ticket), "status")] if ticket else []
        follow_up += [(rules.status(norm), "status"), (rules.praise(norm), "feedback")]
        for hit, intent in follow_up:
            if hit is not None:
                return Prediction(intent, _RULE_CONFIDENCE["phrase"], (hit.reason(), cue.reason()),
                                  ticket_number=ticket)
        if (not_now := rules.not_now(norm)) is not None:
            return _downgraded((cue.reason(), not_now.reason()), _RULE_CONFIDENCE["downgraded"])
        return _emergency((cue.reason(),), _RULE_CONFIDENCE["emergency"],
                          kind=CUE_KINDS[cue.entry])

    def _from_model(self, norm: str) -> Prediction:
        scored = self._model.score(norm)
        reasons = _model_reasons(scored)
        p_emergency = scored.probabilities[0]
        if p_emergency >= EMERGENCY_RAISE:
            rules = self._rules
            if rules.now(norm) is None and (not_now := rules.not_now(norm)) is not None:
                return _downgraded((*reasons, not_now.reason()), p_emergency)
            if rules.topic(norm) is None:
                return _emergency(reasons, p_emergency, confident=True)
            scored = _second_best(scored)
            reasons = _model_reasons(scored)
        if scored.label == "emergency":     # the model's emergency fell below EMERGENCY_RAISE
            scored = _second_best(scored)
            reasons = (*_model_reasons(scored), "model:emergency below raise threshold")
        return Prediction(scored.label, scored.probability, reasons,
                          confident=_confident(scored.probability, scored.probabilities))


def _confident(top: float, probabilities) -> bool:
    """Sure enough to act: a majority, or a clear lead over the runner-up among seven."""
    if top >= CONFIDENCE_THRESHOLD:
        return True
    runner_up = sorted(probabilities)[-2] if len(probabilities) > 1 else 0.0
    return top >= LEAD_FLOOR and top - runner_up >= LEAD_MARGIN


def _emergency(reasons: tuple[str, ...], confidence: float, confident: bool = True,
               kind: str = "other") -> Prediction:
    return Prediction("emergency", confidence, reasons, priority="P1", confident=confident,
                      emergency_kind=kind, emergency_kinds=(kind,))


def _downgraded(reasons: tuple[str, ...], confidence: float) -> Prediction:
    return Prediction("complaint", confidence, (*reasons, DOWNGRADED), priority="P2",
                      downgraded=True)


def _model_reasons(scored: Scored) -> tuple[str, ...]:
    grams = tuple(f"ngram:{gram} {weight:+.2f}" for gram, weight in scored.top_ngrams)
    return (f"model:{scored.label} p={scored.probability:.2f}", *grams)


def _second_best(scored: Scored) -> Scored:
    """The best label other than emergency (a talk or leaflet about a danger)."""
    order = sorted(range(1, len(LABELS)), key=lambda i: -scored.probabilities[i])
    best = order[0]
    return Scored(LABELS[best], scored.probabilities[best], scored.probabilities, ())


def quick_menu_intent(choice: str) -> str | None:
    """The intent a quick-menu digit stands for, or None."""
    return next((intent for digit, intent, _ in QUICK_MENU if digit == choice.strip()), None)
