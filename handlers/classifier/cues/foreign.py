"""Emergency cues in English and in pinyin (tourists, students, phones without Chinese input),
and in written Cantonese (residents from Guangdong and Hong Kong)."""

from __future__ import annotations

import re

from handlers.classifier.lexicon import NOT_PERSON, PETS, PY_PETS, VULNERABLE, Cue

_ONE_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian"
                 r"|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ve|ui|er|a|o|e|i|u|v)")
_PINYIN_SYLLABLE = re.compile(f"(?:{_ONE_SYLLABLE})+")
_SYLLABLE = re.compile(_ONE_SYLLABLE)
_LATIN_WORD = re.compile(r"[a-z]+")
# "Cannot" as residents spell it: can't, cant, cannot, can not, couldn't.
_CANNOT = r"(?:can'?t|cannot|can not|couldn'?t)"

# A small English lexicon: tourists, students, foreign residents, phones set to English.
ENGLISH: tuple[Cue, ...] = (
    Cue("en_help", ("other",),
        r"(?<![a-z'/])(help|sos)( me| us)?( please| now)?(?=\s*[!,.;]|\s*$)"
        # "please help me book…", "please help me 预约…": a request, not a cry
        r"|please help(?! (?:me|us) (?:to )?(?:book|make|get|find|check|fill|write|translate"
        r"|understand|know|apply|renew|change|ask|with)\b)(?! (?:me|us) ?[\u4e00-\u9fff])"
        r"|need help now|(scream|shout|yell|cry|call|beg)(s|ing|ed)? (out )?for help"
        r"|\btrapped\b|stuck (in|on) (a|an|the) (elevator|lift|car"
        r"|mountain|roof|river)"
        r"|stranded", figurative=True),
    Cue("en_crime", ("crime",),
        r"break(ing)? in|broke in|intruders?\b|burglar|someone('s| is) in my (house|home|flat"
        r"|apartment|room)|\brob(bed|bing|bery)\b|mugg(ed|ing)|stabb(ed|ing)|(with|has|holding"
        r"|pulled"
        r"|waving|pointing) (a|his|her) (knife|gun)|knife attack|(was|been|got|is) shot\b"
        r"|shoot(ing)?\b|shots fired|attack(ed|ing)\b|assault(ed|ing)?\b|beat(ing|s)? (me|him|her"
        r"|up|a|the|my|his|some)"
        r"|hitting (me|him|her)|kidnap|abduct|following me|stalking me|\brap(e|ed)\b"
        r"|threaten(ing|ed)? to kill|trying to (open|get in|force)|forcing (my|the) door"
        r"|going to kill(?! (my|him|her|them)sel)|kill (me|him|her|us)\b|(a|are"
        r"|is) fight(ing)?\b"
        # a fight with weapons, things smashed as it happens, a person taken away, a climber
        r"|fighting with (sticks|bats|knives|bars|pipes|bricks|machetes)"
        r"|(smashing|breaking|kicking in|setting fire to) (the |our |my |their |his |her )?"
        r"(cars?|windows?|doors?|shops?|things)"
        r"|(grabbed|snatched|dragged|pushed|forced|bundled) (a|the|my|our|his|her|this) "
        r"(little |young |small |teenage |\d+-year-old )?"
        r"(child|kid|boy|girl|woman|baby|toddler|daughter|son)\b[^.!?]{0,30}"
        r"(car|van|truck|away|off)"
        r"|climbing (up )?(in|into|onto|up to|over) (my|our|the) (balcony|window|wall|fence)",
        veto=r"(had|have) an? (fight|argument|row) with (my|his|her)"),     # a quarrel
    Cue("en_fire", ("fire",),
        r"(?<!is )(?<!so )\bfire\b(?!d|works| drill| alarm test| lane| exit| escape| door| hydrant"
        r"| extinguisher)|on fire|burning|\bsmoke\b|smell(s"
        r"|ing)? (of )?gas"
        r"|gas (leak|smell)|explo(sion|ded)", figurative=True,
        # a place "on fire" with custom (the queue goes round the block), nothing else alarming
        hyperbole=r"^(?![\s\S]*(help|stuck|trapped|inside|hurt|scream|smoke|flames|call|11[09]"
                  r"|truck|burn))[\s\S]*(queues?\b|lined up|line (goes|out)|so popular|trending"
                  r"|went viral|sold out|waiting list)"),
    Cue("en_medical", ("medical",),
        r"unconscious|not breathing|stopped breathing|passed out|collapsed|fainted|\bbleeding"
        r"|heart attack|seizure|overdos(e|ed)|drown(ing|ed)?\b|ambulance|\bstroke\b"
        r"|fell (in|into) the (river|lake|water)|(trouble|difficulty) breathing"
        r"|" + _CANNOT + r" breathe|capsized|in the water without"
        r"|blood (everywhere|all over)|(lots of|a lot of|so much) blood|won'?t stop bleeding"
        r"|(locked|trapped|left|stuck) in (a|the|his|her|my) (hot )?car",
        needs=(r"^(?!.*\b(locked|trapped|left|stuck) in (a|the|his|her|my) (hot )?car)"
               r"|baby|toddler|child|kid|infant|son|daughter|grand(ma|pa|mother|father)"
               r"|old (man|woman|lady)",), figurative=True),
    Cue("en_traffic", ("traffic",),
        r"car (accident|crash)|\bcrash(ed)?\b|hit by a (car|truck|bus|van|bike|motorbike)"
        r"|run over|hit[- ]and[- ]run|\baccident\b|hit (a|the|my|an old) (kid|child|boy|girl|man"
        r"|woman"
        r"|person|pedestrian|cyclist|lady)", figurative=True),
    Cue("en_self_harm", ("self_harm",),
        r"kill(ing)? (myself|himself|herself|themselves)|suicid(e|al)|end (my|his|her) life"
        r"|wants? to die|jump(ing)? off|(going|gonna|about) to jump|cut(ting)? (myself"
        r"|(my|his|her|their) wrists?)|hurt(ing)? myself"
        r"|self[- ]harm|next life|goodbye forever|end it all|" + _CANNOT + r" go on|(don'?t"
        r"|do not) want to live"
        r"|no reason to live|won'?t wake up|not wake up|sleeping pills"
        r"|(outside|other side) of the (\w+ )?(railing|balcony|ledge|parapet)|on the ledge"
        r"|took (all|a bottle of|too many|a lot of) (of )?(his|her|my|the)? ?pills"),
    Cue("en_missing", ("missing",),
        r"(child|kid|son|daughter|boy|girl|baby|mother|father|mom|mum|dad|grandma|grandpa"
        r"|grandmother|grandfather)\b[^.!?]{0,24}\bmissing|lost my (child|kid|son|daughter|baby"
        r"|mom|mum|dad)|" + _CANNOT + r" find my (child|kid|son|daughter|baby|mom|mum|dad"
        r"|grandma|grandpa|grandmother|grandfather)|missing (child|kid|person)|(son|daughter"
        r"|child|kid|boy|girl) is lost"),
    # Gone in a moment (was next to me…now I cannot find him; turned around and she was gone):
    # no time has passed for `en_missing_signs` to count, the moment is the danger.
    Cue("en_missing_moment", ("missing",),
        r"(was (right )?(next to|beside|with|behind) me|turned (around|my back)|looked away"
        r"|(a|one) (second|minute|moment))[^.!?]{0,50}\b(gone|" + _CANNOT
        + r" (find|see)|disappeared|vanished|nowhere)",
        needs=(r"\b(son|daughter|child|kid|kids|boy|girl|baby|toddler|grand(mother|father|ma|pa)"
               r"|dementia)\b",)),
    # A vulnerable person gone for some time, in everyday words (`crime`'s missing_signs).
    Cue("en_missing_signs", ("missing",),
        r"(hasn'?t|has not|haven'?t|have not) (come|been) (back|home)|never (arrived|came (back"
        r"|home)|made it)|" + _CANNOT + r" find (him|her|them)"
        r"|(goes|went|going) (straight )?to voicemail"
        r"|not (picking up|answering)|wandered off|went missing|no one has seen (him|her)"
        r"|(been|is|has) gone (since|for)|disappeared|(is|are) nowhere to be found",
        needs=(r"dementia|alzheimer|autis|elderly|\d+-year-old|years? old|daughter|\bson\b"
               r"|child|\bkids?\b|grand(mother|father|ma|pa)|\b(mother|father|mum|mom|dad)\b"
               r"|\bboy\b|\bgirl\b|old (man|woman|lady)",
               r"hours?|minutes|this (morning|afternoon|evening)|since|tonight|dark|all day")),
    # A payment about to go to a caller's story (about to wire the ransom, going to transfer
    # the fine now): the story's own words (was kidnapped) are told, the danger is the payment.
    Cue("en_fraud_now", ("fraud",),
        r"(about to|going to|gonna|on my way to|(am|i'm) (now )?(at the bank|in line) to)"
        r" (transfer|send|wire|pay)",
        needs=(r"claim|says (he|she|they)|on the (phone|line)|video call|police|customs|kidnap"
               r"|ransom|safe account|surgery|bail|arrest|fine\b",)),
    Cue("en_fraud", ("fraud",),
        r"safe account|(asked|told|wants?|making) me to (transfer|send|wire|pay)"
        r"|transferring (money|the money)|screen shar|being scammed"
        r"|(has|have|got|gave|given|giving)[^.!?]{0,12}remote (control|access)"
        r"|money (is|keeps) (leaving|going out|being taken)|(pretending|claiming|says?) (he|she"
        r"|they)?('s| is| are)? ?(to be )?(from )?(the )?(police|bank|customs|court|prosecutor"
        r"|tax office)[^.!?]{0,60}(now|transfer|move|wire|send|pay|coming)"),
)

