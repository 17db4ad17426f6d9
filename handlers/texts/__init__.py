"""Every sentence residents and officers read, in zh-CN, keyed by id: the sentences live in
`residents.py`, `officers.py` and their siblings (`terminal.py`: what `jingmin` prints), the
labels of contract §6 here."""

from __future__ import annotations

import re

from handlers.texts import english as _english
from handlers.texts.bookings import TEXTS as _BOOKINGS
from handlers.texts.console import (
    ACCESS_ACTION_LABELS,
    ACCESS_ASSIGNEE_LABELS,
    ACCESS_CALENDAR_LABELS,
    ACCESS_DETAIL_LABELS,
    ACCESS_FILTER_LABELS,
)
from handlers.texts.console import EVENT_LABELS as _CONSOLE_EVENTS
from handlers.texts.console import TEXTS as _CONSOLE
from handlers.texts.details import TEXTS as _DETAILS
from handlers.texts.emergencies import EMERGENCY_KIND_LABELS, NUMBER_LABELS, ROUTE_LABELS
from handlers.texts.emergencies import TEXTS as _EMERGENCIES
from handlers.texts.groups import TEXTS as _GROUPS
from handlers.texts.officers import ACTION_LABELS, FIELD_LABELS, RIGHT_LABELS, ROLE_LABELS
from handlers.texts.officers import TEXTS as _OFFICERS
from handlers.texts.ongoing import TEXTS as _ONGOING
from handlers.texts.ratings import TEXTS as _RATINGS
from handlers.texts.residents import TEXTS as _RESIDENTS
from handlers.texts.terminal import TEXTS as _TERMINAL
from handlers.texts.workflow import STEP_KPI_HEADERS
from handlers.texts.workflow import TEXTS as _WORKFLOW

# §4: every greeting and automatic reply ends with this line.
LINE_110 = "本平台非24小时值守，紧急情况请拨打110。"

_PARTS = (_RESIDENTS, _OFFICERS, _EMERGENCIES, _CONSOLE, _WORKFLOW, _GROUPS, _RATINGS,
          _TERMINAL, _ONGOING, _DETAILS, _BOOKINGS)
_TEXTS: dict[str, str] = {key: value for part in _PARTS for key, value in part.items()}
if len(_TEXTS) != sum(len(part) for part in _PARTS):  # one id, one sentence
    raise RuntimeError("a text id is defined twice (residents, officers, emergencies, console, "
                       "workflow, groups, ratings, terminal, ongoing, details, bookings)")

__all__ = ["ACCESS_ACTION_LABELS", "ACCESS_ASSIGNEE_LABELS", "ACCESS_CALENDAR_LABELS",
           "ACCESS_DETAIL_LABELS", "ACCESS_FILTER_LABELS", "ACTION_LABELS",
           "EMERGENCY_KIND_LABELS", "FIELD_LABELS", "NUMBER_LABELS", "RIGHT_LABELS",
           "ROLE_LABELS", "ROUTE_LABELS", "STEP_KPI_HEADERS"]


# Texts that are automatic replies and so carry the 110 line.
_WITH_110 = frozenset({"welcome", "help", "media_received", "rate_limited", "menu_footer"})


def text(key: str, **values: object) -> str:
    """The sentence `key`, filled with `values`, ending with the 110 line where §4 asks."""
    body = _TEXTS[key].format(**values) if values else _TEXTS[key]
    if key in _WITH_110:
        return f"{body}\n{LINE_110}"
    return body


def in_english(key: str, *, numbered: bool, controls: str | None, **values: object) -> str:
    """The English line under the dialog question `key` (`numbered`: it lists numbers;
    `controls`: None, "required" or "optional", how to go back, stop or leave it empty)."""
    line = _english.PROMPTS.get(key)
    body = line.format(**values) if line else (_english.CHOICES if numbered else _english.OTHER)
    if controls is None:
        return body
    return " ".join((body, _english.CONTROLS_OPTIONAL if controls == "optional"
                     else _english.CONTROLS))


# A line of a reply written in English (the dialogs' English lines): Latin words, no Chinese.
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}")


