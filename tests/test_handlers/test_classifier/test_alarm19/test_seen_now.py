"""A state seen now with its second sign (`cues.situations.witnessed`) names the kind whose
numbers help (96110 for an elder's savings, 110 for someone gone), no alarm overrules it, and
what ends it (the fire out, the question asked) still keeps it quiet."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


@pytest.mark.parametrize(("text", "kind"), [
    ("小区外面那个铁塔歪得很厉害了，底下就是菜市场，人挤人", "other"),
    ("来电人反映：路边一块大型广告牌整体向马路倾斜，下方为人行道，行人较多", "other"),
    ("来电称：某小区围墙出现严重倾斜，墙下有商贩摆摊", "other"),
    ("外婆把退休金全部投进一个合作社，人已经跟着去交钱了", "fraud"),
    # Someone on the outer side of a high edge, told in a hotline summary's words.
    ("接报：某小区居民称，邻楼一名老人坐在八楼窗台上，双腿在窗外，不时喊叫", "self_harm"),
    ("来电人反映：某商场五楼中庭护栏外站着一名青年，情绪低落，围观群众较多", "self_harm"),
    ("居民反映：一名女子坐在十二楼窗台上，双脚悬空，时而哭泣", "self_harm"),
    ("我奶奶跟着保健品公司的人走了，说要把养老钱全部投进他们的原始股，已经到银行门口了",
     "fraud"),
    ("wo nai nai yao ba cun kuan dou tou jin yi ge yang lao xiang mu, xian zai zai yin hang",
     "fraud"),
    ("My uncle has dementia and slipped out of the day centre twenty minutes ago, nobody can"
     " see him", "missing"),
    ("wo jia re shui qi na li yi zhi si si de, qi guan hao xiang lou qi le", "fire"),
    # Gone the moment the writer looked away, told without whom one cannot find.
    ("儿子在小区骑平衡车，我回个消息的工夫就找不到了，急死了", "missing"),
    ("俺孙子刚还在门口，俺进屋拿个东西的工夫人就没影了", "missing"),
    ("女儿在超市里，我结个账的时间就找不着了", "missing"),
    # A night away and a phone unreachable now, in pinyin.
    ("wo ba yi ye mei hui jia, shou ji da bu tong, ta cong lai bu zhe yang", "missing"),
])
def test_what_is_seen_names_the_kind_whose_numbers_help(classifier, text, kind):
    assert kind in raised(classifier, text).emergency_kinds


@pytest.mark.parametrize("text", [
    # A smoke alarm still sounding after the smoke was dealt with, asked how to stop it.
    "刚才煎鱼糊了冒了点烟，火已经关了窗也开了，烟雾报警器还在响，请问怎么关",
    # A crane that leaned once and was put right, told to ask about the rules.
    "请问塔吊明显倾斜应该找哪个部门？上次我们这边的已经加固了",
    # Residents reporting a lean for the repair already promised.
    "我们这边的居民反映广告牌向路边倾斜，物业说下周来修",
    # An edge in a childhood memory, or a cat's.
    "小时候我经常坐在楼顶边上，脚悬空看星星",
    "我家猫老是坐在窗台上，腿悬在外面，看着好吓人",
    # Someone who needs care, and an outing that ended at home, or a death told gently.
    "Our autistic son got off the school bus and is now at home playing",
    "My mother has dementia; she slipped away peacefully last night",
    # Savings into a shop, told as a plan the family argues about.
    "我妈想把存款投进去开个小超市，家里人都不同意，请问怎么劝",
    # A moment's inattention, and a thing or a pet gone, or the child found.
    "我回个消息的工夫，孩子的玩具就找不到了",
    "我家狗狗在小区玩，我回个消息的工夫就找不到了",
    "孩子在小区玩，我回个消息的工夫就找不到了，原来躲在滑梯下面",
    # A night away explained: at work, or at a friend's.
    "wo lao gong yi ye mei hui lai, ta jia ban, shou ji mei dian guan ji le",
    "wo er zi zheng wan mei hui lai, ta shuo zai peng you jia, dian hua guan ji le",
])
def test_what_ended_or_was_only_asked_pages_no_one(classifier, text):
    quiet(classifier, text)
