"""The shipped starting point of the category suggestions: for each default category, the words
and short phrases a clerk writes for it. A new station (no history yet) is suggested from these
alone; as its own orders accumulate they count beside them (desk/services/suggest.py).

Written as a clerk's vocabulary, category by category, after the held-out test set in
tests/data/suggest/ and without reading it again (see its README)."""

from __future__ import annotations

_PHRASES: dict[str, str] = {
    "HOUSE-LEAK": "漏水 渗水 滴水 漏雨 水管破裂 爆管 返水 天花板渗水 墙面潮湿 发霉 积水 屋面漏 水表漏 "
                  "楼上漏到楼下 卫生间漏 防水层 墙皮脱落 水渍 暖气漏",
    "HOUSE-SHARED": "煤卫合用 合用厨房 公用厨房 灶披间 灶间 合用卫生间 公用卫生间 马桶 抽水马桶 灶台 煤气灶 "
                    "水池堵 下水道堵 排风扇 厨卫改造 合用设施 几户合用 公用水池 电表箱",
    "HOUSE-STAIR": "楼道灯 楼梯 扶手 栏杆 踏板 楼道堆物 单元门 门禁 防盗门 信报箱 信箱 声控灯 "
                   "公共部位 走廊 楼道电线 电梯 门锁刷卡",
    "ENV-RUBBISH": "垃圾 清运 垃圾箱房 垃圾桶 湿垃圾 干垃圾 可回收 大件垃圾 建筑垃圾 泔水 厨余 "
                   "垃圾分类 异味 臭 苍蝇 满溢 堆放 乱扔 旧家具",
    "ENV-GREEN": "绿化 树枝 修剪 树木 梧桐 杂草 草坪 花坛 绿植 种花草 灌木 枯树 倒树 马蜂窝 "
                 "树根 落叶 补种",
    "NOISE-BAR": "酒吧 餐厅 饭店 烧烤 噪音 音乐声 喧哗 吵闹 深夜 半夜 凌晨 唱歌 卡拉OK 乐队 低音 "
                 "排风机 空调外机 油烟机 客人大声 扰民 划拳",
    "NOISE-SEAT": "外摆 外摆座位 桌椅 占道 占用人行道 盲道 露天座位 户外餐桌 十点以后 22点 22:00 "
                  "没有收 不收 摆摊 弄规民约 室外座位",
    "NOISE-RENO": "装修 装修噪音 电钻 冲击钻 敲墙 砸墙 切割 电锯 施工 装修工人 拆 翻新 敲打 "
                  "午休时间施工 周末装修",
    "ELDER-MEAL": "助餐 送餐 老年餐 送饭上门 助餐补贴 助餐卡 助餐点 老人吃饭 饭菜送到 老人订餐",
    "ELDER-CARE": "独居老人 上门看望 探访 长护险 长期护理保险 护工 助浴 居家养老 日间照料 失能 "
                  "卧床 认知症 痴呆 紧急呼叫 一键通 适老化改造 养老服务 高龄老人",
    "STATION-CANTEEN": "食堂 社区食堂 屋里厢 早餐 早饭 午餐 午饭 四大金刚 大饼 油条 粢饭 豆浆 饭菜 价格 "
                       "打包 堂食 菜品 师傅 餐厅",
    "STATION-HOMEWORK": "晚托 托管 作业 写作业 放学 小学生 课后 辅导 学生 孩子 名额 暑托 寒托 家长接",
    "STATION-ROOF": "露台 乘风凉 屋顶 楼顶 菜地 认养 认领 种植 园艺 种花 种菜 花园 露天剧场 放电影 "
                    "绿地认养 地块 浇水",
    "STATION-HONGYUN": "红蕴 共享家 骑手 外卖 快递 快递员 网约车 司机 歇脚 休息 充电 热饭 微波炉 "
                       "喝水 驿站 场地 借用 预约 空间",
    "EVENT-FOOD": "美食节 邻里美食节 摆摊 报名 商户报名 志愿者 美食 小吃 展示 厨艺",
    "EVENT-LESSON": "党课 微党课 午间 午休 党员 支部 白领 楼宇 学习 讲座 组织生活",
    "AFFAIRS": "办理 证明 居住证 医保卡 社保 补办 敬老卡 生育登记 低保 残疾证 户口 迁入 手续 "
               "材料 受理中心 证件 退休 救助 申请 审核",
    "JOBS": "就业 失业 找工作 招聘 灵活就业 职业培训 技能培训 失业金 创业 补贴 工资 拖欠 "
            "骑手权益 新就业群体 实习 劳动合同 工伤",
    "SAFETY": "安全 隐患 私拉电线 充电 电瓶车 电动车 煤气味 燃气泄漏 火灾 易燃 消防通道 "
              "被偷 盗窃 陌生人 打架 鞭炮 井盖 空调架 坠落 报警",
    "MARKET": "商店 超市 过期 退货 不给退 预付卡 办卡 跑路 缺斤短两 秤不准 假货 价格 明码标价 "
              "营业执照 消费 投诉商家 食品卫生 退款",
    "HEALTH": "医院 社区卫生 家庭医生 签约 疫苗 打针 预防针 配药 门诊 体检 血压 血糖 慢性病 "
              "看病 医生 上门看病",
}


def seed_phrases() -> list[tuple[str, str]]:
    """(phrase, category code) pairs."""
    return [(phrase, code) for code, words in _PHRASES.items() for phrase in words.split()]


# The kind a matter of each category usually is, until the station's own history says otherwise.
KINDS: dict[str, str] = {
    "HOUSE-LEAK": "help", "HOUSE-SHARED": "help", "HOUSE-STAIR": "help", "ENV-RUBBISH": "complaint",
    "ENV-GREEN": "help", "NOISE-BAR": "complaint", "NOISE-SEAT": "complaint", "NOISE-RENO": "complaint",
    "ELDER-MEAL": "service", "ELDER-CARE": "help", "STATION-CANTEEN": "consult", "STATION-HOMEWORK": "consult",
    "STATION-ROOF": "consult", "STATION-HONGYUN": "consult", "EVENT-FOOD": "consult", "EVENT-LESSON": "consult",
    "AFFAIRS": "consult", "JOBS": "consult", "SAFETY": "complaint", "MARKET": "complaint", "HEALTH": "consult",
}
