"""The doors' handling: each door's channel record beside its intake (the spec's types are in
`handlers.core.channels`), the intake that records every push once and handles it in order,
the settlement of a reply with its effects, and the hotline's and the WeCom app's handling."""
