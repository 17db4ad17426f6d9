"""A home on fire told in the fewest words, as people shout it in dialect (俺家着了 快来, 咱院里
着了快打119, 对门家着啦): CONTRACT §4, kind `fire`. `harm`'s flames cue reads "X着了" only when
X is a thing that burns (房, 车, 柴火); a home, a yard or a room is one too, never when 着 is
part of another word (着了凉, 着了魔, 着急) or a light left on (灯着了)."""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, JOKE, Cue

# Whose home: the writer's, a neighbour's, one pointed at.
_WHOSE = r"(我|俺|咱|恁|你|他|她|我们|俺们|咱们|隔壁|邻居|对门|楼上|楼下|对面|那|这|谁)"
_HOME = r"(家|家里|屋|屋里|屋子|院|院里|院子|房子|家屋)"
# 着了 as catching fire, not as part of 着凉, 着魔, 着迷, 着急, 着道 (nor a light on all night).
_ALIGHT = r"(也|都|又)?(着|燃)(了|啦|起来了)(?!凉|魔|迷|急|慌|道|一(晚|夜|宿|天))"

ALIGHT_CUES: tuple[Cue, ...] = (
    Cue("home_alight", ("fire",), _WHOSE + GAP + r"{0,2}" + _HOME + _ALIGHT,
        veto=r"睡|灯|香|蜡烛|炉子|煤球|火锅", hyperbole=JOKE),
)
