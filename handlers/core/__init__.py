"""The vocabulary every other package shares: messages and replies, the context a handler
works in, errors officers read, settings, field rules, paging, masking, duration syntax and
the kill -9 checkpoints. Imports only `handlers.texts` and storage."""
