"""The doors: verify, decode, hand over, answer. /wechat and /wecom answer passively within a
budget through `answering` (the one path that does), /hotline/calls answers JSON; each door is
one module declaring its `DOOR` (its channel and how it is mounted), listed in
`bot.assembly.DOORS`."""
