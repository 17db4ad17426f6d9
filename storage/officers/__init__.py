"""Officers and their credentials: accounts, API tokens, console sessions, sign-in failures,
the access log and common replies."""
