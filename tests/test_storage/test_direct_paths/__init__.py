"""The SQLite paths that run on the driver connection directly (storage.inline, the trip)."""
