"""Regional words read as the standard words the classifier knows (issue 14's registers).

The model has read 被人偷了, 怎么办 and 孩子 hundreds of times; residents write 叫人给偷了
(Shandong, Henan), 遭人偷了 (Sichuan), 俾人偷咗 (Cantonese), 咋整 (the north-east), 娃儿.
Before words and pinyin pairs are taken (`pinyin.standard`, which then folds 俺, 咋, 啥 and
the homophone slips), each regional word below is written in its standard form; character
n-grams still see what was typed. A word is here only when its regional reading is the one a
resident writing to the police means: 贼 is read as "very" only before a word of degree (贼吵),
never alone (a thief); 系 (联系, 系统) and 耍 (耍流氓) are left as typed.

Two frames of a sentence are read as well (reg17): a question word before 这么/那么 (咋这么缺德,
怎么这么难打) is a grievance exclaimed, not a question, and is read without it; the particles
that close a northern, Sichuan or Cantonese sentence (嘞, 哩, 咧, 噻, 喇, 啫, 噃) are read
away. Reading 俺 and 恁 as 我 and 你 in the n-grams too was tried and dropped: the frozen
split's dialect lost a line and acted wrongly once more (the words already read them so).

Near-form and near-sound slips that have one reading only (报按, 着伙, 投拆) are read as the word
they stand for, as `pinyin.standard` reads 抱警 and 自已.
"""

from __future__ import annotations

from handlers.classifier.prefilter import Rewrites

# What is done to a victim: a passive with 叫/让/遭/俾 before one of these verbs and a result
# (了, 走, 坏...) reads as 被 ("叫人给偷了" → "被人偷了"); "让他打电话给我" has no result and stays.
_DONE_TO = ("偷|骗|抢|打|划|砸|撞|扎|掏|卸|拐|坑|讹|咬|撵|欺负|拉黑|冒领|剐|蹭|拆|踢|推|骂|刮"
            "|顺|拿|锁|关|撬|占|堵|扣|截")
_RESULT = "了|咗|走|跑|坏|伤|掉|破|死|去|上|住"
_AGENT = "人家|人|他们|他|她们|她|贼|小偷|骗子|坏人|狗"

