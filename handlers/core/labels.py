"""The intents the classifier tells apart, as data (CONTRACT §4).

The classifier and its training files read this tuple, not the intent modules (which build on
the classifier's layer); tests/test_handlers/test_intents/test_registry.py checks it against
`handlers.intents.catalogue.REGISTRY`. The order is the model's class order: emergency first.
"""

INTENT_LABELS = ("emergency", "complaint", "appointment", "feedback", "status", "consult",
                 "other")
