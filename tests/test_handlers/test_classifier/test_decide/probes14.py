"""Sixty messages written for issue 14's wrong acts (stop 31, intent14) before any change:
every intent, plain words, dialect, typos, pinyin, traditional characters, English and two
letters with titles. (label, register, text)."""

from __future__ import annotations

PROBES: list[tuple[str, str, str]] = [
    # complaints
    ("complaint", "plain", "楼下烧烤摊每天晚上搞到两点，油烟全往我家窗户里灌，说了好几次都不听"),
    ("complaint", "dialect", "俺们村口那个废品站天天半夜拉货，吵得人睡不着觉，恁管管吧"),
    ("complaint", "letter",
     "关于小区周边夜间噪音扰民问题的反映\n尊敬的领导：我们是幸福里小区的业主。"
     "自今年九月以来，小区南侧新开了一家酒吧，每天晚上营业到凌晨三四点，音响声音极大，还经常有"
     "醉酒人员"
     "在门口大声喧哗、乱扔酒瓶。小区里有很多老人和正在备考的学生，长期休息不好，苦不堪言。我们"
     "多次拨打"
     "热线，也找过物业，但情况一直没有改善。恳请有关部门依法查处，还居民一个安静的夜晚。"),
    ("complaint", "plain", "有个人在微信群里卖假烟，价格便宜的离谱，我截图了"),
    ("complaint", "pinyin", "wo jia lou xia de ka la ok mei tian chao dao ban ye"),
    ("complaint", "traditional", "隔壁鄰居養的狗天天亂叫，還咬傷過小孩，物業不管"),
    ("complaint", "traditional", "我的電動車電瓶昨晚在車棚被人偷了"),
    ("complaint", "plain", "上周打电话给派出所反映情况，接电话的民警态度特别差，直接挂我电话"),
    ("complaint", "english",
     "someone keeps parking his truck in front of our 消防通道, 物业 doesn't care"),
    ("complaint", "plain", "网上买的二手手机，钱转过去了卖家就把我拉黑了，一千二"),
    # consultations
    ("consult", "dialect", "外地人在这边办居住证要带啥材料"),
    ("consult", "plain", "驾照丢了是去车管所补还是派出所"),
    ("consult", "plain", "请问开无犯罪记录证明需要本人去吗，能不能委托家里人"),
    ("consult", "letter",
     "关于新生儿落户办理时限的咨询\n尊敬的派出所领导：您好！我是本市东城区居民，今年"
     "三月份孩子在市妇幼保健院出生，因为我和爱人户口不在一个地方，一直没有弄明白孩子户口应该落"
     "在哪一方"
     "名下。听说超过一定期限再去办理会比较麻烦，想请问新生儿落户有没有时间上的限制，父母双方户"
     "口不在一起"
     "的情况下需要准备哪些材料，是否需要双方都到场。盼复，谢谢！"),
    ("consult", "typo", "身份証過期了可以先辦臨時的嗎"),
    ("consult", "pinyin", "zhu zhi zheng ming zai na li ban"),
    ("consult", "dialect", "俺想问问迁户口得多长时间能办下来"),
    ("consult", "english", "How can a foreigner register temporary residence here? 需要去派出所吗"),
    ("consult", "plain", "东城派出所户籍窗口中午休息不"),
    ("consult", "plain", "在网上被骗了，报案需要提供哪些截图和证据"),
    # bookings
    ("appointment", "plain", "想约个时间去办身份证，下周三上午可以吗"),
    ("appointment", "plain", "帮我约一下这周五下午补办户口本"),
    ("appointment", "dialect", "俺想请社区民警来家里一趟，俺娘腿脚不方便办不了证"),
    ("appointment", "plain", "我们小区想请派出所来讲一次防诈骗，能安排个时间吗"),
    ("appointment", "pinyin", "yu yue xia zhou er shang wu ban ju zhu zheng"),
    ("appointment", "traditional", "預約明天上午辦理戶口遷移"),
    ("appointment", "plain", "我要报名参加下个月的警民恳谈会"),
    ("appointment", "english", "can I book a slot to renew my ID card next monday"),
    # feedback
    ("feedback", "plain", "建议在学校门口上下学的时候多安排个辅警，车太多了"),
    ("feedback", "plain", "昨天王警官帮我找回了钱包，太感谢了，给你们点赞"),
    ("feedback", "plain", "希望派出所的办事大厅能多放几把椅子，老人排队站不住"),
    ("feedback", "dialect", "恁们这个公众号做的不孬，办事方便多了"),
    ("feedback", "traditional", "办事窗口的小姑娘很耐心，服務態度很好"),
    ("feedback", "plain", "建议公众号上加个查询进度的按钮，现在找半天找不到"),
    ("feedback", "pinyin", "ni men de fu wu tai hao le, xie xie min jing"),
    ("feedback", "english", "the officer at the front desk was really helpful today, 谢谢"),
    # status
    ("status", "plain", "我上个礼拜投诉的噪音问题有人处理了没有"),
    ("status", "plain", "前天报的电动车被偷那个案子有进展吗"),
    ("status", "dialect", "俺那个预约办上了没，咋一直没信儿"),
    ("status", "plain", "我举报的那个赌博窝点查了吗，怎么没人给我回个话"),
    ("status", "pinyin", "wo de gong dan chu li de zen me yang le"),
    ("status", "plain", "之前反映的事情到哪一步了"),
    ("status", "traditional", "我的工單現在什麼狀態"),
    ("status", "english", "any update on my report from last week?"),
    # other
    ("other", "plain", "今天降温了，出门记得穿厚点"),
    ("other", "plain", "哈哈哈哈你是机器人吧"),
    ("other", "plain", "在吗"),
    ("other", "plain", "晚上吃啥好呢"),
    ("other", "offtopic", "帮我查一下明天的火车票"),
    ("other", "plain", "测试一下"),
    ("other", "plain", "好的收到，谢谢"),
    ("other", "plain", "给我讲个笑话"),
    ("other", "offtopic", "周末去哪里玩比较好"),
    ("other", "pinyin", "ni hao a"),
    ("other", "english", "good morning"),
    ("other", "offtopic", "这个歌叫什么名字"),
    # emergencies
    ("emergency", "plain", "有人拿着刀在菜市场追着砍人，快来"),
    ("emergency", "dialect", "俺家隔壁冒黑烟了，敲门没人应"),
    ("emergency", "plain", "我爸突然倒地不省人事了"),
    ("emergency", "plain", "对方说我涉嫌洗钱，让我把钱转到安全账户，我正在转"),
]
