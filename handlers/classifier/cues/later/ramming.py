"""A vehicle driven into people on purpose (开车故意往人群里冲, 冲上人行道撞学生, drove into
the crowd): CONTRACT §4, kind `crime`. `harm`'s crash cues read a collision told as an accident
with an injury; here the driver aims at a crowd, a queue or a pavement, and the toll may be
told only as 撞了好几个.

A game or a film, a car parked on a pavement or a bin knocked over is none.
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, JOKE, Cue

_CROWD = (r"(人群|人堆|人多的地方|人多|排队的人|跳舞的人|学生|行人|路人|人行道|行人路|步行街|广场"
          r"|the crowd|people|pedestrians|the queue|the pavement|the sidewalk)")
_DRIVE = r"(开车|开着" + GAP + r"{0,4}车|车|司机|面包车|货车|轿车|汽车|卡车|架车)"
_RAM = (_DRIVE + GAP + r"{0,8}(往|朝|向|冲进|冲上|冲向|开进|开上|撞向)" + GAP + r"{0,4}" + _CROWD
        + GAP + r"{0,4}(冲|撞|开|轧|碾|里|堆里)"
        + r"|" + _DRIVE + GAP + r"{0,6}(冲进|冲上|冲向|开进|开上)" + GAP + r"{0,4}" + _CROWD
        + r"|(drove|driving|ploughed|plowed|rammed|ran)( a (car|van|truck))? (into|through) "
        + _CROWD)
# The toll among the people, or a word of it happening on purpose.
_TOLL = (r"撞(了|倒|伤|飞)" + GAP + r"{0,4}(好几个|好多|几个|一片|一群|人)|故意|躺了|受伤|倒了"
         r"|撞咗|撞人|撞学生|on purpose|deliberately|(people|several|many) (are )?(down|hurt"
         r"|injured)")
# A game, a film, a story, or a car merely parked.
_NOT_REAL = r"游戏|电影|电视|视频里|小说|新闻|案子|判了|停着|停在|挡着|game|movie|film"

RAMMING_CUES: tuple[Cue, ...] = (
    Cue("ramming", ("crime",), _RAM, needs=(_TOLL,), unless=_NOT_REAL, hyperbole=JOKE),
)
