"""A wish for a service only the police's people give, said without the word 预约 (§4's
appointment: a community officer's visit, a safety talk): "俺想找俺们片儿警唠唠",
"能不能让社区民警来我家坐坐", "想请民警到学校做个安全讲座", "村里想请警察来讲讲咋防骗".

Read as three parts in one clause, in this order: a wish or an invitation (想, 希望, 请,
能不能, 安排), the officers (片儿警, 社区民警, 派出所, 你们), and what they are to do: meet and
talk (唠唠, 拉呱, 见个面, 来家坐坐) or give a talk (讲讲, 上节课, 宣讲). A talk may also be
named as the thing to organise (想搞个防骗讲座…派出所能派人来吗). The classifier reads it
as a booking; the booking dialog takes the service from it."""

from __future__ import annotations

import re
import unicodedata

from handlers.core.text.spelling import simplified

# A wish or an invitation, the resident's or their school's or village's (请问 asks).
_WISH = r"(?:想|要|希望|盼|请(?!问)|邀请|麻烦|安排|能不能|能否|可不可以|可否|可以|能)"
# The community officer in any register; the police at large.
_COMMUNITY = (r"(?:社区民警|社区警察|社区警官|社区警务室?的?(?:民警|警官)?|片儿警|片警|片区的?民警"
              r"|片区的?警官|辖区民警|管片民警|社区的?(?:民警|警察|警官))")
_POLICE = r"(?:民警|警察|警官|警员|派出所|所里|你们|同志|警察叔叔)"
# Meeting and talking for its own sake, in several voices; a bare 说说 or 谈谈 is how a
# complaint is told ("想找民警说说我家被偷的事"), so it is not here.
_SOCIAL = (r"(?:见见|见一见|见一下|见个面|见一面|见面|约见|面谈|面对面|当面|唠唠|唠一唠|唠嗑"
           r"|拉呱|拉拉呱|侃侃|聊聊|聊一聊|聊天|谈谈心|谈心|说道说道|叨叨|摆摆龙门阵|坐坐|坐一坐)")
# A visit, asked of the community officer only: "你们能来一趟吗" after a theft is a report.
_VISIT = r"(?:走访|家访|上门|来(?:我|俺|咱)?家|到(?:我|俺|咱)?家|来一趟|来趟)"
# Giving a talk: to speak to a group, a lesson, a campaign.
_TALK = (r"(?:讲讲|讲一讲|讲一下|讲一堂|讲堂|讲个课|讲课|授课|上课|上一?[节堂]|讲座|宣讲|宣传|培训"
         r"|普法|科普|安全课|反诈课|防骗课|法制课|教育课)")
_OFFICERS = rf"(?:{_COMMUNITY}|{_POLICE})"
# The wish, then the officers, then what they are to do, in one clause (no stop between);
# or the officers, then whether they can ("社区民警能来我家一趟吗").
_GAP = r"[^,;。!?\n]{0,12}"
_ASKED = re.compile(
    rf"{_WISH}{_GAP}?(?:{_COMMUNITY}{_GAP}?(?:(?P<talk>{_TALK})|(?P<meet>{_SOCIAL}|{_VISIT}))"
    rf"|{_POLICE}{_GAP}?(?:(?P<talk2>{_TALK})|(?P<meet2>{_SOCIAL})))"
    rf"|{_COMMUNITY}{_GAP}?{_WISH}{_GAP}?(?:(?P<talk3>{_TALK})|(?P<meet3>{_SOCIAL}|{_VISIT}))"
    # "我想见见我们社区的民警": the meeting first; "能不能来我们小区讲讲": the police unnamed
    # (the resident is writing to them).
    rf"|{_WISH}(?:跟|和|同)?{_SOCIAL}{_GAP}?{_OFFICERS}"
    rf"|(?:能不能|能否|可不可以|可否|请|邀请|希望)(?:你们)?(?:派人|派个人)?(?:来|到){_GAP}?"
    rf"(?P<talk4>{_TALK})")
# A talk named as the thing to organise, the officers asked anywhere in the message.
_ORGANISED = re.compile(rf"{_WISH}{_GAP}?(?:搞|办|组织|举办|开展|开|安排){_GAP}?"
                        r"(?:讲座|宣讲|宣传活动|安全课|反诈课|防骗课|法制课|培训)")
# Asking how or whom to book, what it costs, where the officer is: information, not a wish.
_ASKS_ABOUT = re.compile(r"怎么预约|如何预约|怎么约|怎么申请|流程|电话|在哪|是谁|叫什么|有没有")

HOME_VISIT, SAFETY_TALK = "home_visit", "safety_talk"


def wished(text: str) -> tuple[str, str] | None:
    """(service, the words that asked for it) for a message that asks the officers to meet
    the resident or to give a talk; None otherwise."""
    norm = simplified(unicodedata.normalize("NFKC", text))
    found = _ASKED.search(norm)
    if found is not None:
        clause = re.split(r"[,;。!?\n]", norm[found.start():], maxsplit=1)[0]
        if _ASKS_ABOUT.search(clause):
            return None
        if "听" in found.group(0):     # to attend a talk ("能来听讲座吗") books nothing
            return None
        talk = any(found.group(f"talk{n}") for n in ("", "2", "3", "4"))
        return (SAFETY_TALK if talk else HOME_VISIT), found.group(0)
    organised = _ORGANISED.search(norm)
    if organised is not None and re.search(_OFFICERS, norm) and not _ASKS_ABOUT.search(norm):
        return SAFETY_TALK, organised.group(0)
    return None
