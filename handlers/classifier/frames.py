"""Is an emergency cue happening now? Tense, aspect and modality, clause by clause.

A cue word is an event only in a clause that reports it as real and current. Markers are
read by where they reach (their scope), decided in one place (`_reaches`):

- modal (hypothetical 如果, hearsay and fiction 听说/新闻/梦见, a talk or leaflet 讲座/宣传,
  a negation 没有着火, a nominalised event 打架斗殴现象): its clause and the rest of its
  sentence, until a moment or a day of a later clause (现在, 正在, 今天: `ANCHORS`) ends
  its reach ("要是早点报警就好了，现在他在砸门" is told now). A condition reaches forward
  only; a clause that only introduces the next one (新闻里说：…) reaches it whatever it says.
- habitual (天天, 经常): its clause; the rest of the sentence as the modal ones do.
- past (昨天, 当时, 三天前) and deictic now (现在, 刚才, 还在, 快来): the nearest one before
  the cue in its clause decides; otherwise the last one before the clause carries over,
  across sentences, as a story told in the past stays in the past until "现在".
- today (今天, 这回): no "now" of its own (今天早上发现门被撬了 is found done), but a day
  that no earlier clause's habit, "if" or past reaches: the cue is plain wording.
- progressive (正在): now, unless its own clause is set in the past (当时正在…).
- soft modal (a how-to question 遇到…怎么办, a hazard 隐患/可能会): the sentence, unless the
  clause itself says now ("有人跟踪我，现在该怎么办").
- aftermath (火已经灭了, 人跑了, 找到了): every cue before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.classifier.cues.markers import (
    ENGLISH_AFTERMATH,
    ENGLISH_HEARSAY,
    ENGLISH_HYPOTHETICAL,
    ENGLISH_NOW,
    ENGLISH_PAST,
    MARKERS,
)
from handlers.classifier.prefilter import branches, required_chars
from handlers.classifier.text import Clause

NOW, NEUTRAL, PAST, HABITUAL, MODAL = "now", "neutral", "past", "habitual", "modal"

# Words right before a cue that deny it (没有着火) or right after it that make it a category
# rather than an event (打架斗殴现象, 入室盗窃案件).
NEGATION = re.compile(r"(没有?|不是|并非|并没有?|未|无|不会|别|不要|不能|禁止|严禁|防止|谨防)"
                      r"(人|有人)?$")
# A cue as the degree of something everyday (闷得喘不过气, 写得我想跳楼, 排队排到腿都断了).
DEGREE = re.compile(r"((?<![打砸捅砍撞烧摔伤踢揍咬烫压勒掐憋])得"
                    r"|(?<=[累笑哭气急忙饿困热冷吵烦疼痛卷熬写学玩排"
                    r"等站坐堵挤晒冻喝吃a-z])到|简直|恨不得)(我|人|他|她|俺|都)?(都|快|要|想)?$")
# A cue as a comparison (全是烟，跟着火了一样).
SIMILE = re.compile(r"[^,;:。!?\n]{0,3}(一样|似的|一般)")
NOMINAL = re.compile(r"(的)?(盗窃|抢劫|伤人|杀人|诈骗)?(案|现象|问题|行为|案件|事件|案子|事(?!了)"
                     r"|事情|那个事|这个事|一方|多发|频发|高发|隐患|风险|事故(?!了)"
                     r"|类|方面|常识|知识|宣传|预案|通道|设施|器材|报警器)")
# "present": an English danger told in the present tense (is on fire): now in its own clause,
# but no moment of its own that ends another clause's "if", drill or film (`ANCHORS`).
_TENSE = ("past", "aftermath", "now", "present")
# Scare quotes around a cue word alone: a word in another sense (被作业“绑架”了).
_OPEN, _CLOSE = "“「『‘\"'", "”」』’\"'"
_STILL_THEN = frozenset({"还在", "仍在", "人还在"})
WORRY = re.compile(r"担心|害怕会|怕会|恐怕|再不|可能会|会不会")
ONGOING = re.compile(r"还没|到现在|至今|一直(没|不)|还在|仍在|依然在|仍然在|越来越|没人|人还在")


@dataclass(frozen=True)
class Marker:
    """A tense, aspect or modality word found in a message."""

    kind: str
    start: int
    end: int
    words: str


class MarkerScanner:
    """Every marker table, split into alternatives indexed by the characters they need.

    Finds what one alternation of all the tables would (leftmost first, earlier tables and
    alternatives first at the same place), running only the alternatives a message can match.
    """

    def __init__(self) -> None:
        table = dict(MARKERS)
        table["past"] += "|" + ENGLISH_PAST
        table["hearsay"] += "|" + ENGLISH_HEARSAY
        table["aftermath"] += "|" + ENGLISH_AFTERMATH
        table["hypothetical"] += "|" + ENGLISH_HYPOTHETICAL
        table["present"] = ENGLISH_NOW
        self._branches: list[tuple[str, re.Pattern[str]]] = []
        self._always: list[int] = []
        self._by_char: dict[str, list[int]] = {}
        for kind, pattern in table.items():
            for branch in branches(pattern):
                required = required_chars(branch)
                for char in required or ():
                    self._by_char.setdefault(char, []).append(len(self._branches))
                if required is None:
                    self._always.append(len(self._branches))
                self._branches.append((kind, re.compile(branch)))

    def find(self, norm: str) -> list[Marker]:
        """Every marker in `norm`, in order, none overlapping."""
        candidates = set(self._always)
        for char in set(norm):
            candidates.update(self._by_char.get(char, ()))
        hits = sorted((match.start(), i, match.end(), match.group(0))
                      for i in candidates for match in self._branches[i][1].finditer(norm))
        found, reached = [], 0
        for start, i, end, words in hits:
            if start >= reached and end > start:
                found.append(Marker(self._branches[i][0], start, end, words))
                reached = end
        return found


def frame_of(norm: str, start: int, end: int, clause: Clause, clauses: tuple[Clause, ...],
             markers: list[Marker], threat: str = "") -> tuple[str, Marker | None]:
    """(frame, the marker that decided it) for a cue at norm[start:end] in `clause`.

    A `threat` (its kind: "self_harm" or "crime") is read past some markers that would
    defuse any other cue (`_defused_for_threat`).
    """
    if NEGATION.search(norm[max(clause.start, start - 4):start]):
        return MODAL, Marker("negated", start, start, norm[max(clause.start, start - 4):start])
    if (degree := DEGREE.search(norm, max(clause.start, start - 5), start)) is not None:
        return MODAL, Marker("degree", degree.start(), start, degree.group(0))
    if (simile := SIMILE.match(norm, end, end + 6)) is not None:
        return MODAL, Marker("simile", end, simile.end(), simile.group(0))
    if (nominal := NOMINAL.match(norm, end, end + 4)) is not None:
        return MODAL, Marker("nominal", end, nominal.end(), nominal.group(0))
    if not threat and _quoted(norm, start, end):
        return MODAL, Marker("quoted", start - 1, end + 1, norm[start - 1:end + 1])  # “绑架”
    # The cue's own words do not frame it (救命 is no "now" for itself), except a state
    # it spells out (孩子到现在还没回来).
    markers = [m for m in markers
               if not (start <= m.start and m.end <= end and not ONGOING.match(m.words))]
    if threat:
        markers = [m for m in markers if not _defused_for_threat(norm, m, start, threat)]
    sentence = [m for m in markers if _in_sentence(m, clause.sentence, clauses)]
    inside = [m for m in sentence if clause.start <= m.start < clause.end]
    reach = [m for m in sentence if _reaches(norm, m, clause, clauses, markers)]
    for marker in reach:
        if marker.kind in ("hypothetical", "hearsay", "topic"):
            return MODAL, marker
    for marker in inside:
        if marker.kind == "habitual":
            return HABITUAL, marker
    tense = [m for m in inside if m.kind in _TENSE]
    before = [m for m in tense if m.start < end]
    decisive = before[-1] if before else (tense[0] if tense else None)
    if (decisive is not None and decisive.words in _STILL_THEN and len(before) > 1
            and before[-2].kind == "past"):
        decisive = before[-2]       # 报警的时候小偷还在: still there then, not now
    if decisive is not None:
        return (NOW if decisive.kind in ("now", "present") else PAST), decisive
    progressive = next((m for m in inside if m.kind == "progressive"), None)
    if progressive is not None:
        return NOW, progressive
    for marker in reach:
        if marker.kind == "question" or (marker.kind == "hazard" and marker in inside):
            return MODAL, marker
        if marker.kind == "habitual":
            return HABITUAL, marker
    today = next((m for m in inside if m.kind == "today"), None)
    if today is not None:
        return NEUTRAL, today
    carried = [m for m in markers if m.end <= clause.start and m.kind in ("past", "now", "today")]
    if carried:
        return _CARRIED[carried[-1].kind], carried[-1]
    ongoing = next((m for m in sentence if m.kind == "now"), None)
    if ongoing is not None:
        return NOW, ongoing
    after = next((m for m in markers if m.start >= end and m.kind == "aftermath"), None)
    if after is not None:
        return PAST, after
    # A standing problem told in another sentence ("…。天天这样") frames a plain report too.
    habit = next((m for m in markers if m.kind == "habitual"), None)
    if habit is not None:
        return HABITUAL, habit
    return NEUTRAL, None


# Markers of a moment or a day of their own (现在, 正在, 今天): in the cue's clause, or in one
# between, they end the reach of another clause's habit, "if", hearsay or question.
ANCHORS = ("now", "progressive", "today")
# Markers that keep a message in "now" (`gate.not_now`): the anchors and the present tense;
# those whose frame such a moment or day ends (UNTIL_NOW; an outcome stays told).
MOMENTS = (*ANCHORS, "present")
_ANCHOR_WORDS = re.compile("|".join(MARKERS[kind] for kind in ANCHORS))
_CARRIED = {"now": NOW, "past": PAST, "today": NEUTRAL}
UNTIL_NOW = frozenset({"hypothetical", "hearsay", "topic", "habitual", "question", "hazard",
                       "past"})
# A condition reaches the clauses after it, never one before (有人拿刀追我，要是你们不来…: now).
_CONDITION = re.compile(r"如果|假如|假设|假使|要是|若是|倘若|万一|一旦|的话|设想|比方说|比如说")
# The writer's own pastime told as what they are doing (我在看电影, 我正在打游戏): a film or a
# game frames only that clause, not what happens around the writer meanwhile (…，隔壁有人喊
# 救命); what is said to be in the film (电影里有人喊救命) is framed by it.
_PASTIME = re.compile(r"(我|俺)(们)?(正|刚|刚才|本来)?在(家|屋里|宿舍|房间)?(看|玩|打|刷|追|听)")
# Words that point into the film or game (里面, 剧情, 主角): that clause is still its story.
_INSIDE = re.compile(r"里面|里头|剧里|片里|剧情|画面|镜头|主角|男主|女主|演员|角色|结局|队友")
# A clause that only introduces the next one (新闻里说：…, 听说，…): its marker reaches that
# clause whatever it says.
_INTRODUCES = re.compile(r"(说|讲|称|道|提到|写着|报道|通报)$")


def _reaches(norm: str, marker: Marker, clause: Clause, clauses: tuple[Clause, ...],
             markers: list[Marker]) -> bool:
    """A marker of the cue's sentence frames the cue in `clause`: always in that clause;
    from another, unless a moment or day of the cue's own clause or of one between ends its
    reach (天天吵架，今天他拿刀了; 听说这片不太平，现在我家着火了)."""
    if clause.start <= marker.start < clause.end:
        return True
    if marker.start >= clause.end:      # told after the cue
        return (_CONDITION.fullmatch(marker.words) is None
                and not _anchored(markers, clause.start, clause.end))
    own = _clause_at(clauses, marker.start)
    if _INTRODUCES.search(norm, own.start, own.end) and _next(clauses, own) == clause:
        return True
    if (marker.kind == "hearsay" and _PASTIME.match(norm, own.start, own.end)
            and not _INSIDE.search(norm, clause.start, clause.end)):
        return False
    return not _anchored(markers, own.end, clause.end)


def superseded(norm: str, at: int, clauses: tuple[Clause, ...]) -> bool:
    """The word at `at` frames nothing of the message after its clause: a later clause has
    a moment or a day of its own (…天天这样，现在他拿刀了). For the message as a whole
    (`gate.not_now`, `opinion.reported`), where no cue says which clause counts."""
    return _superseding(norm, at, clauses) is not None


def told_from(norm: str, clauses: tuple[Clause, ...], markers: list[Marker], cue_at: int) -> int:
    """Where the message starts telling a moment or a day of its own, past the reach of a
    habit, an "if", hearsay or a question before it (天天吵架，|今天他拿刀了), if that part
    holds the cue at `cue_at`: the start of that clause, or 0."""
    cut = 0
    for marker in markers:
        if marker.kind in UNTIL_NOW and (
                anchor := _superseding(norm, marker.start, clauses)) is not None:
            start = _clause_at(clauses, anchor.start()).start
            if start <= cue_at:
                cut = max(cut, start)
    return cut


def _superseding(norm: str, at: int, clauses: tuple[Clause, ...]) -> re.Match[str] | None:
    own = _clause_at(clauses, at)
    if _INTRODUCES.search(norm, own.start, own.end):
        return None
    return _ANCHOR_WORDS.search(norm, own.end)


def _anchored(markers: list[Marker], start: int, end: int) -> bool:
    return any(m.kind in ANCHORS and start <= m.start < end for m in markers)


def _clause_at(clauses: tuple[Clause, ...], at: int) -> Clause:
    return next((c for c in clauses if c.start <= at < c.end), Clause(at, at + 1, -1))


def _next(clauses: tuple[Clause, ...], clause: Clause) -> Clause | None:
    return next((c for c in clauses if c.start >= clause.end), None)


def strong_now(norm: str, end: int, marker: Marker | None, clause: Clause) -> bool:
    """A marker in the cue's own clause that a formal letter uses only for an event now."""
    return (marker is not None and clause.start <= marker.start < clause.end
            and not norm.startswith("的", end)       # 正在遭受家暴的妇女: a kind of person
            # 撞倒了一名正在路边等家长的学生: after the cue, whom it befell, described
            and not (marker.start >= end and "的" in norm[marker.end:clause.end])
            and marker.kind in ("now", "progressive") and bool(_STRONG.search(marker.words)))


