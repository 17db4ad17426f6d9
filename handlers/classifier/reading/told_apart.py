"""Danger words that are not the writer's danger now: told inside a work (片里的小兔子家着火了,
in the movie the hero gets stabbed, xiao shuo li de zhu jiao), shouted in a game with toys
(玩消防车玩具，整天喊着"着火啦"), said as a manner of speaking the writer disowns (其实就是口头
禅, it's just how she talks), or the name of a safety device fitted or bought (smoke alarm,
烟感报警器, fire blanket), not one sounding.

`story_quote` and `quoted_story` extend `cues.situations.stories` (a line quoted from a named
play or game) with these readings, for the gate and the alarm's own raise alike; a device's
name is a cue that befalls no one (`befalls_no_one`, beside `cues.patient`'s animals and
things). Each stops
at a word that turns back to the real world (真的, 突然, 但是这次, but now, for real): 他老说不想
活了是口头禅，可今天真的站在楼顶上了 is read as ever.
"""

from __future__ import annotations

import re

from handlers.classifier.cues import foreign, patient
from handlers.classifier.cues.situations import stories
from handlers.classifier.lexicon import HUMAN
from handlers.classifier.reading.safe_now import ends_safe

# A work told or watched: a cartoon, a series, a film, a novel, a dream. Not a game: real
# people meet, trade and swindle in one (游戏里有人说卖装备，让我付钱).
# A bare 电视 is also the set itself (电视里面冒烟了): a programme only when watched.
_WORK = (r"动画片|动画|动漫|卡通|电视剧|连续剧|电视节目|(看|放|播)[^,;:。!?\n，]{0,4}电视|电影|片子"
         r"|大片|短剧|综艺|小说|漫画|故事书|故事|绘本|噩梦|梦")
# Inside it: "X里(的)", "X里头", or a clause opening on 里头/片里/剧里 after the work is named.
_INSIDE = re.compile(r"(" + _WORK + r")(里|里面|里头|里边|中|上)(的|嘞|哩)?"
                     r"|(?<![^,;:。!?\n，\s])(里头|里面|里边|片里|剧里|书里|戏里)")
_NAMED = re.compile(_WORK)
# (Not a bare "story", "show" or "hero": long story short, show me, a passer-by a hero.)
_EN_INSIDE = re.compile(
    r"\b(in|on) (the|a|this|that|my|his|her|our|their) (movie|film|cartoon|tv show|series|novel"
    r"|book|episode|drama|comic|anime|dream)\b"
    r"|\b(the|a|this|that) (movie|film|cartoon|tv show|series|novel|episode|drama|comic|anime)"
    r"\b[^.!?\n]{0,40}\b(has|had|where|in which|about)\b"
    r"|\bthe (hero|heroine|villain|main character|protagonist) (of|in|gets|is|was)\b")
_PY_INSIDE = re.compile(
    r"\b(dian ?ying|dian ?shi( ?ju)?|xiao ?shuo|dong ?hua( ?pian)?|man ?hua|meng)"
    r",? ?(li|li ?mian|li ?tou|zhong)\b|\bzhu ?jiao\b|\bxie ?xiao ?shuo\b")
# A pretend game with toys or roles: the words shouted in it are the game's.
_PLAYING = re.compile(r"玩具|玩[^,;:。!?\n]{0,8}游戏|过家家|假装|扮|抓小偷|打仗|警察抓|\bpretend"
                      r"|\bplaying (cops|house|doctors?|firefighters?)\b|wan ju")
# The writer disowns the words: a catchphrase, said without meaning it.
_DISOWNED = re.compile(
    r"口头禅|嘴上说说|说说而已|随口(一)?说|说着玩|(就是|只是)(个)?"
    r"(习惯|口头|说说)|从来不当真|没当真"
    r"|\bjust (how (s?he|they|he|she) talks?|an? (expression|figure of speech|saying)"
    r"|(a )?manner of speaking)|\bdoes(n'?t| not) mean it|\bnot (serious|literally)"
    r"|kou ?tou ?chan|shuo ?shuo ?er ?yi|sui ?kou ?shuo")
