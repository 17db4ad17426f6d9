"""One module per intent, each declaring one record (`registry.Intent`): its labels, the
ticket kind and priority it opens, its handler, dialogs, menu buttons and quick-menu choice.
`catalogue.REGISTRY` lists them; everything that lists intents reads it."""
