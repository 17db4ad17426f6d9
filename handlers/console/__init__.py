"""The officers' web console's view models: queues, the ticket page, the dashboard, common
replies, the working calendar and the escalation banner. The pages themselves are in
`bot.console`."""
