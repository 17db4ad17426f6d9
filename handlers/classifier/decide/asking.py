"""How a question is put (issue 14): asked to blame, or asked whose business a matter is.

The same words name a grievance in a complaint and in a consultation; what tells them apart
is often the question's form. "凭什么…", "到底管不管", "还让不让人睡觉了", "这算什么" ask
nothing: they blame. "这种事归谁管", "找物业还是找派出所", "这样能报案吗" ask whose business
the matter is or whether it may be reported. Character n-grams see these words only as
pieces among a message's hundred; `model.features` adds each form as one feature of its own,
so the model weighs the form itself, learnt from the corpus, whatever the matter told.
"""

from __future__ import annotations

import re

_CLAUSE = r"[^,;.!?\n]"
# A question that blames (nobody is expected to answer it), or blame told beside a question.
_BLAMING = re.compile(
    r"凭(?:什么|啥)|难道|还让不让|让不让人|还让人(?:活|睡|过)|日子还(?:怎么|咋)过"
    r"|(?:到底|究竟|还)(?:管不管|有没有人管|有没人管|查不查|抓不抓|有人管吗)"
    r"|(?:就|都|咋就?|怎么就?|也|咋都|怎么都)没(?:有|得)?人(?:管|查|理|来)"
    r"|干(?:什么|啥|嘛)吃的|像话吗|这合理吗|这算什么|算(?:什么|啥)事|出了事(?:算|谁)"
    r"|光看着|就不能|还有没有(?:王法|天理)|有没有天理"
    # Who is blamed: someone who should handle it and does not (物业也不管, 老师根本不理).
    r"|(?:也|都|根本|就是|压根)(?:不管|不理|不处理)")
# A question whose business a kind of matter is, or whether it may be reported.
_WHOSE = re.compile(
    rf"(?:这种|这类|这个|这事|这样|此类|这些){_CLAUSE}{{0,10}}?"
    r"(?:归谁|归哪|归你们|归恁|谁管|(?<!到底)管不管|管吗|管不归|找谁|找哪|能报案|可以报案|能报警"
    r"|可以报警|能立案|算不算|属于)"
    rf"|(?:找|归){_CLAUSE}{{0,8}}?还是|哪个部门")

BLAMING = "k:blaming"
WHOSE = "k:whose"


def blaming(norm: str) -> str | None:
    """The words of a question asked only to blame (凭什么, 到底管不管, 这算什么), if any."""
    found = _BLAMING.search(norm)
    return None if found is None else found.group(0)


def whose(norm: str) -> str | None:
    """The words asking whose business a matter is, or whether it may be reported, if any."""
    found = _WHOSE.search(norm)
    return None if found is None else found.group(0)


def forms(norm: str) -> list[str]:
    """The question forms a message holds, as features for the intent model."""
    return [name for name, found in ((BLAMING, blaming(norm)), (WHOSE, whose(norm)))
            if found is not None]
