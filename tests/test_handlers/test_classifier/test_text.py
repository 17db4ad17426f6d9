"""One spelling for every message: traditional, full-width and spacing folded; letters."""

from __future__ import annotations

import subprocess
import sys

from handlers.classifier.text import is_letter, normalize


def test_traditional_characters_become_simplified():
    assert normalize("我的孩子走丟了，請幫幫我") == "我的孩子走丢了,请帮帮我"
    assert normalize("家裡著火了") == "家里着火了"      # 著 as in 着火, not as in 著名
    assert normalize("著名的光岳樓") == "著名的光岳楼"


def test_simplified_text_keeps_its_spelling():
    for text in ("在么", "什么时候能办好", "干部", "头发", "面条", "只有一个"):
        assert normalize(text) == text


def test_full_width_forms_become_half_width_and_case_is_folded():
    assert normalize("ＨＥＬＰ，ＳＯＭＥＯＮＥ　ＩＳ　ＢＲＥＡＫＩＮＧ　ＩＮ") == \
        "help,someone is breaking in"
    assert normalize("ＤＣＦ２０２６１１２７－０００３") == "dcf20261127-0003"


def test_control_characters_and_runs_of_spaces_go():
    assert normalize(" 救命\x1d\x00  有人\t打我 ") == "救命 有人 打我"


def test_a_formal_letter_is_told_from_a_long_chat():
    body = "小区东门的路灯坏了三个多月，晚上一片漆黑，老人孩子出行很不方便。" * 5
    letter = f"关于小区路灯问题的反映\n尊敬的领导：\n{body}\n恳请相关部门尽快解决。\n此致\n敬礼"
    assert is_letter(normalize(letter))
    assert not is_letter(normalize(body.replace("。", "")))     # a long message, no letter form
    assert not is_letter(normalize("尊敬的领导：路灯坏了。\n此致\n敬礼"))     # too short


def test_opencc_imports_cleanly_with_warnings_as_errors():
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c",
         "from handlers.classifier.text import normalize; print(normalize('車禍'))"],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "车祸"
