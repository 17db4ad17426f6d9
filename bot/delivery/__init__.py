"""What goes out: the outbox worker, one sender per job kind, the Tencent clients (WeChat,
WeCom app and group robot, their tokens and errors) and local mode's recorded deliveries."""
