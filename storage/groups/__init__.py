"""The police WeChat group door's tables: the local archive, the reader's cursor, group
messages, consent, group tickets, message tasks and membership."""