# Written Cantonese: the words Mandarin cues miss (唔见咗, 晕低, 企喺天台, 转紧钱).
CANTONESE: tuple[Cue, ...] = (
    Cue("yue_self_harm", ("self_harm",),
        r"唔想(再)?(生存|活)|想死咗佢|(企|坐|爬)(咗)?(喺|上)(咗)?(天台|楼顶|桥|窗台)"
        r"|跳落(去|嚟|楼)|食(咗)?好多(药|安眠药)"),
    Cue("yue_medical", ("medical",),
        r"晕(低|咗)|(冇|无)(咗)?(反应|呼吸|气)|(叫|喊)(佢|极)?(都)?唔(应|醒)|流(咗)?好多血"
        r"|跌(咗)?落(河|水|海|塘)|起唔(到)?身|(郁|动)唔到|(打|叫)(极)?唔醒"),
    Cue("yue_missing", ("missing",), r"唔见(咗|左)|搵(极)?唔(到|见)(佢|人)?|行(散|失)(咗)",
        needs=(VULNERABLE + r"|个仔|个女|细路|阿婆|阿公|阿爷|阿嫲|老豆|老母|阿爸|阿妈",),
        veto=NOT_PERSON + r"|笔|" + PETS),
    Cue("yue_crime", ("crime",), r"打交|(揸|拎)住(把|支|个)?(刀|枪|铁通)|爆格"),
    Cue("yue_fraud", ("fraud",), r"(转|过|俾|汇)紧(钱|数)|(骗|呃)紧(钱)?"),
)

