"""Held-out wording for the recurring-problem evaluation (benchmarks/pulse_eval.py).

Written before the detector was tuned and never used to tune it: the detector's thresholds were
set on the demo's stories (desk/demo_stories.py), whose phrases are different. Each problem
type lists its category codes (the usual one first, then ones a clerk might pick instead) and
phrase parts combined at random: what, when or how it shows, and what the resident asks.
"""

# type: (categories with weights, openings, complaints, asks, night share, season months or ())
PROBLEMS = {
    "nightlife": (
        (("NOISE-BAR", 0.75), ("NOISE-SEAT", 0.15), ("OTHER", 0.10)),
        ("弄堂里那几家小酒馆", "楼下的清吧", "隔壁烧烤店", "巷子里的餐吧", "沿街酒馆"),
        ("一到晚上就放很响的歌", "客人喝多了在门口吵闹", "半夜还有人划拳喝酒", "凌晨一两点还在营业喧哗",
         "外面摆的桌子坐满了人大声聊天", "音响低音震得窗户嗡嗡响"),
        ("老人孩子都睡不好", "请管一管", "希望尽快整治", "已经不是第一次反映了", ""),
        0.75, (5, 6, 7, 8, 9)),
    "kitchen_leak": (
        (("HOUSE-LEAK", 0.7), ("HOUSE-SHARED", 0.3)),
        ("我们这栋老房子的合用灶间", "公共灶披间", "几家合用的厨房", "底楼共用厨房"),
        ("一下雨天花板就往下滴水", "水斗下面的管子渗漏", "墙角一直湿漉漉长霉", "屋顶漏下来的雨水积在地上",
         "楼上合用间的水渗到我们这边"),
        ("请派人来修", "东西都泡坏了", "地上滑怕老人摔倒", ""),
        0.0, (6, 7)),
    "rubbish_point": (
        (("ENV-RUBBISH", 0.85), ("ENV-GREEN", 0.05), ("OTHER", 0.10)),
        ("弄口那个垃圾堆放点", "门口的垃圾桶站", "巷子转角的垃圾房", "小区入口垃圾点"),
        ("又堆满了没人运走", "臭味熏得不敢开窗", "苍蝇蚊子特别多", "纸箱泡沫箱堆成小山", "垃圾袋散了一地"),
        ("上次说清掉了现在又这样", "能不能每天多运一次", "请环卫来看看", ""),
        0.0, ()),
    "ebike_corridor": (
        (("SAFETY", 0.8), ("HOUSE-STAIR", 0.2)),
        ("楼道里", "一楼过道", "单元门口", "楼梯拐角"),
        ("有人把电瓶车推进来充电", "飞线给电动车充电", "停满了电动自行车还在充电", "电池放在楼梯下面充电"),
        ("万一着火跑都跑不掉", "太危险了请处理", "说了几次不听", ""),
        0.3, ()),
    "square_dance": (
        (("NOISE-RENO", 0.3), ("OTHER", 0.5), ("ENV-GREEN", 0.2)),
        ("小花园里跳舞的阿姨们", "绿地上的广场舞队", "空地上健身操的音箱"),
        ("早上六点就开始放音乐", "音量开得特别大", "傍晚一跳就是两个小时"),
        ("影响休息", "能不能调小一点", "希望协调一下时间", ""),
        0.0, ()),
    "own_leak_repeat": (  # one resident, again and again
        (("HOUSE-LEAK", 0.8), ("HOUSE-STAIR", 0.2)),
        ("我家卫生间顶上", "我家厨房吊顶", "我房间的墙"),
        ("楼上的水又渗下来了", "还是在漏", "修过以后又开始滴水"),
        ("第几次了还没修好", "请再派人看看", "这次一定要彻底解决", ""),
        0.0, ()),
}