# A safety device named (fitted, bought, tested, drilled), which no fire is.
_DEVICE = re.compile(
    r"\b(smoke|fire|co|carbon monoxide|gas) (alarms?|detectors?|blankets?|extinguishers?"
    r"|drills?|doors?|exits?|escape|safety|sensors?)\b|\bfire (truck|engine|station)s?\b"
    r"|(烟感|烟雾|火灾|燃气|煤气|可燃气体)?(报警器|探测器)|灭火器|灭火毯|消防(演练|演习|通道|栓"
    r"|车|站|队|知识|安全)|防火(演练|演习|门)")
# The device doing its work now: an alarm going off is a sign, not a name.
_SOUNDING = re.compile(r"going off|beeping|sounding|shrieking|\bringing|响|叫|滴滴|嘀嘀|报警了")
# Words turning back to the real world, between the frame and the danger word.
_REAL = re.compile(r"真的|真打|真(着|烧|冒|砍|捅|摔)|现实|真事|发生在|突然|结果|没想到"
                   r"|可(是)?(今天|这次|刚才|现在)|但(是)?(今天|这次|刚才|现在)|这次|今天真"
                   r"|for real|\breal(ly)?\b"
                   r"|\bactual(ly)?\b|\bsuddenly\b|\bbut (now|tonight|today|this time|right now)"
                   r"|\bthis time\b|zhen ?de|tu ?ran")
_QUOTE = re.compile(r"“[^”\n]{1,60}”|「[^」\n]{1,60}」|\"[^\"\n]{1,60}\"")
_SENTENCE_END = "。!?\n"
# A work named as a likeness (跟电影里一样, 像电视剧里演的, like in a movie): what follows is
# real, only as dramatic as a film.
_LIKE_BEFORE = re.compile(r"(像|跟|和|如同|仿佛|简直|就像|好比|\blike|\bas if|\bas in)"
                          r"[^,;:。!?\n，]{0,4}$")
_LIKE_AFTER = re.compile(r"[^,;:。!?\n，]{0,6}(一样|似的|一般|那样)")
# Cues of a person carried off, whose words may hold a 把 that names what is moved.
_MOVED = frozenset({"abduction"})
_BA = re.compile(r"把")
_PERSON = re.compile(r"[^,;:。!?\n]{0,3}(" + HUMAN + r")")


def story_quote(norm: str, at: int) -> re.Match[str] | None:
    """What holds the danger word at `at` apart from the writer's danger now: a quoted line
    (`stories`), a work it is told in, a game with toys, a disowned saying, a device's name."""
    return (stories.story_quote(norm, at) or _in_work(norm, at) or _played(norm, at)
            or _disowned(norm, at))


def pinyin_run(norm: str) -> foreign.PinyinRun | None:
    """The message's pinyin run (`cues.foreign`), none when a work or a disowned saying frames
    the whole message (wo zai xie xiao shuo; qi shi jiu shi kou tou chan) or it ends on the
    danger's safe outcome (`safe_now`: ..., xian zai hui jia le, mei shou shang)."""
    if quoted_story(norm) is not None or ends_safe(norm):
        return None
    return foreign.pinyin_run(norm)


def befalls_no_one(name: str, norm: str, clause_start: int, cue: int, end: int) -> bool:
    """The cue at norm[cue:end] befalls an animal or a thing (`cues.patient`), or its words
    are a safety device's name (a smoke alarm fitted): no one's danger."""
    return patient.befalls_no_one(name, norm, clause_start, cue, end) or _device(
        norm, cue) is not None or (name in _MOVED and _moves_a_thing(norm[cue:end]))


