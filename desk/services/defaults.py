"""Reference data a new desk starts with, for the Shaanxi residential area station.

Facts come from the station's own description (three grids of Tianping subdistrict, the
Shaanxi residential area, the station's services). Deadlines and default departments are
sensible starting points, not official figures: every row is editable in Settings.
"""

from __future__ import annotations

# (code, 中文, English)
GRIDS = [
    ("KP", "康平网格", "Kangping grid"),
    ("WT", "梧桐网格", "Wutong grid"),
    ("JL", "嘉澜网格", "Jialan grid"),
]

# (code, 中文, English, grid code)
AREAS = [
    ("SX", "陕西居民区", "Shaanxi residential area", "JL"),
]

# (code, 中文, English)
DEPARTMENTS = [
    ("JWH", "居民区党总支/居委会", "Residents' committee"),
    ("WY", "物业服务企业", "Property management"),
    ("CG", "城管执法中队", "Urban management"),
    ("SL", "社区事务受理服务中心", "Community affairs acceptance centre"),
    ("FG", "房管办", "Housing office"),
    ("SJ", "市场监管所", "Market supervision"),
    ("WS", "社区卫生服务中心", "Community health centre"),
    ("YL", "为老服务中心", "Elderly care"),
    ("JY", "社区就业服务", "Employment service"),
    ("PCS", "派出所/社区民警", "Police"),
    ("ST", "屋里厢社区食堂", "Community canteen"),
    ("DW", "嘉澜网格党委", "Grid party committee"),
]

# (code, parent code or None, 中文, English, default department, accept limit, resolve limit)
CATEGORIES = [
    ("HOUSE", None, "房屋修缮", "Housing repairs", "FG", "1d", "15d"),
    ("HOUSE-LEAK", "HOUSE", "漏水渗水", "Leaks and damp", "WY", "1d", "5d"),
    ("HOUSE-SHARED", "HOUSE", "煤卫合用设施", "Shared kitchens and toilets", "FG", "1d", "15d"),
    ("HOUSE-STAIR", "HOUSE", "楼道与公共设施", "Stairs and common parts", "WY", "1d", "5d"),
    ("ENV", None, "环境卫生", "Environment and sanitation", "WY", "1d", "5d"),
    ("ENV-RUBBISH", "ENV", "垃圾清运", "Rubbish collection", "WY", "4h", "1d"),
    ("ENV-GREEN", "ENV", "绿化养护", "Greenery", "JWH", "1d", "5d"),
    ("NOISE", None, "噪音与经营扰民", "Noise and business disturbance", "CG", "1d", "5d"),
    ("NOISE-BAR", "NOISE", "酒吧餐饮噪音", "Bar and restaurant noise", "CG", "2h", "3d"),
    ("NOISE-SEAT", "NOISE", "外摆占道（22:00后）", "Outdoor seating after 22:00", "CG", "2h", "3d"),
    ("NOISE-RENO", "NOISE", "装修噪音", "Renovation noise", "WY", "1d", "3d"),
    ("ELDER", None, "为老服务", "Elderly care", "YL", "1d", "5d"),
    ("ELDER-MEAL", "ELDER", "助餐送餐", "Meals for the elderly", "ST", "1d", "3d"),
    ("ELDER-CARE", "ELDER", "居家照护", "Home care", "YL", "1d", "5d"),
    ("STATION", None, "站点服务", "Station services", "JWH", "1d", "5d"),
    ("STATION-CANTEEN", "STATION", "社区食堂", "Community canteen", "ST", "1d", "3d"),
    ("STATION-HOMEWORK", "STATION", "晚托服务", "After-school homework desk", "JWH", "1d", "5d"),
    ("STATION-ROOF", "STATION", "乘风凉露台与绿地认养", "Roof terrace and garden plots", "JWH", "1d", "5d"),
    ("STATION-HONGYUN", "STATION", "红蕴共享家", "Hongyun shared home", "DW", "1d", "5d"),
    ("EVENT", None, "活动报名", "Events and sign-up", "JWH", "1d", "5d"),
    ("EVENT-FOOD", "EVENT", "邻里美食节", "Neighbourhood food festival", "JWH", "1d", "5d"),
    ("EVENT-LESSON", "EVENT", "午间微党课", "Lunchtime party lessons", "DW", "1d", "5d"),
    ("AFFAIRS", None, "政务办事", "Paperwork and certificates", "SL", "1d", "5d"),
    ("JOBS", None, "就业与新就业群体", "Jobs and new-employment groups", "JY", "1d", "5d"),
    ("SAFETY", None, "治安与安全隐患", "Safety hazards", "PCS", "2h", "1d"),
    ("MARKET", None, "消费与市场", "Consumers and shops", "SJ", "1d", "15d"),
    ("HEALTH", None, "医疗卫生", "Health", "WS", "1d", "5d"),
    ("OTHER", None, "其他", "Other", "JWH", "1d", "5d"),
]
