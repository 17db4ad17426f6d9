"""What goes out: the durable outbox, shared access tokens and leases, local-mode deliveries."""