_REGIONAL = Rewrites((
    # The passive of every region.
    (rf"(?:叫|让|遭|俾|畀)({_AGENT})给?(?=(?:{_DONE_TO})[^,。!?\s]{{0,2}}?(?:{_RESULT}))",
     r"被\1"),
    (rf"遭(?=(?:{_DONE_TO})(?:{_RESULT}))", "被"),
    # Northern (Shandong, Henan, the north-east).
    ("咋(?:整|弄|办)", "怎么办"), ("咋恁", "怎么那么"), ("中不中", "行不行"),
    ("(?:嘎|干)哈", "干什么"), ("咋地", "怎么样"), ("咋个", "怎么"),
    ("不得劲", "不舒服"), ("得劲", "好"), ("埋汰", "脏"), ("闹挺", "吵闹"),
    ("贼(?=吵|闹|烦|冷|热|多|贵|难|坑|气人|凶|横|快|慢|脏|臭|乱)", "特别"),
    ("拉拉?呱|唠嗑|扯闲篇", "聊天"), ("这(?:疙瘩|嘎达|旮旯)", "这里"),
    ("那(?:疙瘩|嘎达|旮旯)", "那里"),
    ("黑下", "晚上"), ("清起来|清早起来", "早上"), ("夜(?:儿|里)个", "昨天"),
    ("将才|将将", "刚才"), ("晌午头子?", "中午"), ("歇晌", "午休"), ("庄上|庄里", "村里"),
    ("犯愁", "发愁"), ("忒", "太"), ("老鼻子", "很多"), ("闺女", "女儿"), ("拾掇", "收拾"),
    ("搁(?=门口|家|这|那|屋|楼|院|外头|路边|车里)", "在"), ("(?<=[俺我恁你他她咱])娘", "妈"),
    ("(?<=[俺我恁你他她咱])爹", "爸"), ("不动弹", "不动"),
    # Sichuan and Chongqing.
    ("啥子", "什么"), ("莫得", "没有"), ("屋头", "家里"), ("娃儿|娃子", "孩子"), ("晓得", "知道"),
    ("摆龙门阵", "聊天"), (r"(?<=[想问说])哈(?=[,。!?\s]|$|办|去|来)", "一下"),
    # Cantonese written as it is said.
    ("佢哋", "他们"), ("佢", "他"), ("哋", "们"), ("唔该", "谢谢"), ("唔(?:系|係)", "不是"),
    ("唔(?=[\u3400-\u9fff])", "不"),
    ("冇", "没有"), ("嘅", "的"), ("咗", "了"), ("喺度", "在这里"), ("喺", "在"), ("嘢", "东西"),
    ("点样", "怎么样"),
    ("点解", "为什么"), ("而家", "现在"), ("边度", "哪里"), ("乜嘢|咩", "什么"), ("啲", "些"),
    ("嚟", "来"), ("(?:俾|畀)", "给"), ("成日", "整天"), ("琴日|寻日", "昨天"), ("听日", "明天"),
    ("揾|搵", "找"), ("睇", "看"), ("嘈(?!杂)", "吵"), ("几耐", "多久"),
    ("仲(?!裁|介|夏|秋|春)", "还"),
    # 嗰 (that) is left as typed: `normalize` writes it 𠮶, and read as 那 it cost a never-seen
    # everyday line (one wrong act more) for nothing gained.
    ("呢度", "这里"), ("依家", "现在"), ("咁", "这么"),
    (r"好耐(?=[,。!?\s]|$|喇|啦|了|都|冇|没|未)", "很久"), ("嗌交", "吵架"), ("嗌", "喊"),
    ("瞓", "睡"), ("点算", "怎么办"), ("边个", "谁"), ("唔使", "不用"), ("(?<=谢)晒", ""),
    # A question word before 这么/那么 asks nothing (这帮人咋这么缺德, 电话怎么这么难打): the
    # exclamation of a grievance, read without it; the model has read 怎么 in questions.
    ("(?:咋|怎么|怎)(?=这么|那么|介么)", ""),
    # The particles that close a northern sentence (Henan 嘞, Shandong 哩, Shaanxi 咧).
    (r"(?<=[\u3400-\u9fff])(?:嘞|哩|咧|噻|喇|啫|噃)(?=[,。!?\s]|$)", ""),
))
# Slips of near form or sound with one reading only: the same word misspelt. The whole
# classifier reads them mended (`mended`), the emergency gate too, whose cues are written in
# the standard spelling (着伙了 is 着火了); the regional words above only reach the model's
# words and n-grams, the alarm having learned what residents type.
_SLIPS = Rewrites((
    ("报按", "报案"), ("着伙", "着火"), ("晕到(?=了|在|地)", "晕倒"), ("不省人世", "不省人事"),
    ("建意", "建议"),
    ("投拆", "投诉"), ("举扳", "举报"), ("敲榨|敲炸", "敲诈"), ("威协", "威胁"),
    ("骚忧|搔扰", "骚扰"),
    ("诈编", "诈骗"), ("派处所", "派出所"), ("警查", "警察"), ("户藉", "户籍"),
    ("居往证", "居住证"),
    ("驾使证", "驾驶证"), ("签正", "签证"), ("咨洵|资询|咨讯", "咨询"), ("感射", "感谢"),
    ("囗", "口"), ("一但", "一旦"), ("在见(?![到面过])", "再见"),
    # liuxue typed for 流血 where only blood can flow: after someone or a part of the body
    # (有人流学了, 头一直流学); 留学 misspelt (孩子流学回来, 流学生) stays as typed.
    ("(?:(?<=人)|(?<=头)|(?<=鼻)|(?<=直)|(?<=腿)|(?<=手)|(?<=脸)|(?<=嘴)|(?<=口))流学"
     "(?!生|费|签|回|中介|机构|国)", "流血"),
))


def regional(norm: str) -> str:
    """Normalised text with regional words and one-reading slips in their standard form
    ("俺的车叫人给划了" → "俺的车被人划了", "佢哋成日嘈" → "他们整天吵")."""
    return mended(_REGIONAL.apply(norm))


def mended(norm: str) -> str:
    """Normalised text with one-reading slips in their standard spelling ("着伙了" → "着火了")."""
    return _SLIPS.apply(norm)
