"""The words that frame an emergency cue (`frames`) and the words of a standing problem.

One table per kind of marker (tense, aspect, modality); the habit words and the nuisances
are the gate's and the alarm's opinion's alike (`opinion.reported`), so a word added here
moves both.
"""

from __future__ import annotations

_NUM = r"[0-9一二三四五六七八九十两几半多]+"
# A standing problem, by how it is told. "repeated": the harm comes again and again (天天,
# 经常, 每到周末): the gate frames a cue in its clause as habitual, and the alarm's own raise
# leaves a message saying it to the intent model (`opinion.reported`). "period": a stretch of
# time (最近, 这些年): it frames its clause only (谢谢你这些年的照顾 is a farewell, not a habit).
HABIT = {
    "repeated": r"天天|每天|每晚|每次|每回|每到|经常|时常|常常|老是|总是|老在|屡次|频繁|隔三差五"
                r"|三天两头|(?<!一)动不动|成天|(?<!一)整天|一到.{1,6}就|一到(晚上|夜里|周末|下雨|冬天"
                r"|夏天)|每逢|一年到头|时不时|有时候|偶尔|总有|老有|一直被|一直受|好几回|好几次"
                r"|几回了|几次了",
    "period": r"常年|长期|最近|近期|近来|这段时间|这些年|多年|以来|近年",
}
# The same in English and pinyin, for messages the gate's clauses do not frame.
HABIT_FOREIGN = (r"every (day|night|evening|morning|week)|all the time|keeps? [a-z]+ing"
                 r"|tian ?tian|mei ?(tian|wan)|zong ?shi|jing ?chang")