def _moves_a_thing(words: str) -> bool:
    """In a 把 sentence the one before 把 acts: 娃把一颗纽扣塞进嘴里 moves a button, not the
    child (有人把孩子塞进车里 moves the child)."""
    found = _BA.search(words)
    return found is not None and not _PERSON.match(words, found.end())


def quoted_story(norm: str) -> re.Match[str] | None:
    """The first frame of `norm` (a quoted line, a work, a disowned saying) that no real-world
    turn follows: a message told of a story, not of the writer's life."""
    found = stories.quoted_story(norm)
    if found is not None:
        return found
    if _REAL.search(norm):
        return None
    for frame in (_INSIDE, _EN_INSIDE, _PY_INSIDE, _DISOWNED):
        for match in frame.finditer(norm):
            if frame is _DISOWNED or _framing(norm, frame, match):
                return match
    return None


def outside_stories(norm: str) -> str:
    """The writer's own words: quoted lines blanked (`stories`); a message framed whole by a
    work or a disowned saying (`quoted_story`) keeps none."""
    if stories.quoted_story(norm) is not None:
        return stories.outside_stories(norm)
    return "" if quoted_story(norm) is not None else norm


def _sentence_start(norm: str, at: int) -> int:
    return max(norm.rfind(mark, 0, at) for mark in _SENTENCE_END) + 1


def _in_work(norm: str, at: int) -> re.Match[str] | None:
    """A work's inside named before `at` in its sentence (and, for a clause opening on 里头,
    the work named before that), with no real-world turn between."""
    start = _sentence_start(norm, at)
    for frame in (_INSIDE, _EN_INSIDE):
        found = None
        for match in frame.finditer(norm, start, at):
            found = match
        if found is None or _REAL.search(norm, found.end(), at):
            continue
        if _framing(norm, frame, found):
            return found
    return None


def _framing(norm: str, frame: re.Pattern[str], found: re.Match[str]) -> bool:
    """The work `found` frames what follows: not a likeness (跟电影里一样, like in a movie),
    and a clause opening on 里头 only after a work named (`_work_named`)."""
    if _LIKE_BEFORE.search(norm, max(0, found.start() - 12), found.start()) or (
            _LIKE_AFTER.match(norm, found.end())):
        return False
    return frame is not _INSIDE or _work_named(norm, found)


def _work_named(norm: str, inside: re.Match[str]) -> bool:
    """A clause opening on 里头 (里面, 片里…) is inside a work only when the clause before it
    named one (看嘞那个动画片，里头嘞…; not 电梯卡住了，里面有人)."""
    if inside.group(1):
        return True
    before = max(norm.rfind(mark, 0, inside.start() - 1) for mark in ",;:。!?\n，") + 1
    return _NAMED.search(norm, before, inside.start()) is not None


def _played(norm: str, at: int) -> re.Match[str] | None:
    """The danger word is shouted inside quotation marks in a pretend game named before it."""
    start = _sentence_start(norm, at)
    for quote in _QUOTE.finditer(norm, start):
        if quote.start() < at < quote.end():
            play = _PLAYING.search(norm, start, quote.start())
            return quote if play is not None else None
    return None


def _disowned(norm: str, at: int) -> re.Match[str] | None:
    """The writer disowns the words at `at` after saying them (…不想活了，其实就是口头禅; just
    how she talks) and turns back to nothing real (not 是口头禅，可他刚吞了一瓶药: words of
    danger after the disowning are read as ever). "Not really meaning it" is no disowning:
    people in crisis say it (她说不是真的想死)."""
    for found in _DISOWNED.finditer(norm, at):
        return None if _REAL.search(norm, at) else found
    return None


def _device(norm: str, at: int) -> re.Match[str] | None:
    """The danger word is part of a safety device's name, and nothing says it sounds."""
    for device in _DEVICE.finditer(norm):
        if device.start() <= at < device.end():
            return None if _SOUNDING.search(norm) else device
    return None