# Pinyin without tones, matched on the message's pinyin letters run together (jiu ming,
# jiuming). Only messages that are written in pinyin are read this way.
PINYIN: tuple[Cue, ...] = (
    Cue("py_help", ("other",),
        r"jiuming|jiujiu(wo|ta|women)|kuailairen|qiujiu|(dianti|limian)?kunren|beikun(le|zai)"
        r"|chubuqu|chubulai",
        # a cry over homework, an exam or overtime (jiu ming a zhe zuo ye)
        hyperbole=r"zuo ?ye|kao ?shi|jia ?ban|ti ?mu|lun ?wen|ha ?ha"),
    Cue("py_fire", ("fire",),
        r"zhaohuo|shihuo|(?<!s)huozai|nongyan|quanshiyan|(meiqi|ranqi|tianranqi)(xie|wei|lou)"),
    Cue("py_crime", ("crime",),
        r"da(wo|ta)(?!n)|dajiale|(?<!xian)zaidajia|(?<!xiexie)(?<!gaosu)(?<!tixing)(?<!mafan)dajia(le)?$|qunou|nazhedao|chizhedao"
        r"|qiangjie|qiaomen|qiaosuo|jinzei|youzei|genzongwo|weisuiwo|bangjia"),
    Cue("py_self_harm", ("self_harm",),
        r"zisha|tiaolou|tiaohe|buxianghuo|huobuxiaqu|(?<!yi)(?<!zhe)(?<!na)(?<!mei)ge(le)?(shou)?wan(?!shang|fan|g)"
        r"|woxiangsi|bieguanwo"),
    # Gas leaking at the appliance that carries it (qi guan lou qi le, ran qi biao si si xiang).
    Cue("py_gas_leak", ("fire",), r"(qiguan|guandao|famen|qibiao|reshuiqi|zaotai)[a-z]{0,16}"
        r"(louqi|qiwei|sisi|polie|duanle|guanbushang)", unless=r"ruhe|zenme|jiancha|weixiu|baoxiu"),
    Cue("py_savings_into_project", ("fraud",), r"(fangzi|cunkuan|jixu|yanglaoqian)[a-z]{0,12}"
        r"(tou|diya)[a-z]{0,20}(xiangmu|jijin|yuanshigu)",
        needs=(r"wo ?(ba|ma)|ye ?ye|nai ?nai|wai ?(po|gong)|lao ?ren",
               r"jin ?tian|xian ?zai|ma ?shang|zheng ?yao|yi ?jing|yin ?hang"),
        unless=r"ru ?he|zen ?me|shi ?bu ?shi|qu ?nian|yi ?qian"),
    Cue("py_traffic", ("traffic",), r"chehuo|zhuangren|beichezhuang|zhuangdao"),
    Cue("py_medical", ("medical",),
        r"hunmi|chuanbushangqi|huxikunnan|xinzangbing(fan|fa)|liule(henduo)?xue|liuhenduoxue"
        r"|mei(you)?huxi|luoshui|nishui|diao(jin)?(he|shui)li|xue(zhi|ting)bu(zhu|xialai)"),
    Cue("py_missing", ("missing",),
        r"(haizi|xiaohai|erzi|nver|nuer|laoren)(bujianle|zoudiu|zoushi|zhaobudao|diule)"
        r"|zoudiule|zhaobudao(wo)?(haizi|xiaohai|erzi|nver|nuer)|(chidai|haizi|xiaohai|erzi|nver"
        r"|nuer|laoren|yeye|nainai|laotaitai)[a-z]{0,30}(meihuilai|meihuijia|zhaobudao|zhaobuzhao"
        r"|lianxibushang|bujianle|zoudiule)", veto=PY_PETS),
    Cue("py_gone_overnight", ("missing",), r"(yiye|yiwan|zhengwan|zhengye|tongxiao)[a-z]{0,8}"
        r"(meihui|weigui)", needs=(r"guan ?ji|da ?bu ?tong|lian ?xi ?bu ?shang|mei ?ren ?jie",),
        unless=r"jia ?ban|zhi ?ban|chu ?chai|he ?jiu|peng ?you ?jia|bao ?ping ?an"),
    # Words of two meanings without tones (`PINYIN_HOMOPHONES`): raised only in context.
    Cue("py_crime_homophone", ("crime",),
        r"daren|kanren|tongren|nadao|chidao|dajie(le)?$|rushi"),
    Cue("py_fire_homophone", ("fire",), r"qihuo", unless=r"tou ?zi|li ?cai|jiao ?yi|gu ?piao"),
    Cue("py_smoke_homophone", ("fire",), r"maoyan",
        unless=r"men ?shang|she ?xiang ?tou|dian ?ying|piao|kan ?(yi )?kan"),
    Cue("py_medical_homophone", ("medical",), r"yundao|liuxue"),
    Cue("py_fraud", ("fraud",),
        r"anquanzhanghu|zhengzaizhuan|rangwozhuan|gongxiangpingmu|pingmugongxiang"
        r"|(rang|jiao)wo(huikuan|dakuan|xiazai|shuyanzhengma)"),
)

