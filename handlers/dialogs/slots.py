"""Answers that are checked before a dialog keeps them: a resident's name, whether a number
written inside a report is the resident's own (a tip often quotes a swindler's), where and
when a report says its matter happens."""

from __future__ import annotations

import re

from handlers.core.privacy import find_mobile, find_numbers, valid_mobile
from handlers.dialogs import english_words
from handlers.dialogs.steps import Invalid, skips
from handlers.tickets import places

# The common surnames (百家姓 and the frequent ones it leaves out): a name starts with one.
SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛"
    "奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐"
    "康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮"
    "蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干"
    "解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松"
    "井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司"
    "韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦"
    "雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居"
    "衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养"
    "鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公仉督岳帅缑亢况郈有琴归海晋楚闫法汝鄢涂钦商牟佘佴"
    "伯赏墨哈谯笪年爱阳佟第五言福付代覃揭迟植练栗邸凃才谌展粟逢")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门")
_CHINESE_NAME = re.compile(r"^[\u4e00-\u9fa5]{2,4}$")
_MINORITY_NAME = re.compile(r"^[\u4e00-\u9fa5]{1,10}(?:[·•][\u4e00-\u9fa5]{1,10}){1,3}$")
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ .'-]{1,38}[A-Za-zÀ-ÖØ-öø-ÿ]$")
# Words that make a "name" something else: a time, a request, a place, a reply.
NOT_NAME = ("上午", "下午", "中午", "晚上", "明天", "后天", "今天", "星期", "预约", "办理",
            "身份证", "户口", "我", "你", "吗", "呢", "什么", "知道", "姓名", "名字", "没有",
            "不用", "派出所", "小区", "街道", "谢谢", "你好", "您好")
# 周二, 三月, 5号: a date, though 周 and 月 are also in names (周杰, 李月).
_DATE_LIKE = re.compile(r"周[一二三四五六日天末]|[一二三四五六七八九十两]+[月号日点]")
# In English a prefix is a whole word: "Imran" is a name, "im Imran" a prefix and a name.
_NAME_PREFIX = re.compile(r"^(?:(?:我叫|我是|姓名[:：]?|名字[:：]?|叫)\s*|(?:full )?name\s*:\s*"
                          r"|(?:(?:my )?(?:full )?name(?: is|'s)|i am|i'm|im|this is|it's)\s+)",
                          re.IGNORECASE)
# The same in English: words that make a Latin "name" a time, a request or a reply.
NOT_NAME_EN = frozenset((
    "today tomorrow tonight morning afternoon evening noon night monday tuesday wednesday "
    "thursday friday saturday sunday next week weekend am pm day time book booking "
    "appointment please want need help know sure yes no ok okay thanks thank sorry don't "
    "dont cancel back station police card permit passport number phone").split())

YES = frozenset({"1", "是", "是的", "对", "对的", "嗯", "是我的", "我的", "本人", "是本人的"})
NO = frozenset({"2", "否", "不是", "不是的", "不对", "不是我的", "那是骗子的", "骗子的"})


def name(answer: str) -> str:
    """A person's name as written ("我叫张三" gives 张三); Invalid for anything else."""
    text = _NAME_PREFIX.sub("", answer.strip()).strip("。.，, ")
    if _LATIN_NAME.match(text):
        if any(word in NOT_NAME_EN for word in text.lower().replace("-", " ").split()):
            raise Invalid("name_invalid")
        return text
    if _MINORITY_NAME.match(text):
        return text
    if not _CHINESE_NAME.match(text) or any(word in text for word in NOT_NAME) \
            or _DATE_LIKE.search(text):
        raise Invalid("name_invalid")
    if text[0] not in SURNAMES and not text.startswith(COMPOUND_SURNAMES):
        raise Invalid("name_invalid")
    return text


# Just before a number, words that say it is the writer's own ("我电话138…", "联系我：138…").
_OWN = re.compile(r"(?:我|本人|俺)的?(?:手机号?|电话|号码|联系方式)|联系(?:电话|方式)"
                  r"|联系我|打给我|回电|我(?:的)?手机号码")
# A report signed with a number ("…吵死了 电话138…"), but not a call received ("打电话138…").
_SIGNED = re.compile(r"(?:^|[^打来拨])(?:电话|手机)[:：是为]?\s*$")
# Words that say it belongs to someone else, even after an "own" phrase.
_OTHERS = ("冒充", "骗子", "对方", "客服", "嫌疑", "他的", "她的", "那个号", "陌生",
           # a number of the other party named by their role ("卖家电话", "房东手机")
           "卖家", "商家", "店家", "买家", "房东", "中介", "司机", "老板", "车主")
_BEFORE = 10


def quoted_mobile(text: str) -> tuple[str, bool] | None:
    """The first mobile number in a report and whether the writer said it is their own."""
    found = next((f for f in find_numbers(text) if f.kind == "mobile"), None)
    if found is None:
        return None
    before = text[max(0, found.start - _BEFORE):found.start]
    said_own = bool(_OWN.search(before) or _SIGNED.search(before))
    own = said_own and not any(word in before for word in _OTHERS)
    return found.digits, own


# What may stand beside the number in an answer to "your phone?": words saying it is the
# writer's ("电话是", "我的手机号：", "打这个"), and punctuation.
_LEAD_IN = re.compile(r"(?:我|本人|俺)?的?(?:手机号码|手机号|手机|电话号码|电话|号码|联系方式|"
                      r"联系电话)?(?:是|为|:|：)?|打这个|[\s，,。.！!~～]")


