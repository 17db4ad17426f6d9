"""The parts of a complaint's handling beside handlers.intents.complaint."""
