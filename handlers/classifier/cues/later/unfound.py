"""Someone frail or young who cannot be found, told with the person as the topic (人找不到了,
一晌午没见人影了, 家里说没到…人找不着了): CONTRACT §4, kind `missing`. `crime`'s cues read
找不到 after the person's name or 找不到人; a message that first tells the trip or the play
and then says "the person: not found" names them only as 人, or says that nobody has seen
them for a stretch of the day (dialect 一晌午, 一后晌, 大半天; Cantonese 成个下昼都冇返嚟)
after searching.

Like `not_back`, it needs a vulnerable person and a sign of a search or of time gone by; a
whereabouts found (在网吧, 原来是去钓鱼了) or a pet or a thing searched for is none.
"""

from __future__ import annotations

from handlers.classifier.lexicon import PETS, VULNERABLE, Cue

# The person, unfound: 人找不到了, 人找不着了, 人没找到, 没见(着)人(影), 不见人影, 人影都没见.
_UNFOUND = (r"(?<![个东])人(也|都|还|就|一直)?(找不到|找不着|找不见|没找到|没找着)(了)?"
            r"|(没|没有|不)见(着|到)?(人|人影|影儿|人影儿)(了)?(?!来|去|说|理)"
            r"|人影(都|也)?(没|不)见"
            r"|(nobody|no one|no-one) (has|had) seen (him|her|them) since"
            r"|(has|have)n'?t (been )?seen (him|her|them) since"
            # Cantonese: not back, not seen (成个下昼都冇返嚟, 冇人见过佢)
            r"|(都|仲)?(冇|未)(返嚟|返屋企|返到嚟|返到屋企)|冇人见(过|到)(佢|人)")
# A stretch of the day gone by, in plain words and in dialect, or a search told.
_SEARCHED_OR_LONG = (r"一晌午|一后晌|一前晌|半晌|大半天|一上午|一下午|一晚上|一整天|整整|半天"
                     r"|(\d+|[一二三四五六七八九十两俩仨几半]+)(个)?(多)?(小时|钟头)|天(都)?(快)?黑"
                     r"|找|问遍|喊遍|问了|喊了|没到|下车|没来过|关机|打不通|没人接|since|search"
                     r"|looked everywhere|搵|成个(下昼|上昼|朝早|晚)|成日|(几|两|三)个钟")
_WHO = (VULNERABLE + r"|小子|老头子|老婆子|小孙|俺娘|俺爹|阿嫲|阿公|阿婆|阿爷|阿仔|阿女|细路|个仔"
        r"|个女"
        r"|\d+[ -]?(year|yr)s?[ -]old|my (son|daughter|kid|child|boy|girl|grand\w+|mum|mom|dad)"
        r"|dementia|alzheimer")
# Found, or never lost: a whereabouts known, someone back, a pet or a thing searched for;
# or no one frail lost at all.
_FOUND = (r"原来|网吧|打游戏|同学家|朋友家|钓鱼|回来了|到家了|找到了|找着了|没事了|接到了"
          r"|手机没电|" + PETS + r"|猫|狗|宠物|快递|包裹|行李|钥匙|钱包|东西"
          r"|came back|found (him|her|them)|is (back|home|fine)"
          # the one not found is a seller or a swindler gone with the money (店关门了人也找不着,
          # 被卖保健品的骗了…现在人找不着了)
          r"|关门|跑路|卷款|店|商家|卖家|中介|骗子|骗了|骗走|被骗|推销")

UNFOUND_CUES: tuple[Cue, ...] = (
    Cue("person_unfound", ("missing",), _UNFOUND, needs=(_WHO, _SEARCHED_OR_LONG),
        unless=_FOUND, veto=r"网络|信号"),
)
