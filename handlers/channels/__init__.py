"""The doors and their plumbing: each door's spec (name, label, how it answers, intake
policy), the intake that records every push once and handles it in order, the settlement of
a reply with its effects, and the hotline's and the WeCom app's handling."""