PINYIN_CUES = re.compile("|".join(f"(?P<c{i}>{c.pattern})" for i, c in enumerate(PINYIN)))

# Pinyin framing words (the message's syllables run together): past, hypothetical or
# hearsay, and an outcome told (found, fine, responders there) unless a word after it says
# the danger goes on.
PINYIN_PAST = re.compile(r"zuotian|qiantian|shangci|shangge|qunian|yiqian|dangshi")
PINYIN_MODAL = re.compile(r"ruguo|jiaru|wanyi|tingshuo|xinwen|zenmefang|yufang|shishi|ceshi|bushi"
                          r"|kaiwanxiao|yinggai(da|zhao)|dashenme(dianhua|haoma)|wangshang"
                          r"|youxi|dianying|dianshiju|fang(zou|diu|pian)")
PINYIN_OVER = re.compile(r"(?<!mei)(?<!bu)zhao(dao|zhao)le|meishile|doumeishi"
                         r"|(renmei|meiyou)shoushang|yijing(dao|huijia|huilaile|laile)|tashuozai"
                         r"|pinganhuijia|yuanlai(zai|pao|duo|shi)")
_PINYIN_STILL = re.compile(r"haimei|haizai|kuailai|jiuming|zenmeban|kuaidian|bangbang")


# Pinyin without tones reads the homophone cues' words two ways (拿到 got / 拿刀 holding a
# knife, 达人 / 打人, 如实 / 入室, 迟到 late / 持刀, 大姐 / 打劫, 看人 / 砍人, 期货 futures /
# 起火, 猫眼 a peephole / 冒烟, 运到 delivered / 晕倒, 留学 / 流血). One alone is no danger: it
# needs another danger word, someone doing it, "now" or 在 just before it; a negation just
# before it (mei na dao qian, 没拿到钱) undoes it.
PINYIN_HOMOPHONES = frozenset({"py_crime_homophone", "py_fire_homophone",
                               "py_smoke_homophone", "py_medical_homophone"})
