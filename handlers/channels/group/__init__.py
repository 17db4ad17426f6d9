"""The police WeChat group (警务微信群) in the handlers' terms: archived group messages
understood like any message, officers' answers in the group counted, the owner's message
tasks and the group figures."""
