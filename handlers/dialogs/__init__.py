"""Multi-step dialogs declared as data (steps, choices, validation, 取消/返回/重新开始,
expiry) and the engine that keeps them in the database. Knows no intent."""
