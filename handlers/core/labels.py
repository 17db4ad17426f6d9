"""The intents the classifier tells apart, as data (CONTRACT §4).

The classifier and its training files read this tuple, not the intent modules (which build on
the classifier's layer); tests/test_handlers/test_intents/test_registry.py checks it against
`handlers.intents.catalogue.REGISTRY`. The order is the model's class order: emergency first.
"""

INTENT_LABELS = ("emergency", "complaint", "appointment", "feedback", "status", "consult",
                 "other")

# A reason the classifier gives a message telling of money paid to a swindler minutes ago
# (`classifier.decide.stop_payment`): the complaint opened from it tells the resident to have
# the payment stopped at once (紧急止付).
PAID_JUST_NOW = "fraud:paid_just_now"
# Money paid to a swindler at a time not told (转了五千): the complaint says how to have it
# stopped if it was lately, and what to keep for the officers.
PAID_TO_SWINDLER = "fraud:paid"

# A reason the classifier gives a request typed in pinyin that names nothing of the matter yet
# ("wo yao tou su"): the complaint asks what happened first, as it does for 我要投诉.
BARE_REQUEST = "request:bare"

# A reason the classifier gives a danger told "just now" that the alarm read as over (刚才有人抢了
# 我的包): the complaint opened from it tells the resident to call 110 at once, while the trail
# is fresh.
JUST_HAPPENED = "downgraded:just_now"
