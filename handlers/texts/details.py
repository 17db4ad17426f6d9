"""The questions of a complaint's details dialog (where, when, phone, photos) and what is
said about their answers."""

TEXTS: dict[str, str] = {
    "ask_where": "请问事情发生的具体地点在哪里？（如：古楼街道某小区某号楼）",
    "ask_where_said": (
        "您说的“{place}”在哪个街道或小区？告诉我们可以更快转给所属派出所。"
        "（如：古楼街道某小区某号楼；说不清请回复“不清楚”）"
    ),
    "ask_where_conduct": (
        "请问是哪个派出所、哪个窗口或哪位民警？（如：古楼派出所户籍窗口；说不清请回复“不清楚”）"
    ),
    "ask_where_online": (
        "网上或电话里发生的事由您居住地的派出所受理。请问您住在哪个街道、哪个小区？"
        "（如：古楼街道某小区）"
    ),
    "place_invalid": "请告诉我们事情发生的地点，如“古楼街道某小区3号楼”。",
    # "这个还要说地址吗？" where the place is asked: why it is asked, then the question again.
    "place_why": (
        "地点用来把事情转给所属派出所，民警也要据此到现场处理。说个大概就行，如附近的小区、路口或商店名称。"
    ),
    # "无" or "不知道" where the place is asked: once more, with what helps.
    "place_unknown": (
        "地点能帮民警尽快找到并处理。说个大概就行：附近的小区、路口、商店或单位名称；"
        "也可以点“＋”→“位置”发送位置。实在说不清，请再回复一次“不清楚”。"
    ),
    "place_not_told": "群众说不清",
    "ask_when": "请问事情发生在什么时间？（如：每天晚上10点以后、今天下午3点）",
    "ask_phone": "请留下您的联系电话（手机号），方便民警回访。",
    "ask_photos": "如有照片、视频或语音，可以直接发送；发送完或没有请回复“无”。",
    # An account taken over to borrow money in the resident's name (intents.complaints.hijack).
    "complaint_account_hijacked": (
        "骗子盗号后常冒充机主向亲友借钱。请马上用电话、短信等其他方式告诉亲友：您的账号被盗，"
        "不要转账；并在微信、QQ等的“安全中心”冻结账号后找回。已经有人转了钱的，"
        "请立即拨打110或96110（反诈专线）申请紧急止付。"
    ),
}
