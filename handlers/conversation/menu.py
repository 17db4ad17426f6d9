"""The official account's custom menu (CONTRACT §4), as data."""

from __future__ import annotations

from typing import Any

# Top-level label -> either one click key or {sub-label: click key}. WeChat allows 3 top-level
# buttons (≤ 16 bytes each) and 5 sub-buttons (≤ 60 bytes each); keys ≤ 128 bytes.
MENU: dict[str, str | dict[str, str]] = {
    "我要反映": {"投诉举报": "COMPLAINT", "意见建议": "FEEDBACK", "紧急求助": "EMERGENCY_INFO",
                 "发送位置": "SEND_LOCATION"},
    "预约办事": {"预约办理": "APPOINTMENT", "办事指南": "GUIDE"},
    "我的工单": "MY_TICKETS",
}


# Keys whose button is not a click: 发送位置 opens WeChat's location picker, whose event
# (location_select) carries the place the resident chose.
BUTTON_TYPES: dict[str, str] = {"SEND_LOCATION": "location_select"}


def _click(name: str, key: str) -> dict[str, str]:
    return {"type": BUTTON_TYPES.get(key, "click"), "name": name, "key": key}


def wechat_menu() -> dict[str, Any]:
    """The JSON body of WeChat's menu/create for MENU."""
    buttons: list[dict[str, Any]] = []
    for name, item in MENU.items():
        if isinstance(item, str):
            buttons.append(_click(name, item))
        else:
            buttons.append({"name": name,
                            "sub_button": [_click(sub, key) for sub, key in item.items()]})
    return {"button": buttons}


def menu_keys() -> frozenset[str]:
    """Every click key the menu can send."""
    keys: set[str] = set()
    for item in MENU.values():
        keys.update([item] if isinstance(item, str) else item.values())
    return frozenset(keys)
