"""Tickets themselves: opening (routing, priority, deadlines), the lifecycle (the one way a
status changes, with its clocks and hooks), the SLA and working calendar, alerts and
escalation, places, SMS notices and the §5 ticket object."""
