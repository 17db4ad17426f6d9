"""What `jingmin` prints in the terminal (chat, chat --group, calendar, seed), in zh-CN,
keyed by id."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # `jingmin chat`: a resident's phone in the terminal.
    "chat_help": ("命令：/subscribe 关注  /menu KEY 菜单点击  /location 纬度 经度 发送位置  "
                  "/quit 退出"),
    "chat_connected": "以 {openid} 的身份连接 {url}。{help}",
    "chat_prompt": "你：",
    "chat_reply": "警民通：{text}",
    "chat_reply_later": "[已收到，稍后回复]",
    "chat_late_reply": "警民通（稍后发送）：{text}",
    "chat_while_away": "（以下是您离开期间收到的消息）",
    "chat_refused": "[服务器拒绝：HTTP {status} {answer}]",
    "chat_unreachable": "[无法连接 {url}：{error}]",
    # `jingmin chat --group`: a police WeChat group in the terminal.
    "chat_group_help": ("命令：/confirm 群主确认最早的群发任务  /recall 撤回自己最近的一条消息  "
                        "/quit 退出；@昵称 提及群成员"),
    "chat_group_joined": "以“{name}”的身份进入{group}。{help}",
    "chat_group_prompt": "群聊：",
    "chat_group_no_task": "[没有待您确认的群发任务]",
    "chat_group_confirmed": "[已确认群发] {text}",
    "chat_group_recalled": "[已撤回您最近的一条消息]",
    "chat_group_nothing_to_recall": "[没有可撤回的消息]",
    "chat_group_unreachable": "[{url} 未响应：消息已写入本地存档，服务运行后读取]",
    # What the group's owner would see in WeCom, by the local delivery's endpoint.
    "chat_group_owner_group_task": "群主待确认的群发任务",
    "chat_group_owner_wecom_send": "群主企业微信通知",
    "chat_group_owner_other": "群主",
    "chat_group_owner_line": "[{label}] {text}",
    # `jingmin calendar`.
    "calendar_set": "{day} 设为{kind}",
    "calendar_not_set": "{day} 没有设置过",
    "calendar_reset": "{day} 已恢复默认",
    # `jingmin seed`: the unit seeded tickets belong to when the configuration names none.
    "seed_default_unit": "古楼派出所",
    # `jingmin --help`.
    "cli_description": "Jingmin (警民通) police-community channel",
}
