"""The police WeChat group door (警务微信群): WeCom's message archive read by sequence
(`archive`: the reader's interface; `local` and `sdk` readers), a poller that hands each
group's messages to handlers.channels.group, and the owner's group message tasks."""
