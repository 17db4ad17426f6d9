"""Programs beside the service, never imported by `jingmin serve`: the classifier's
evaluation (`make eval`), the emergency set's figures, made-up tickets for development."""
