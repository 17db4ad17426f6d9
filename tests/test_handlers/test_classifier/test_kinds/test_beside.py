"""Numbers told beside the kinds' (a rescue's 119) are the classifier's finding, carried by
the prediction; the emergency intent only words its answer from the prediction."""

from __future__ import annotations

from handlers import texts
from handlers.classifier.classifier import Prediction

RESCUE = texts.text("emergency_advice_rescue")


class Fixed:
    """The real classifier, except for the messages given, whose prediction is fixed."""

    def __init__(self, real, **fixed: Prediction) -> None:
        self.real, self.fixed = real, fixed

    def classify(self, text: str) -> Prediction:
        return self.fixed.get(text) or self.real.classify(text)


def other(also: tuple[str, ...]) -> Prediction:
    return Prediction("emergency", 0.99, ("rule:emergency:test",), priority="P1",
                      emergency_kind="other", emergency_kinds=("other",), also_told=also)


def test_a_rescue_predicted_carries_119_beside_its_kind(classifier):
    prediction = classifier.classify("我们被困在电梯里了，电梯停在两层中间，里面还有个老人")
    assert prediction.emergency_kinds == ("other",) and prediction.also_told == ("119",)
    assert classifier.classify("有个老人晕倒了，没有意识").also_told == ()


def test_self_harm_with_rescue_words_carries_no_number_beside_its_caring_answer(classifier):
    prediction = classifier.classify("我老公把自己锁在车里，车停在车库，发动机一直开着")
    assert prediction.emergency_kinds[0] == "self_harm" and prediction.also_told == ()


async def test_the_answer_tells_what_the_prediction_carries_not_what_the_text_says(
        chat, db, services):
    plain, rescue = "（测试）出事了", "（测试）有人掉进河里了"
    services.classifier = Fixed(services.classifier, **{plain: other(("119",)),
                                                        rescue: other(())})
    reply = await chat.say("o-1", plain)
    assert reply.startswith("请立即拨打119（火警）和110（报警）！") and RESCUE in reply
    reply = await chat.say("o-2", rescue)
    assert reply.startswith("请立即拨打110（报警）！") and RESCUE not in reply
