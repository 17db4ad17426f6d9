"""A danger told now after a clause of habit, "if", hearsay, a talk or the past is an
emergency; the same words governing the danger's own clause are not (issue 11). The
messages marked "main" were missed before markers were scoped to the clauses they govern."""

from __future__ import annotations

import pytest

from handlers.classifier.gate import EMERGENCY, EmergencyGate
from handlers.classifier.text import normalize
from tests.classifying import quiet, raised


@pytest.fixture(scope="module")
def gate() -> EmergencyGate:
    return EmergencyGate()


@pytest.mark.parametrize("text", [
    # a habit, then today or now
    "他天天喝酒吵架，今天拿着刀要砍我",                              # main
    "老公经常打我，现在他拿着菜刀在门口砍门",
    "隔壁总是半夜砸东西，这会儿屋里冒烟了",
    "他最近老是跟着我，这会儿正在后面追我",
    "俺男人三天两头喝醉了闹，今儿个拿刀把俺娘砍伤了，血止不住",
    "楼下經常有人吵架，今天有人被捅了，躺在地上",                     # main
    "每到周末他就喝酒，现在他拿着刀在砸门",
    "他老在楼下转悠，现在拿着刀上楼来了",
    "我们这一到晚上就有人飙车，刚刚撞倒了一个老人，人躺在地上不动",
    "平时他就爱动手，这回直接掐我脖子，我快喘不上气了",
    "他隔三差五来要钱，今天带了几个人堵在我家门口砸门",               # main
    "隔几天就有人烧电缆，今天火着大了烧到房子了",
    # an "if", then now
    "要是早点报警就好了，现在他在砸门",                              # main
    "万一出事谁负责，现在已经有人被困在电梯里了",                     # main
    "假如我没回来，你们就去找，现在有人拿刀追我",                     # main
    "如果你们早来一步就好了，现在火越来越大",                         # main
    # hearsay or a talk, then now
    "听说这一片不太平，现在我家着火了",
    "新闻里说最近有小偷，刚才有人撬我家门，人还在屋里",
    "听人说他有精神病，他现在拿着刀在楼道里乱砍",
    "刚听完消防安全讲座，回家就发现厨房着火了，火越来越大",           # main
    "社区在搞防诈骗宣传，可我妈现在正在给骗子转账",                   # main
    # the past or a question, then now
    "去年这里着过火，现在又着火了，里面有人",
    "昨天他说要杀了我，现在他拿着刀在我家门口",
    "这种事该找谁负责，现在有人被困在电梯里出不来",
])
def test_a_danger_told_now_after_another_clause_is_an_emergency(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "如果着火了怎么办",
    "他天天喝酒打人，我想咨询离婚",
    "要是有人拿刀威胁我，我能正当防卫吗",
    "听说昨天小区有人被砍了，是真的吗",
    "隔壁老是半夜打孩子，孩子哭得厉害，能不能去看看",
    "万一电动车在楼道着火怎么办",
    "新闻上说有人被拐了，我们小区安全吗",
    "消防宣传讲了着火怎么逃生",
    "去年我被人打了，现在想问问还能起诉吗",
    "他经常说要打死我，我想问问能申请保护令吗",
    "现在想起来，要是当时着火了就完了",
    "今天社区开会讲了遇到有人持刀伤人该怎么办",
    "新闻里说，现在有人在地铁站持刀伤人",
    "今天听讲座，讲了家里着火怎么逃生",
    "每到周末楼上就打孩子，能管管吗",
    "他老在楼下跟人打架，吵得我们睡不着",
    "如果今天有人拿刀闯进来，我该怎么办",
    "我今天想咨询一下，老公天天打我怎么办",
    "听说，今天早上有人在河边溺水了",
    "要是今天他再来砸门，我就报警",
])
def test_the_same_words_governing_the_dangers_own_clause_are_no_emergency(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize(("text", "frame"), [
    ("他天天喝酒吵架，今天拿着刀要砍我", "neutral"),     # today: a day of its own, no "now"
    ("要是早点报警就好了，现在他在砸门", "now"),
    ("有人拿刀追我，要是你们不来我就死定了", "neutral"),   # an "if" reaches forward only
    ("他天天喝酒，拿着刀要砍我", "habitual"),
    ("要是他拿着刀来了，我就跑", "modal"),
    ("新闻里说，现在有人在地铁站持刀伤人", "modal"),      # hearsay introducing the clause
])
def test_a_cue_is_framed_by_the_markers_that_reach_its_clause(gate, text, frame):
    findings = gate.assess(normalize(text), letter=False).findings
    assert findings and findings[0].frame == frame, findings


def test_an_emergency_told_now_is_weighed_from_where_it_is_told(gate):
    text = "要是早点报警就好了，现在他在砸门"
    assessment = gate.assess(normalize(text), letter=False)
    assert assessment.verdict == EMERGENCY
    assert normalize(text)[assessment.told_from:] == "现在他在砸门"
    # no cut when the cue lies before the clause that is told now
    earlier = gate.assess(normalize("有人拿刀追我，要是你们不来，现在我躲在厕所里"), letter=False)
    assert (earlier.verdict, earlier.told_from) == (EMERGENCY, 0)
