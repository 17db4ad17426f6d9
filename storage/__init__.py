"""Jingmin's storage layer: models, repositories, outbox and migrations. Imports nothing of ours."""
