"""When a model guess is sure enough to act on, and how a model decision explains itself."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.classifier.model import LABELS, Scored

# Below this model probability the router offers its quick menu instead of guessing.
CONFIDENCE_THRESHOLD = 0.6
# Below the threshold, a top score this high and this far ahead of the next still acts.
LEAD_FLOOR = 0.45
LEAD_MARGIN = 0.15
# The intents a lead alone would open a ticket, a dialog or an answer for need a higher floor
# and a wider lead (5-fold CV of the classifier, handlers.tools.intent_cv; floors 0.45-0.6 and
# leads 0.15-0.35 by intent: in the 0.45-0.6 band about a fifth of these acts were wrong; wrong
# 3.4 % -> 3.1 %, menu 6.7 % -> 7.1 %, fewer wrong actions in each fold; on other and feedback
# the same bars cost three menus or more a wrong action). A booking needs the widest lead: below
# 0.6 the model's bookings were mostly questions about booking (能不能网上预约, "Do I need an
# appointment…?"): a lead of 0.35, not 0.25, 6 wrong actions fewer for 8 menus, in 4 folds of 5.
INTENT_FLOOR = {"complaint": 0.5, "consult": 0.5, "appointment": 0.5, "status": 0.5}
INTENT_MARGIN = {"complaint": 0.25, "consult": 0.25, "appointment": 0.35, "status": 0.25}
# A message the intent model reads as a consultation this surely is not the alarm's own raise
# (5-fold CV of the emergency dev parts: 3 everyday false alarms fewer, no emergency lost).
CONSULT_NO_RAISE = 0.5


def confident(top: float, probabilities: Sequence[float], label: str = "") -> bool:
    """Sure enough to act: a majority, or a clear lead (wider and from a higher floor for the
    intents in INTENT_FLOOR)."""
    if top >= CONFIDENCE_THRESHOLD:
        return True
    runner_up = sorted(probabilities)[-2] if len(probabilities) > 1 else 0.0
    return (top >= max(LEAD_FLOOR, INTENT_FLOOR.get(label, 0.0))
            and top - runner_up >= INTENT_MARGIN.get(label, LEAD_MARGIN))


def model_reasons(scored: Scored) -> tuple[str, ...]:
    """The model's label and probability, then the n-grams that pushed it most."""
    grams = tuple(f"ngram:{gram} {weight:+.2f}" for gram, weight in scored.top_ngrams)
    return (f"model:{scored.label} p={scored.probability:.2f}", *grams)


def second_best(scored: Scored) -> Scored:
    """The best label other than emergency (a talk or leaflet about a danger)."""
    order = sorted(range(1, len(LABELS)), key=lambda i: -scored.probabilities[i])
    best = order[0]
    return Scored(LABELS[best], scored.probabilities[best], scored.probabilities, ())


def consulting(scored: Scored) -> bool:
    """The intent model is fairly sure the message asks how to get something done (我现在在
    派出所，办身份证在几楼): no raise of the alarm's own."""
    return scored.label == "consult" and scored.probability >= CONSULT_NO_RAISE