# A nuisance harming nobody, by what "now" does to it. "any_time": noise, a blocked way, smoke
# from a barbecue: a complaint however "now" it is told (the gate's `aftermath.nuisance`).
# "unless_now": a smell of smoke, litter, leaflets: a complaint when told without a word of
# "now" (现在楼道里全是烟味 may be a fire): the alarm's opinion (`opinion.reported`).
NUISANCE = {
    "any_time": r"吵|噪音|噪声|声音(太|很|特别|过|老|贼|超|巨|好)?大|音乐|音响|喇叭|施工|装修|打桩"
                r"|砸墙|电钻|拖椅子|堵(住|着|了|在|得)|门铃|恶作剧"
                r"|挡(住|着)|占(了|道|用|着)|停在|乱停|挪车|不挪|睡不着|不舒服|烦人|烦死|扰民|油烟"
                r"|小广告|摆摊|鞭炮|(狗|猫)[^,;:。!?\n]{0,4}叫|划拳|广场舞|促销|推销"
                r"|loud|music|noise|parked|blocking",
    "unless_now": r"烟味|垃圾|烟蒂|菸蒂|传单|\b(hen|tai|te bie) (chao|xiang)\b|zao yin"
                  r"|la ji|luan ting|noisy|noise|smoking|litter|mess\b",
}
# A danger that nearly happened (差点, 幸亏): told past (the stop-payment reason asks it too).
NEAR_MISS = r"差(一)?点|险些|幸好|幸亏|好在|多亏"
# Not told of the writer: someone else stopped (被保安拦住了) ends a danger, the writer stopped
# by someone (我在车库被人拦住了) is one.
_NOT_OF_WRITER = "".join(rf"(?<![我俺][^,;:。!?\n]{{{i}}})" for i in range(9))
# The "now" markers below that tell a moment just past (刚才, 将才, 啱啱): a danger told with
# one that the alarm reads as over happened minutes ago (classifier.opinion).
JUST_DONE = r"刚(又|才)?|刚刚|就在刚才|方才|将才|才刚|头先|啱啱"
MARKERS: dict[str, str] = {
    "hypothetical": r"测试|试试(看)?|试一下|忽略就行|开个玩笑|just (testing|checking)"
                    r"|not an emergency|just kidding|\b(i'?m )?(just )?(kidding|joking)\b"
                    r"|\btest(ing)?\b|如果|假如|假设|假使|要是|若是|倘若|万一|一旦|(?<!说|讲"
                    r"|骂)的话|设想|比方说|比如说",
    # 听…说 is what someone told (听邻居说); 听到…喊说 is a cry heard (`crime`'s plea_heard).
    "hearsay": r"王者荣耀|模拟人生|密室逃脱|恐怖片|纪录片|网文|扮演|道具|剧团|一出戏|排戏"
               r"|你们(发|拍|推送)的|公众号(上|里)|那篇|朋友圈(里)?(疯传|转发|有人说)|头条上"
               r"|(朋友圈|群里|抖音|快手|微博|小红书)(里|上)?[^,;:。!?\n]{0,3}(看到|看见|刷到)"
               r"|刷到|评论(里|区)|视频(上|里)?说|听说|听讲|系唔系真|听人说|听(?!我)[^,;:。!?\n]{1,8}(?<![喊叫])说(?!话)|据说"
               r"|据报道|新闻|报道|通报|公告|通告|网传|网上(说|传|看到|都在说)|传言|谣言|辟谣"
               r"|是真的吗|真的假的|是不是真的|有没有这回事|看到(新闻|视频|消息|报道)"
               r"|我看没有|没看到有|是假的|不是真的|电视(上|里)|电影|电视剧|剧里|小说|故事里"
               r"|游戏里(?!认识|加的|的朋友|的网友)"
               r"|梦(见|到|里)|做梦|拍戏|拍电影|剧本|演习|演练|模拟|彩排|小品|视频里(那个|的)"
               r"|(悬疑|恐怖|警匪|犯罪|刑侦|谍战|古装|短)剧|看(一)?(个|部|集)[^,;:。!?\n]{0,4}(剧|片)",
    "topic": r"讲座|宣传|安全培训|消防培训|培训会|知识|普法|安全课|法治课|安全教育|法制教育"
             r"|教育活动"
             r"|宣讲|科普|主题|海报|手册|标语|课件|防范|预防|防溺水|防拐|自救|逃生演练|安全提示"
             r"|温馨提示|提醒大家|注意安全|防(走失|走丢|拐|溺水|骗|诈|盗(?!门|窗|网|锁)|火(?!门|墙|通道"
             r"|卷帘))",
    "habitual": HABIT["repeated"] + "|" + HABIT["period"] + r"|\bsometimes\b|\boften\b"
                 r"|from time to time|now and then|every so often",
    # 上回 is "last time", not the 上 of 晚上, 路上, 马上 before 回家 (晚上回家被人堵在楼道里).
    "past": r"上个?月|上周|上个?礼拜|上个?星期"
            r"|(?<![早晚路马楼身街车手网班床地天山墙桌台线海会世头脸北])上回|上次|昨天|昨晚|昨日|昨儿|夜来|前天|前晚|前儿"
            r"|去年|年时|前年|那年|前(几|两|些|一|三)(天|年|个月|周|日子)|前阵子|前段时间|那天"
            r"|那次|那回|那晚|那时|当时|之前(?!的)|以前(?!的)|曾经|从前|小时候|早些年|(?<![^\s,;:。!?])后来"
            r"|事后|过后"
            r"|上学期|(?<!今年)(夏天|冬天|春天|秋天|暑假|寒假)(的时候|里|那会)?"
            r"|上半年|年初|我报的|报的那个|之前报|(报警|报案|出警)的时候|等(警察|民警|你们)来"
            r"|出警(太|很)?慢|" + _NUM + r"(天|周|个?星期|个?礼拜|个?月|年)(前|以前|之前)"
            r"|\d{4}年|\d{1,2}月\d{1,2}(日|号)|(发生|出现|遇到|碰到|遭遇|经历|有|闹|出|遭)过"
            # a time of the writer's life (年轻的时候, 上学那会, 二十岁那年), a harm lived
            # through (摔下来过, 被人捅过一刀): told with what it left (到现在还疼)
            r"|年轻(的)?(时候|时|那会)|当年|(上学|读书|念书|上大学|上中学|上小学)(的)?(时候|那会)"
            # a school age named (大学时候, 高中那会), a harm lived through a number of times
            # (割腕过一次, 进过两回医院)
            r"|(大学|高中|初中|中学|小学|中专|大专|读研)(的)?(时候|那会|那几年|期间)"
            r"|(?<=[\u4e00-\u9fff])过(一|两|三|几|好几)(次|回)"
            r"|" + _NUM + r"岁(那年|的时候|时)|(下来|下去|进去|上去)过"
            r"|(被|让)[^,;:。!?\n]{0,8}(打|捅|砍|咬|骗|抢|偷|砸|撞|烫|烧|扎|刺|轧)过"
            r"|" + NEAR_MISS + r"|已经有" + _NUM + r"(个)?(人|家|户|起)",
    "aftermath": r"(已经|都)(关好|修好|拉上来|救上来|控制住|拦住|劝住|在那|到了)|原来是"
                 # family come for the child, the child at the station, a spell passed after rest
                 r"|(妈妈|爸爸|家长|家人|家里人|他妈|她妈|他爸|她爸)[^,;:。!?\n]{0,4}(找过来了|找来了"
                 r"|接走了|领走了)|已经在派出所|(歇|缓|休息|躺|坐)了?(一会儿?|一下|片刻)(就)?(好了"
                 r"|缓过来了|好多了)"
                 # a flood gone down, the stalled car towed away
                 r"|水\s?(已经|都|也)?\s?退(了|下去了)|(车|车子)\s?(也|已经|都)?\s?(被)?拖走了"
                 r"|结果(他|她|是|在)|没(受|大)伤|没撞着|应该没(啥|什么)?(大)?事|没什么大碍"
                 r"|好多了|现在安静了|自己(爬起来|散了|走了)|人都走了"
                 r"|(已经|都|早|现在|人)(都)?(散了|散开了|走光了|停手了)|" + _NOT_OF_WRITER
                 + r"(被|让).{0,6}(拦住|劝住|赶走|撵走|轰走)了"
                 # the writer's companion drove the other off (跟踪我的人被我男朋友赶走了)
                 r"|(?<![我俺])(被|让)(我|俺)(的)?[^,;:。!?\n我俺]{1,5}(拦住|劝住|赶走|撵走|轰走)了"
                 r"|我没(理|给|转|交|信|念|告诉|发|点|扫|按)|直接挂了|(他|她|对方)(就)?挂了|没(有)?下文|一听就(知道|是)|钱没转|"
                 r"已经(被)?(抓|控制|带走|送医|送到医院|送去医院|扑灭|灭了|找到|找回|处理|解决|调解"
                 r"|立案|出警|离开)|早(就)?跑了"
                 r"|火(已经)?(被)?(灭|扑灭)了|(扑灭|浇灭|拉开|劝开|制止)了|找到了|找回来了|平安(回"
                 r"|到)"
                 r"|(嫌疑人|凶手|小偷|骗子|坏人)(已经)?(被)?(抓到|抓住|逮到|落网)|(对方|肇事者|那人"
                 r"|他)(已经)?"
                 r"(开车)?跑了|(被)?(救|捞)(上来|起来)了|抢救过来|脱离(了)?危险|(案子"
                 r"|案)(已经)?破(了|案)"
                 r"|找回(了|来)|帮(我|俺)?(们)?找到|已(经)?找到|平安(回家|回来)|送回(家|来)了"
                 r"|没事了|虚惊一场|报过警|报警后|出警后|警察来了|民警来了|赔(了|偿|钱)|调解|验伤"
                 r"|鉴定|判(了|决)|拘留了|没破案|没抓到|至今(未|没)(?!(有)?(找|回|归|联系|到|醒|见))|一直没(处理|结果|人管|抓到|破)"
                 r"|(?<!可能)(?<!怕)(?<!是不是)被骗了|发现(是)?(骗|假)|上当(了|受骗)|才知道(是)?(被)?骗|抓到(没|了吗)|抓住(没"
                 r"|了吗)|查清"
                 r"|责任认定|处理结果|结果(出来|怎么样)|有(结果|进展|消息)(了)?吗|挂了电话"
                 r"|(?<!还)没(有)?(转|上当|给他|理他|理会)|拉黑|识破|被.{0,4}(抓|逮)(住|到)了",
    "now": r"刚(又|才)?(?=付|转|充|交|打|吞|吃|喝|被|摔|撞|跑|走|出|掉|发|说)|现在|此刻|此时|这会儿"
           r"|而家|宜家|依家|头先|啱啱"
           r"|这会|眼下|刚才|刚刚|就在刚才|方才|将才|才刚|马上|立刻|赶紧|赶快"
           r"|快点|快来|快过来|速来|快派|急急急|在线等|还在|仍在|依然在|仍然在"
           r"|还没(找到|找着|回来|回家|到家|灭|醒|出来|停|走|接)|到现在(还|都)?(没|不)"
           r"|至今(还|都)?(未|没)(有)?(找到|找着|回|归|联系上|到家|醒|见)"
           r"|一直(没|不)(回|醒|接|找到|出来|应)|越来越(大|多|近|浓|重)|没人(应|开门|接|答应|回应)"
           r"|人还在|还(躺|趴|倒|卡|压|困)(着|在)|要不要(继续|付|转|给|交|点|输|借)|到底听谁的"
           r"|right now|\bnow\b|hurry|please come",
    "progressive": r"正在|正(?=[打砸烧冒漏追跟拿往撬抢转捅砍闹])|在(?=(打|砸|烧|冒|撬|抢|捅|砍|追"
                   r"|跟踪|转账|冒烟))",
    # Today or this time (今天, 这次): no "now" of its own (今天早上发现门被撬了 is found
    # done), but a day of its own that an earlier clause's habit, past or "if" does not reach.
    "today": r"今天|今晚|今早|今夜|今日|今儿|今个|这次|这回|这一次|这一回|\btoday\b|\btonight\b"
             r"|this time",
    "question": r"应该先|先做什么|要不要(?!命)|正规.{0,6}吗|能信吗|有用吗|谁负责|怎么(操作|举报"
                r"|止血|护住)|该叫|第一时间找谁|(?<!什么)(情况|时候)(应该|该)"
                r"|(遇到|碰到|遇上|发生|看到|发现)[^。!?]{0,15}(怎么办|咋办|怎么处理|该怎么|应该"
                r"|如何|怎么做"
                r"|该(往|去|怎么|咋|如何)|往哪(跑|躲))|算不算|什么情况(下)?|哪些情况"
            r"|应该(先)?(怎么|如何|打什么|找谁|打哪个)|怎么(防|预防|防范|避免|应对|自救|逃生|识别"
            r"|判断)"
            r"|如何(防|预防|防范|避免|应对|自救|逃生|识别|判断)|(的时候|时)(应该|该|要)(怎么|先)"
            r"|需要注意(什么|哪些)|有什么(办法|技巧|注意)|能(不能)?报警吗|可以报警吗|算(不算)?(犯罪"
            r"|违法|诈骗)"
            r"|犯法吗|违法吗|判(几年|多久)|怎么判|负(什么)?(法律)?责任|正当防卫|是什么(意思|罪)"
            r"|属于什么"
            r"|怎么[^,;:。!?\n]{0,8}(登记|办理|申请|报备|备案|预约|补办)|(怎么|如何)(给"
            r"|帮)[^,;:。!?\n]{0,6}办"
            r"|怎么(登记|办理|申请|报备|备案|查询|预约|补办|挂失|起诉|索赔|维权|离婚)|需要(什么"
            r"|哪些)"
            r"|去哪(里|儿)?(登记|办理|报)|在哪(里|儿)?(登记|办理)|(什么|哪些)(流程|手续)|可以(申请"
            r"|办理|起诉|索赔)"
            r"|能(不能)?(申请|起诉|索赔|办理)|保护令|取证|证据|怎么留"
            r"|\bif\b|what should|how (do|can|should|to)|in case|(?<!know )what to do|\bcan i\b"
            r"|\bmay i\b"
            r"|do (we|i) need|is it (legal|allowed|ok)|(要|需要|该|用|得)(不要)?报警吗|要不要报警"
            r"|该不该报警"
            r"|私了|还是报(案|警)|咨询|询问|如何申诉|怎么申诉|承担(什么)?(法律)?责任"
            r"|(谁|哪个)(来)?(负责|出钱)|能当[^,;:。!?\n]{0,8}吗|还能(上|办|补|用|领|开|报)|就能走吗"
            r"|开(个|张|一个)?证明|what number|which number|who pays",
    "hazard": r"隐患|风险|容易|可能(会|发生|引发|导致|造成)|有可能|随时(可能|会)|防止|避免|以免"
            r"|担心|害怕会|怕会|(害怕|生怕|就怕|怕)(?=[^,;:。!?\n]{0,4}(着火|起火|出事|爆炸))"
            r"|恐怕|迟早|早晚|总有一天|会不会|再不.{0,10}就|否则|不然|存在",
}
ENGLISH_PAST = (r"yesterday|last (night|week|month|year|time|winter|summer|spring|autumn|fall)"
                r"|(days?|weeks?|months?|years?) ago|when i was (a kid|young|little|a student)"
                r"|used to|\bhad an? (fight|argument|row)\b|\bearlier\b"
                r"|\b(was|were|got) (robbed|stolen|attacked|hit|mugged|stabbed|beaten|burgled"
                r"|followed|kidnapped|shot|on fire|burning|in an? (accident|crash|fight))\b")
