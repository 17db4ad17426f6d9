"""Tickets and everything kept about them: the timeline, verdicts, callbacks, alerts, the
working-calendar overrides, and the queries behind lists, exports and figures. The CHECK
vocabularies of contract §5 (kinds, statuses, priorities, channels) live in `models`."""
