"""An account taken over and used to ask the owner's friends for money ("我的微信号被盗了，对方
在用我的号借钱"): a swindle under way in the resident's name, reported to the police (a
complaint, never a menu), with what to do at once: warn the friends by another way, freeze
the account, and 110 / 96110 for money already sent (§4)."""

from __future__ import annotations

import re
import unicodedata

from handlers.core.text.spelling import simplified

# The account: a named app's, or the resident's own "号".
_ACCOUNT = (r"(?:微信|qq|抖音|快手|支付宝|微博|钉钉|淘宝|陌陌|游戏)(?:号|账号|帐号)?"
            r"|账号|帐号|(?:我|俺|她|他)的?号"
            r"|(?:wechat|weixin|qq|alipay|douyin|tiktok)(?: account)?")
# Taken over: stolen, hacked, logged into by someone else.
_TAKEN = (r"(?:被|叫|让|给)(?:人|别人|骗子|坏人)?(?:给)?(?:盗|黑|登|登录|登陆|冒用|控制|顶)"
          r"|盗号|异地登录|hacked|stolen")
_TAKEN_ACCOUNT = re.compile(rf"(?:{_ACCOUNT})[^,;。!?\n]{{0,6}}(?:{_TAKEN})"
                            rf"|盗(?:了)?(?:我|俺|她|他)的?(?:{_ACCOUNT})")
# Used to ask others for money in the owner's name.
_MONEY = re.compile(r"借钱|借款|借点|借了|要钱|转账|转钱|打钱|汇款|红包|代付|垫付|充值|付款"
                    r"|borrow|money|transfer")
# Told after it was dealt with (thanks, the account recovered): no swindle under way.
_SETTLED = re.compile(r"感谢|谢谢|多亏|找回来了|找回了|已找回|已经找回|追回|解决了|thank")


def hijacked(text: str) -> str | None:
    """The words that tell an account taken over and used to ask for money, or None."""
    norm = simplified(unicodedata.normalize("NFKC", text)).lower()
    taken = _TAKEN_ACCOUNT.search(norm)
    if taken is None or _MONEY.search(norm) is None or _SETTLED.search(norm):
        return None
    return taken.group(0)