ENGLISH_HEARSAY = (r"\bnews\b|\bheard\b|\bmovie\b|\bfilm\b|\bgame\b|\bdream|\bplay\b|\bdrama\b"
                   r"|\bscene\b|rehearsal|\bdrill\b|\bnovel\b|\bstory\b|\bnightmare|\bcartoon"
                   r"|\banime\b|\bepisode\b|\bseries\b|tv show|\bcomic\b|\bbook\b")
# An English danger told in the present (is on fire, are fighting, is still trapped): now.
ENGLISH_NOW = (r"\b(is|are|am|'s|'re|'m) (still )?(trapped|stuck|bleeding|burning|on fire"
               r"|not breathing|not responding|unresponsive|unconscious|drowning|choking|lying"
               r"|fighting|chasing|following"
               r"|hitting|beating|attacking|breaking|trying|inside)\b")
# An English outcome told after the danger: over, calm, nobody hurt, the culprit gone.
ENGLISH_AFTERMATH = (r"\b(it'?s|it is|it was|all) over\b|calm(ed)? down|\bcalm now|\ball good\b"
                     r"|(everyone|everybody)('s| is| was| are) (fine|ok|okay|safe|alright)"
                     r"|(nobody|no one) (got |was )?(hurt|injured)|put (it|the fire) out"
                     r"|(already|have|has) (left|gone|run off|been caught|been arrested)"
                     r"|false alarm|turn(s|ed) out|under control|seems controlled")
# English words of a question or a case imagined (what if…, suppose…), and of a joke.
ENGLISH_HYPOTHETICAL = (r"what if|\bsuppos(e|ing)\b|imagine (if|that)|hypothetical|let'?s say"
                        r"|\blol\b|\blmao\b|\bhaha+\b|\bjk\b")
