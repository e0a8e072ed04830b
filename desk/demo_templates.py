"""What the demo station's residents bring: matters per category, with plausible wording.

Invented examples for demonstration only; the proportions follow the station's description
(old brick-and-wood housing, an ageing population, bars in lane 550 and the 22:00 rule).
"""

from __future__ import annotations

# Roads around the station (real street names; lane and house numbers in the demo are invented,
# except the station's own 陕西南路550弄).
ROADS = ["陕西南路", "嘉善路", "永嘉路", "建国西路", "复兴中路", "襄阳南路", "南昌路", "绍兴路"]

# Sample areas added by the demo beside the real Shaanxi residential area (code, 中文, English).
DEMO_AREAS = [
    ("DA", "示例居民区甲", "Sample area A"),
    ("DB", "示例居民区乙", "Sample area B"),
    ("DC", "示例居民区丙", "Sample area C"),
]

DEMO_STAFF = [
    # username, display name, role
    ("admin", "系统管理员", "admin"),
    ("chenjing", "陈静", "supervisor"),
    ("wangli", "王丽", "clerk"),
    ("liming", "李明", "clerk"),
]
DEMO_PASSWORD = "demo-2026"

# category code: (weight, kinds, summaries, answer-at-desk share, answers, night share)
# "night share" is the part arriving by phone after 22:00 (the lane rule makes the hour matter).
TEMPLATES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...], float, tuple[str, ...], float]] = {
    "HOUSE-LEAK": (9, ("help", "complaint"), (
        "楼上卫生间漏水，天花板渗水", "公用厨房水管漏水", "屋顶漏雨，墙面发霉", "外墙渗水，房间潮湿",
        "楼道水管爆裂", "雨天阳台积水漏到楼下"), 0.0, (), 0.0),
    "HOUSE-SHARED": (7, ("help", "complaint", "suggestion"), (
        "煤卫合用厨房灶台损坏", "合用卫生间下水道堵塞", "公用厨房排风扇坏了", "合用厨房电线老化，担心安全",
        "几户人家对公用厨房清扫有矛盾"), 0.0, (), 0.0),
    "HOUSE-STAIR": (5, ("help",), (
        "楼道灯不亮", "楼梯扶手松动", "楼道堆物影响通行", "单元门门禁坏了", "信报箱损坏"), 0.0, (), 0.0),
    "ENV-RUBBISH": (7, ("complaint", "help"), (
        "弄堂口垃圾没有及时清运", "餐饮店把垃圾堆在弄堂里", "垃圾箱房异味大", "大件垃圾堆放多日无人清理",
        "湿垃圾桶破损"), 0.0, (), 0.0),
    "ENV-GREEN": (3, ("help", "suggestion"), (
        "树枝伸进窗户需要修剪", "绿化带杂草太多", "建议在弄堂口种些花草"), 0.0, (), 0.0),
    "NOISE-BAR": (8, ("complaint",), (
        "酒吧深夜音乐声太大", "夜里有人在店门口喧哗", "餐厅后厨排风机噪音扰民", "酒吧客人深夜在弄堂里大声说话"),
        0.0, (), 0.8),
    "NOISE-SEAT": (5, ("complaint",), (
        "22点以后外摆座位还没收", "店家外摆占用人行道", "夜里外摆桌椅旁聚集喝酒"), 0.0, (), 0.85),
    "NOISE-RENO": (3, ("complaint",), (
        "邻居装修中午也在敲打", "周末一早装修电钻噪音", "装修垃圾堆在楼道"), 0.0, (), 0.1),
    "ELDER-MEAL": (5, ("service", "consult"), (
        "老人想申请助餐送餐", "助餐点菜品太咸", "咨询老年人助餐补贴"), 0.5, (
        "已告知助餐申请流程和补贴标准，可在食堂窗口登记", "已登记送餐需求，食堂明天起送餐"), 0.0),
    "ELDER-CARE": (5, ("help", "consult"), (
        "独居老人需要上门看望", "咨询长护险申请", "老人行动不便需要助浴服务", "想给父母申请居家养老服务"),
        0.4, ("已讲解长护险申请材料和流程", "已介绍居家养老服务项目并留下联系方式"), 0.0),
    "STATION-CANTEEN": (7, ("consult", "suggestion", "praise"), (
        "屋里厢食堂早餐几点开门", "四大金刚早餐套餐还有没有", "建议食堂增加清淡菜品", "食堂午餐很好吃，表扬师傅",
        "咨询食堂能否代订生日面"), 0.85, (
        "早餐 7:00 开始供应，四大金刚套餐每天都有", "已记录建议并转告食堂", "已转达表扬"), 0.0),
    "STATION-HOMEWORK": (4, ("consult", "signup"), (
        "咨询晚托班报名", "孩子放学后能不能在食堂写作业", "晚托班几点结束"), 0.8, (
        "已登记晚托报名，开学后第一周开始", "晚托在食堂进行，每天 16:00 到 18:30"), 0.0),
    "STATION-ROOF": (3, ("consult", "signup"), (
        "想认养乘风凉露台的一块绿地", "咨询露台园艺培训时间", "露台露天剧场什么时候演出"), 0.8, (
        "已登记认养意向，下周统一分配", "园艺培训每周六上午在露台进行"), 0.0),
    "STATION-HONGYUN": (3, ("consult", "signup"), (
        "咨询红蕴共享家活动", "快递小哥想在共享家休息充电", "白领想预约午间活动场地"), 0.8, (
        "共享家全天开放，可休息、充电、喝水", "已登记场地预约"), 0.0),
    "EVENT-FOOD": (4, ("signup", "consult"), (
        "报名参加邻里美食节", "商户想报名美食节摊位", "咨询美食节时间地点"), 0.9, (
        "已登记报名，活动前一周电话通知", "美食节在 550 弄举行，具体时间另行通知"), 0.0),
    "EVENT-LESSON": (2, ("signup",), ("报名午间微党课", "单位集体报名微党课"), 0.9, ("已登记报名",), 0.0),
    "AFFAIRS": (6, ("consult", "service"), (
        "咨询居住证办理", "咨询老年卡办理", "开具居住证明", "咨询医保报销材料", "咨询生育登记"), 0.75, (
        "已告知所需材料，可到社区事务受理服务中心办理", "已一次性告知办理流程和材料清单"), 0.0),
    "JOBS": (3, ("consult", "help"), (
        "咨询灵活就业社保", "外卖骑手咨询职业伤害保障", "想找附近的工作", "咨询创业补贴"), 0.6, (
        "已介绍政策并留下就业服务联系方式",), 0.0),
    "SAFETY": (2, ("help", "complaint"), (
        "电动车在楼道充电有隐患", "弄堂里有人乱停车堵住消防通道", "井盖松动"), 0.0, (), 0.3),
    "MARKET": (2, ("complaint",), ("小店商品过期", "餐饮店卫生状况差", "商家缺斤少两"), 0.0, (), 0.0),
    "HEALTH": (3, ("consult", "help"), (
        "咨询家庭医生签约", "咨询疫苗接种时间", "老人需要上门问诊"), 0.6, (
        "已告知家庭医生签约方式", "已告知社区卫生服务中心接种时间"), 0.0),
    "OTHER": (3, ("consult", "suggestion", "praise"), (
        "建议增加便民理发服务", "咨询附近停车", "表扬居委干部热心", "咨询志愿者报名"), 0.7, (
        "已记录并答复", "已转达表扬"), 0.0),
}

RETURN_REASONS = ("不属于本单位职责", "产权不明，需房管办确认", "应由物业先行处理", "地址有误，无法找到")
PEND_REASONS = ("等待居民提供材料", "需等天晴施工", "等待配件到货", "居民外出，约定下周上门")
EXTEND_REASONS = ("需协调多个部门", "施工周期较长", "需要业主大会决议")
RESULTS_SOLVED = ("已上门维修完毕", "已现场处理，居民认可", "已约谈商户，整改到位", "已清运完毕", "已协调解决")
RESULTS_UNSOLVED = ("经核实暂无法处理，已向居民解释", "涉及历史遗留问题，已上报街道")
VOID_REASONS = ("重复来电，无实际诉求", "恶意骚扰")
