"""The one detector of phone and ID numbers, and masking built on it, on the table of
spellings every other masking test uses."""

from __future__ import annotations

import re

import pytest

from handlers.core.privacy import (
    Masking,
    find_doors,
    find_mobile,
    find_numbers,
    mask_doors,
    mask_phone,
    mask_text,
    public_numbers,
    valid_mobile,
)
from handlers.core.settings import TicketSettings, Unit
from handlers.tickets.opening import SUMMARY_MAX, summarize
from tests.support.spellings import CONTEXTS, NOT_NUMBERS, SPELLINGS


@pytest.mark.parametrize(("written", "shown", "digits"), SPELLINGS)
@pytest.mark.parametrize("context", CONTEXTS)
def test_every_spelling_is_found_and_masked_in_any_context(written, shown, digits, context):
    text = context.format(written)
    assert mask_text(text) == context.format(shown)
    [found] = list(find_numbers(text))
    assert found.digits == digits


@pytest.mark.parametrize(("written", "shown", "digits"), SPELLINGS)
def test_the_mobile_detector_is_the_masking_one(written, shown, digits):
    mobile = len(digits) == 11 and digits.startswith("1")
    assert find_mobile(f"联系我{written}谢谢") == (digits if mobile else None)
    assert valid_mobile(f" {written} ") == (digits if mobile else None)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_other_digits_stay_as_written(text):
    assert mask_text(text) == text and find_mobile(text) is None


def test_two_numbers_in_one_message_are_both_masked():
    assert mask_text("13900001111或者139 0000 2222") == "139****1111或者139****2222"


def test_public_numbers_of_the_branch_and_units_are_never_masked():
    settings = TicketSettings(duty_phone="0635-8888110",
                              units=(Unit("古楼派出所", phone="0635 8123456"),
                                     Unit("新区派出所", phone="13800138000")))
    public = settings.masking.public
    assert public == public_numbers(["0635-8888110", "0635 8123456", "13800138000"])
    text = "值班电话0635-8888110，派出所(0635)8123456，所长138-0013-8000，我13900001111"
    assert settings.masking(text) == \
        "值班电话0635-8888110，派出所(0635)8123456，所长138-0013-8000，我139****1111"
    assert settings.masking.revealed()(text) == text


def test_masking_is_idempotent_and_total():
    for _, shown, _ in SPELLINGS:
        assert mask_text(shown) == shown
    assert Masking()(None) == "" and Masking()("") == ""


def test_stored_contact_numbers():
    assert mask_phone("13800000000") == "138****0000"
    assert mask_phone("+8613800000000") == "138****0000"
    assert mask_phone("06358888110") == "*******8110"
    assert mask_phone("12") == "****"


@pytest.mark.parametrize(("written", "shown", "digits"), SPELLINGS)
def test_a_summary_is_never_cut_through_a_number(written, shown, digits):
    for offset in range(len(written) + 1):
        text = "啊" * (SUMMARY_MAX - offset) + written + "。"
        summary = summarize(text)
        assert len(summary) <= SUMMARY_MAX
        assert mask_text(summary).count("啊") == summary.count("啊")
        shown_digits = re.sub(r"\D", "", mask_text(summary).translate(
            {0xFF10 + d: str(d) for d in range(10)}))
        assert digits[:7] not in shown_digits


# Residents' addresses, as they write them, and what files and logs may show of them.
DOORS = [
    ("我家住柳园小区8号楼3单元502室，楼上天天装修", "我家住柳园小区*号楼*单元*室，楼上天天装修"),
    ("东关街道和平里5栋2单元301的邻居家暴", "东关街道和平里*栋*单元*的邻居家暴"),
    ("幸福路18号门口有人占道摆摊", "幸福路*号门口有人占道摆摊"),
    ("12月3号晚上在人民大道66号被偷了电动车", "12月3号晚上在人民大道*号被偷了电动车"),
    ("我住金水湾小区12-3-502，钱包丢在楼道里了", "我住金水湾小区*-*-*，钱包丢在楼道里了"),
    ("家在西关村二十三号院，三号楼五单元", "家在西关村*号院，*号楼*单元"),
    ("柳园小区门口天天堵车", "柳园小区门口天天堵车"),
    ("2026-11-25 13:00在3路公交车上被偷", "2026-11-25 13:00在3路公交车上被偷"),
]


@pytest.mark.parametrize(("written", "shown"), DOORS)
def test_doors_of_homes_are_starred_beyond_the_console(written, shown):
    assert mask_doors(written) == shown
    assert Masking().beyond_console()(written) == shown
    assert Masking()(written) == written        # the console keeps the door to go to
    assert (list(find_doors(written)) == []) == (written == shown)


def test_beyond_the_console_numbers_and_doors_go_together():
    text = "我叫李梅，电话一三九零零零零二三四五，住8号楼3单元502室"
    assert Masking().beyond_console()(text) == "我叫李梅，电话139****2345，住*号楼*单元*室"
    assert Masking().revealed().beyond_console()(text) == text