# (Not mashang: "wo chi dao le, ma shang dao" is a latecomer on the way; nor zenmeban, which
# asks what to do about a passport as often as about a danger.)
_PINYIN_NOW = re.compile(r"xianzai|zhengzai|gangcai|ganjin|kuai(lai|dian|bao|jiao|pao)"
                         r"|turan|huran|jiuming|jiujiu|bangbang|baojing|yaoming")
_PINYIN_AGENT = re.compile(r"you(yi)?(ge|huo|qun|bang|xie)?(ren|nande|nvde|nude|nanren|nvren"
                           r"|nuren)|xiaotou|qiangfei|duotu|daitu|zuihan|fengzi|huairen"
                           r"|xiongshou|moshengren")
_PINYIN_HARM = re.compile(r"shoushang|liulexue|sharen|zhui(wo|ta|ren|zhe)|kan(wo|ta)|tong(wo|ta)"
                          r"|(za|qiao)men|yanhenda|huohenda|daodi|hunmi|jiaobu(xing|ying)|budongle")
_PINYIN_BEFORE = re.compile(r"(zai|mei|meiyou|bu)$")
# Who faints or where one bleeds, just before yun dao / liu xue (wo ba yun dao le, tou shang
# liu xue): the body's sense, not a parcel's (kuai di yun dao le) or a student's.
_PINYIN_BODY_BEFORE = re.compile(r"(ba|ma|yeye|nainai|laoren|haizi|xiaohai|erzi|nver|nuer|ta"
                                 r"|wo|laopo|laogong|pengyou|tongshi|tou(shang)?|bizi|shou"
                                 r"|tui|lian|zui|shangkou)$")