def mobile(answer: str) -> str | None:
    """The mobile number an answer to "your phone?" gives: the number alone, however
    written ("138 1234 5678", full-width digits), or after words saying it is the writer's
    ("电话是138 1234 5678"); None for anything else."""
    text = answer.strip()
    own = valid_mobile(text)
    if own is not None:
        return own
    found = [f for f in find_numbers(text) if f.kind == "mobile"]
    if len(found) != 1:
        return None
    rest = text[:found[0].start] + text[found[0].end:]
    return found[0].digits if not _LEAD_IN.sub("", rest) else None


def phone(answer: str) -> str:
    """The resident's mobile number (a report's or a booking's contact), however written
    (`mobile`); Invalid otherwise."""
    found = mobile(answer)
    if found is None:
        raise Invalid("phone_invalid")
    return found


def phone_owner(answer: str) -> str:
    """Whether the number quoted in the report is the resident's: "yes", "no", or the
    number they give instead; Invalid when the answer says none of these."""
    text = answer.strip().strip("。.！!")
    own = valid_mobile(text) or find_mobile(text)
    if own is not None:
        return own
    if text in YES:
        return "yes"
    if text in NO or text.startswith(("不是", "不", "没")):
        return "no"
    said = english_words.yes_or_no(text)       # "yes it's mine", "no, the scammer's"
    if said is None:
        raise Invalid("phone_owner_unclear")
    return said


# A place has words in it: "1" or "2。" is a slip (a menu number typed from habit) an officer
# cannot go to. (Acknowledgements such as "好的" are answered as asides before a step reads them.)
_HAS_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")


# A question asked back about the question ("这个还要说地址吗？", "你问这个干嘛").
_ASKED_BACK = re.compile(r"(?:吗|么|嘛)[？?。!！]*$|[？?]\s*$|干嘛|干什么|为什么|为啥|凭什么")


def asks_back(answer: str) -> bool:
    """Whether an answer to "where?" is a question that names no place."""
    return _ASKED_BACK.search(answer.strip()) is not None and not places.names_place(answer)


def place(answer: str) -> str:
    """Where a matter happens, in the resident's words; Invalid for an answer with no word,
    or a question asked back (told why the place is asked)."""
    text = answer.strip()
    if not _HAS_WORDS.search(text):
        raise Invalid("place_invalid")
    if asks_back(text):
        raise Invalid("place_why")
    return text


# "无", "没有", "我也不知道", "忘了", "说不上来": no place at all, which the place step must not
# keep as one (officers would look for a place called 不知道).
_NO_PLACE = re.compile(r"^(?:我|俺|咱)?(?:也|都|真|实在|确实)?(?:不知道|不晓得|不清楚|不记得|记不清"
                       r"|记不得|说不清|说不上来?|讲不清|忘了|忘记了|没注意|没看清|不确定|不知)"
                       r"(?:在哪(?:里|儿)?|是哪(?:里|儿)?|具体位置|地址|地点)?[了啊呀吧呢。.！!～~，,]*$")


def no_place(answer: str) -> bool:
    """Whether an answer to "where?" says no place: none, or the resident does not know."""
    text = answer.strip()
    return skips(text) or _NO_PLACE.match(text) is not None


# When a report says its matter happens: a day, a part of the day, a clock time, how often,
# how lately; not a duration (住了三年) nor 一点 of "a little". Our own pattern, not jionlp's
# extractor: that one parses every candidate and formats a traceback for each it cannot place,
# ~1.2 ms on a message with a time in it (a complaint's opening push), where this takes µs.
_CN = "[一二三四五六七八九十两]{1,3}"
_WHEN_WORD = (
    r"(?:凌晨|清晨|大清早|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜|午夜|白天|晚间"
    r"|今天|昨天|前天|今儿|昨儿|今早|今晚|昨晚|昨夜|前晚|刚才|刚刚|方才|现在|这会儿|此刻|周末"
    r"|每天|天天|每晚|每周|每个?(?:星期|礼拜)|(?:上|这|本|下)?个?(?:周|星期|礼拜)[一二三四五六日天末]"
    r"|(?:上|这|本)个?月|月初|月底|最近|这几天|这两天|近来|这段时间|这阵子"
    rf"|\d{{1,2}}月\d{{1,2}}[日号]|\d{{1,2}}(?:[:：]\d{{2}}|点(?:半|多|钟|\d{{1,2}}分?)?)"
    rf"|{_CN}点(?:半|多|钟|{_CN}分)|{_CN}点(?=以后|之后|左右|前后|到|至|-|~)"
    r")")
# Words joined into one span: 每天晚上, 早上七点到九点; and a clock time right after a word.
_WHEN = re.compile(rf"{_WHEN_WORD}(?:(?:到|至|-|~|—)?(?:{_WHEN_WORD}|{_CN}点))*(?:以后|之后|左右)?")
_WHEN_MAX = 40


def told_when(text: str) -> str | None:
    """When a report says its matter happens ("早上七点到九点", "每天晚上，凌晨两点"), or None:
    a complaint that already says so is not asked again."""
    spans = [found.group() for found in _WHEN.finditer(text)]
    return "，".join(spans)[:_WHEN_MAX] or None
