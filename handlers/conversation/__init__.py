"""The resident's conversation on /wechat: the router (contract §4's precedence), the quick
menu, the official account's menu, shared locations, replies held for the next message, and
the resident's verdict on a resolved ticket."""