_STRONG = re.compile(r"正在|正|此刻|此时|这会|刚才|刚刚|快来|速来|right now")


def _defused_for_threat(norm: str, marker: Marker, start: int, threat: str) -> bool:
    """A marker that leaves a threat as real as it was.

    A worry about it (担心她想不开), a condition whose consequence it is (不管我就跳下去), a
    question about what to do (发现他写了遗书该怎么办); for self-harm also a habit (她最近
    老说不想活了): each of these is how people report a threat, not a denial of it.
    """
    if marker.kind == "hazard" and WORRY.match(marker.words):
        return True
    if marker.kind == "question" or (marker.kind == "habitual" and threat == "self_harm"):
        return True
    if marker.kind == "aftermath" and threat == "self_harm":
        return True     # self-harm is never over because something else is (生意赔了)
    if marker.kind == "habitual" and threat == "missing" and marker.start > start:
        return True     # a trait told after the disappearance (她最近情绪不好), no habit of it
    return (marker.kind in ("hypothetical", "hazard") and marker.end <= start
            and "就" in norm[marker.end:start])


def _quoted(norm: str, start: int, end: int) -> bool:
    return 0 < start and end < len(norm) and norm[start - 1] in _OPEN and norm[end] in _CLOSE


def _in_sentence(marker: Marker, sentence: int, clauses: tuple[Clause, ...]) -> bool:
    return any(c.sentence == sentence and c.start <= marker.start < c.end for c in clauses)
