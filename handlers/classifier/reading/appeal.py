"""An appeal to whoever reads (有人瞅见没, 谁家看见了说一声, has anyone seen, you ren kan dao
ma): the "someone" it names is the reader asked to look, not a person at risk. A notice of a
lost animal asks it; it names no one in danger."""

from __future__ import annotations

import re

_APPEAL = re.compile(
    r"(有没有人|有人|谁|谁家|哪位|大家|各位)(家)?(在[^,;:。!?\n，]{0,6})?(看|瞅|瞧|见|碰|遇)(到|见|着)?(过)?"
    r"(了)?(没|吗|么|嘛|的话|说一声|告诉|联系|麻烦)?"
    r"|\b(has|have|did) (anyone|anybody|someone|you) (seen|spotted|found)\b"
    r"|\b(anyone|anybody) (seen|spot(ted)?|find|found)\b"
    r"|(you ren|shei) ?(kan|qiao|chou|jian) ?(dao|jian)")


def unaddressed(norm: str) -> str:
    """`norm` with its appeals to the reader blanked out."""
    return _APPEAL.sub(lambda match: " " * len(match.group(0)), norm)
