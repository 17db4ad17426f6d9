"""Someone left down when a scene breaks up (人都散了，倒了一个; everyone ran off, one man is
lying on the ground): the crowd's leaving is no outcome of an attack whose victim is still on
the ground. `aftermath.STILL` reads these words after an outcome as "the danger goes on"."""

from __future__ import annotations

from handlers.classifier.lexicon import GAP

LEFT_DOWN = (r"(倒|躺)(了|下)(一个|两个|俩|几个|好几个|一片|一地|个人)"
             r"|(地上|地下|血泊里?)(还)?(倒|躺)(着|了)" + GAP + r"{0,2}(一个|两个|个|人)"
             r"|(倒|躺)在(地上|地下|血泊|摊位|路边|门口)" + GAP + r"{0,4}(不动|起不来|没动静)?"
             r"|捂着" + GAP + r"{0,2}(肚子|脖子|胸口|头|伤口)|还剩(一个|个)人"
             r"|(is|are) (lying|lay) (on the ground|in the street|on the floor)"
             r"|(one|a|two) (man|woman|person|people|guy)[^.!?]{0,12}(is|are) (down|lying)")