def homophone_told(joined: PinyinRun, found: re.Match[str], cues: int, body: bool) -> bool:
    """A homophone cue's words, cut where syllables are, read as the danger: the message
    holds another cue (`cues` counts them all), a harm, an agent or "now", or 在 (for a
    `body` cue: a person or a body part) just before the words, and no negation there."""
    if found.start() not in joined.bounds or found.end() not in joined.bounds:
        return False            # across syllables (na ge wang: no gewan)
    before = _PINYIN_BEFORE.search(joined, 0, found.start())
    if before is not None and before.group(0) != "zai":
        return False
    if before is not None or cues > 1 or (
            body and _PINYIN_BODY_BEFORE.search(joined, 0, found.start())):
        return True
    return any(joined.words(pattern) for pattern in (_PINYIN_NOW, _PINYIN_AGENT, _PINYIN_HARM))


def homophones_alone(norm: str) -> bool:
    """A pinyin message whose only danger words are homophones not told as the danger: the
    alarm's letter n-grams (na dao, qi huo) must not raise what the cues would not."""
    joined = pinyin_run(norm)
    found = [] if joined is None else list(PINYIN_CUES.finditer(joined))
    return bool(found) and not any(homophone_counts(joined, match, len(found))
                                   for match in found)


def homophone_counts(joined: PinyinRun, found: re.Match[str], cues: int) -> bool:
    """A pinyin cue's match counts: a plain cue always, a homophone told as the danger."""
    cue = PINYIN[int(found.lastgroup[1:])] if found.lastgroup else None
    if cue is None or (cue.unless and re.search(cue.unless, joined)):
        return False
    return cue.name not in PINYIN_HOMOPHONES or homophone_told(
        joined, found, cues, body="medical" in cue.kinds)


class PinyinRun(str):
    """A pinyin message's syllables run together, knowing where each syllable begins.

    Cues may span words (kuai lai ren → kuailairen); a framing word must cover whole
    syllables, or "you xiaotou" (there is a thief) would read as youxi (a game).
    """

    bounds: frozenset[int]

    def __new__(cls, words: list[str]) -> PinyinRun:
        run = super().__new__(cls, "".join(words))
        bounds, at = {0}, 0
        for word in words:
            cuts = [m.end() for m in _SYLLABLE.finditer(word)]
            # A word the greedy cut does not cover exactly keeps only its own edges.
            bounds.update(at + cut for cut in cuts if cuts and cuts[-1] == len(word))
            at += len(word)
            bounds.add(at)
        run.bounds = frozenset(bounds)
        return run

    def words(self, pattern: re.Pattern[str], start: int = 0) -> list[re.Match[str]]:
        """The pattern's matches that begin and end where syllables do, in order."""
        found = (pattern.match(self, at) for at in sorted(self.bounds) if at >= start)
        return [m for m in found if m is not None and m.end() in self.bounds]

    def first(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        found = self.words(pattern)
        return found[0] if found else None


def pinyin_over(joined: PinyinRun) -> re.Match[str] | None:
    """The outcome a pinyin message tells, when nothing after it says the danger goes on."""
    found = joined.words(PINYIN_OVER)
    return None if not found or _PINYIN_STILL.search(joined, found[-1].end()) else found[-1]


def pinyin_run(norm: str) -> PinyinRun | None:
    """The message's pinyin syllables run together, if it is written in pinyin; else None."""
    words = _LATIN_WORD.findall(norm)
    syllabic = [w for w in words if _PINYIN_SYLLABLE.fullmatch(w)]
    return PinyinRun(syllabic) if words and len(syllabic) >= 0.8 * len(words) else None
