"""Every sentence residents and officers read, in zh-CN, keyed by id."""

from __future__ import annotations

# §4: every greeting and automatic reply ends with this line.
LINE_110 = "本平台非24小时值守，紧急情况请拨打110。"

_TEXTS: dict[str, str] = {
    "welcome": (
        "您好，欢迎关注聊城市公安局东昌府分局警民通！\n"
        "在这里您可以：\n"
        "· 反映问题、投诉举报（邻里纠纷、噪音扰民、诈骗线索等）\n"
        "· 预约办理户籍、身份证、居住证等业务\n"
        "· 咨询办事材料、办公时间和地址\n"
        "· 提出意见建议，评价我们的服务\n"
        "· 查询您反映问题的办理进度\n"
        "直接发送文字说明情况即可，我们会尽快安排民警处理。"
    ),
    "help": (
        "您好，这里是东昌府公安警民通。您可以直接发送文字：\n"
        "1. 反映问题或投诉举报，请说明事情经过和地点；\n"
        "2. 预约办理户籍、身份证、居住证、开具证明等业务；\n"
        "3. 咨询办事所需材料、办公时间和地址；\n"
        "4. 提出意见建议或评价民警服务；\n"
        "5. 查询已反映问题的办理进度。\n"
        "每一件事都有民警负责到底，办结后请您评价。"
    ),
    "media_received": "已收到您发送的内容。请再用文字简要说明情况，方便民警尽快处理。",
    "rate_limited": (
        "您发送消息较频繁，我们已全部收到，将按顺序逐条处理并回复，请稍候，不必重复发送。"
    ),
}

# Texts that are automatic replies and so carry the 110 line.
_WITH_110 = frozenset({"welcome", "help", "media_received", "rate_limited"})


def text(key: str, **values: object) -> str:
    """The sentence `key`, filled with `values`, ending with the 110 line where §4 asks."""
    body = _TEXTS[key].format(**values) if values else _TEXTS[key]
    if key in _WITH_110:
        return f"{body}\n{LINE_110}"
    return body


def keys() -> frozenset[str]:
    """Every text id, for tests."""
    return frozenset(_TEXTS)