def english_noted(body: str) -> str:
    """`body` for a resident who writes in English, with one English line: the line it
    already has (a question asked in English) begins with the note that our replies are in
    Chinese; a body without one is headed by the bilingual note."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if _CHINESE.search(line) is None and len(_LATIN_WORDS.findall(line)) >= 3:
            lines[i] = f"{_english.NOTE} {line}"
            return "\n".join(lines)
    return f"{text('english_note')}\n{body}"


def keys() -> frozenset[str]:
    """Every text id, for tests."""
    return frozenset(_TEXTS)




def with_110(body: str) -> str:
    """`body` ending with the 110 line (once), as every automatic reply must (§4)."""
    if not body or body.rstrip().endswith(LINE_110):
        return body
    return f"{body}\n{LINE_110}"


# Labels shown to residents and officers (contract §6).
KIND_LABELS = {"complaint": "投诉举报", "appointment": "预约办理", "feedback": "意见建议",
               "emergency": "紧急警情", "consult": "咨询"}
STATUS_LABELS = {"new": "待受理", "assigned": "已派单", "in_progress": "办理中",
                 "resolved": "已办结", "closed": "已关闭", "reopened": "重新办理",
                 "cancelled": "已撤销"}
CHANNEL_LABELS = {"wechat": "公众号", "wecom": "企业微信", "hotline": "热线", "console": "窗口",
                  "group": "警务微信群"}
# Working-calendar overrides (storage OVERRIDE_KINDS), for the console and `jingmin calendar`.
CALENDAR_LABELS = {"holiday": "休息日", "workday": "工作日"}
# How a resident's own ticket is named in what they are told about it, by kind.
MATTER_LABELS = {"complaint": "您反映的问题", "appointment": "您的预约", "feedback": "您的意见建议",
                 "emergency": "您的求助", "consult": "您咨询的问题"}


def matter(kind: str | None) -> str:
    """A resident's ticket as they are told about it ("关于您的预约（工单号…）")."""
    return MATTER_LABELS.get(kind or "", MATTER_LABELS["complaint"])


def distance(km: float) -> str:
    """A distance as officers say it: 约350米 under a kilometre (a shared location at the
    station's door was 约0.0公里), else 约1.2公里."""
    if km < 1:
        return f"约{max(10, round(km * 1000, -1)):.0f}米"
    return f"约{km:.1f}公里"


# What happens next, by status, for 我的工单.
NEXT_STEP = {"new": "等待分派民警", "assigned": "民警将尽快与您联系",
             "in_progress": "民警正在办理", "resolved": "请回复“评价”评价办理结果",
             "closed": "已办结归档", "reopened": "民警重新办理中", "cancelled": "无需再办理"}

# Column headers of the export (§6 first, in this order) and of the figures (§7).
EXPORT_HEADERS = ("工单号", "类型", "优先级", "状态", "渠道", "受理时间", "所属单位", "责任民警",
                  "内容摘要", "是否超时", "最后更新时间", "联系方式",
                  "已办天数", "时限状态", "最后动作", "地点", "所属片区")
KPI_HEADERS = ("单位", "受理量", "办结率", "按时办结率", "首次响应中位数", "首次响应P90",
               "满意率", "解决率")
# Timeline event types as officers read them (最后动作).
EVENT_LABELS = {"created": "受理", "message_in": "群众留言", "auto_reply": "自动回复",
                "reply_out": "回复群众", "note": "备注", "assigned": "派单",
                "transferred": "转办", "status": "状态变更", "verdict": "群众评价",
                "alert": "警情提醒", "delivery_failed": "发送失败",
                "contact_revealed": "查看联系方式", "text_revealed": "查看未遮蔽内容",
                "exported": "导出"}


EVENT_LABELS.update({"linked": "关联群众", "callback": "电话回访", "acknowledged": "确认收到"})
EVENT_LABELS.update({"alert_sent": "提醒已送达", "alert_failed": "提醒发送失败",
                     "escalated": "升级提醒", "location": "群众位置",
                     "incident_no": "110接警编号"})
EVENT_LABELS.update(_CONSOLE_EVENTS)
EVENT_LABELS.update({"signed": "签收", "returned": "退单", "supervised": "督办",
                     "merged": "合并", "rating_followup": "差评回访",
                     "rating_disputed": "差评申诉"})
EVENT_LABELS.update({"group_task": "群发任务", "recalled": "撤回消息"})
# A routine notice to a unit (the robot's digest: new tickets, deadlines near or passed) is no
# 警情提醒: its reason names it.
ALERT_REASON_LABELS = {"new_ticket": "新工单提醒", "due_soon": "临近时限提醒",
                       "overdue": "超时提醒"}


def event_label(kind: str, reason: object = None) -> str:
    """How officers read a timeline event's type (最后动作, the console's timeline)."""
    if kind == "alert" and isinstance(reason, str) and reason in ALERT_REASON_LABELS:
        return ALERT_REASON_LABELS[reason]
    return EVENT_LABELS.get(kind, kind)
