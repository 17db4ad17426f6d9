"""A resident asking where their report stands while its questions are asked ("我的报警有人管吗"
at the photos question): told, and the question asked again; never kept as a detail."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.test_handlers.test_conversation.test_supplements import THEFT, _said_by_resident


@pytest.mark.parametrize("asked", ["我的报警有人管吗", "什么时候有人来处理？", "有人处理吗？"])
async def test_a_status_question_at_a_free_words_step_is_answered_and_not_kept(chat, db, asked):
    await chat.say("o-st", THEFT)
    assert texts.text("ask_photos") in await chat.say("o-st", "13812345678")
    number = (await db.ticket("o-st")).number
    reply = await chat.say("o-st", asked)
    # Where it stands: its number and its state.
    assert number in reply and texts.STATUS_LABELS["new"] in reply
    assert texts.text("ask_photos") in reply
    assert (await chat.say("o-st", "没有")).startswith(texts.text("complaint_done", number=number))
    assert asked not in " ".join(await _said_by_resident(db, "o-st"))
