"""Sample knowledge-base entries for the Shaanxi station, from what the article says the station
offers. Opening hours, prices and contacts here are EXAMPLES to check and edit: every entry is
marked `is_sample` and listed for review until a supervisor saves it."""

from __future__ import annotations

SAMPLE_SOURCE = "示例内容：据陕西居民区党群服务站报道整理，时间与价格请核实后修改"

# code, question, variants (one per line), answer, category code, department code, audience
SAMPLES: list[tuple[str, str, str, str, str, str, str]] = [
    ("CANTEEN-BREAKFAST", "屋里厢食堂早餐几点开门？",
     "食堂早饭什么时候有\n早上几点能吃早饭\n早点几点开始卖",
     "屋里厢社区食堂早餐 6:30–9:00 供应（示例时间，请核实），周一至周日。",
     "STATION-CANTEEN", "ST", "public"),
    ("CANTEEN-LUNCH", "食堂午餐几点供应，多少钱？",
     "中午饭几点开始\n午餐价格\n中午食堂开到几点",
     "午餐 11:00–13:00 供应（示例），荤素搭配按份计价，一般 12–18 元一份；可堂食可打包。",
     "STATION-CANTEEN", "ST", "public"),
    ("CANTEEN-SET", "“四大金刚”早餐套餐还有吗？",
     "大饼油条粢饭豆浆\n四大金刚套餐价格",
     "有。屋里厢每天早餐供应大饼、油条、粢饭、豆浆“四大金刚”，可单点也可套餐（示例价格 10 元一套），售完为止。",
     "STATION-CANTEEN", "ST", "public"),
    ("CANTEEN-ELDER", "老年人在食堂吃饭有优惠吗？",
     "老人助餐补贴\n高龄老人吃饭优惠\n老年卡吃饭打折吗",
     "本街道户籍或常住的 60 岁以上老人凭敬老卡可享助餐优惠（示例标准，请核实），行动不便的可登记送餐上门，在食堂窗口或前台登记。",
     "ELDER-MEAL", "ST", "public"),
    ("MERCHANT-DISCOUNT", "周边商户有社区优惠吗？",
     "红蕴民生服务矩阵\n附近面馆包子铺打折\n哪些店有居民优惠",
     "附近加入“红蕴民生服务矩阵”的面馆、包子铺等商户为居民提供优惠，店门口贴有标识；名单可在前台索取（示例）。",
     "STATION-CANTEEN", "DW", "public"),
    ("HOMEWORK-SIGNUP", "晚托怎么报名？",
     "孩子放学后能在这写作业吗\n晚托收费吗\n课后托管登记",
     "屋里厢食堂内设“晚托”作业桌，面向周边小学学生，免费（示例）。家长带户口本或学生证到前台登记，名额满后排队。",
     "STATION-HOMEWORK", "JWH", "public"),
    ("HOMEWORK-HOURS", "晚托几点开始、几点结束？",
     "几点来接孩子\n作业辅导时间",
     "上学日 15:30–18:00（示例时间），18:00 前请家长接回；寒暑假另行通知。",
     "STATION-HOMEWORK", "JWH", "public"),
    ("ROOF-PLOT", "乘风凉露台的绿地怎么认养？",
     "楼顶菜地认领\n种植地块认养\n露台小花园认养",
     "乘风凉露台的种植地块面向居民认养，每期一年，免费（示例）；在前台填认养表，按登记先后分配，认养人负责日常浇水养护。",
     "STATION-ROOF", "JWH", "public"),
    ("ROOF-TRAINING", "有社区园艺培训吗？",
     "学种花种菜\n园艺课报名\n社区花园培训基地",
     "乘风凉露台是社区园艺培训基地，每月有一次园艺培训（示例），在前台或居民群报名，认养地块的居民优先。",
     "STATION-ROOF", "JWH", "public"),
    ("ROOF-THEATRE", "露台的露天剧场有什么活动？",
     "露台放电影\n露天演出时间",
     "天气好时乘风凉露台作为露天剧场，有电影、演出等活动，时间见服务站门口公告栏（示例）。",
     "STATION-ROOF", "JWH", "public"),
    ("HONGYUN-LESSON", "红蕴共享家午间微党课怎么参加？",
     "中午的党课在哪\n楼宇白领听党课\n微党课报名",
     "红蕴共享家每周在午休时间开设“午间微党课”，面向周边楼宇白领和党员，约 30 分钟（示例），可个人或以支部为单位在前台报名。",
     "EVENT-LESSON", "DW", "public"),
    ("HONGYUN-RIDERS", "外卖骑手、快递员、网约车司机能在哪里休息？",
     "骑手歇脚充电\n快递小哥休息点\n司机喝水上厕所",
     "红蕴共享家为骑手、快递员和网约车司机等新就业群体提供休息空间：饮水、充电、微波炉热饭、卫生间，开放时间内随到随用（示例）。",
     "STATION-HONGYUN", "DW", "public"),
    ("HONGYUN-BOOKING", "红蕴共享家的场地可以预约吗？",
     "借场地开会\n共享家空间预约",
     "可以。居民团队、楼宇支部和社会组织可提前 3 天在前台预约红蕴共享家的活动空间（示例规则），公益活动免费。",
     "STATION-HONGYUN", "DW", "public"),
    ("FOOD-FESTIVAL", "邻里美食节怎么报名？",
     "美食节摆摊\n美食节时间\n美食节志愿者",
     "邻里美食节已办到第五届，一般在秋季举办（示例）；居民、商户摆摊和志愿者都在前台登记，报名截止时间以通知为准。",
     "EVENT-FOOD", "JWH", "public"),
    ("AFFAIRS-WHAT", "社区事务受理服务中心能办哪些事？",
     "办证去哪里\n居住证医保在哪办\n受理中心业务",
     "社区事务受理服务中心办理社保医保、居住证、生育登记、敬老卡、低保救助、就业登记等个人事项（示例清单）；前台可先帮您确认要带的材料。",
     "AFFAIRS", "SL", "public"),
    ("AFFAIRS-HOURS", "社区事务受理服务中心的地址和办公时间？",
     "受理中心几点上班\n受理中心周末开吗",
     "工作日 9:00–17:00，周六上午部分窗口开放（示例，请核实），地址以街道公布为准；可先打电话确认。",
     "AFFAIRS", "SL", "public"),
    ("LANE-RULE", "550弄外摆和噪音有什么规定？",
     "外摆几点收\n弄规民约\n酒吧门口座位规定",
     "嘉善老市弄规民约：22:00 后所有外摆座位收进室内；物业和商户及时清运垃圾。发现违反可在前台登记，转城管和网格处理。",
     "NOISE-SEAT", "DW", "public"),
    ("STATION-HOURS", "党群服务站几点开门，在哪里？",
     "服务站地址\n服务站周末开吗",
     "陕西居民区党群服务站在陕西南路550弄17号，每天 8:30–20:00 开放（示例时间，请核实）。",
     "STATION", "JWH", "public"),
]


def insert_samples_sql(conn) -> int:
    """Add the sample entries once, looking categories and departments up by code. Does
    nothing on a file without categories yet (a new file: install_defaults calls it later) or
    one that already has sample entries. Plain SQL, so the migration can call it too."""
    import uuid
    from datetime import datetime, timezone

    from sqlalchemy import text

    cats = dict(conn.execute(text("SELECT code, id FROM category")).all())
    if not cats or conn.execute(text("SELECT 1 FROM kb_entry WHERE is_sample LIMIT 1")).first():
        return 0
    deps = dict(conn.execute(text("SELECT code, id FROM department")).all())
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [{"id": uuid.uuid4().hex, "code": code, "q": q, "v": v, "a": a, "c": cats.get(cat), "d": deps.get(dep),
             "aud": aud, "src": SAMPLE_SOURCE, "now": now}
            for code, q, v, a, cat, dep, aud in SAMPLES]
    conn.execute(text(
        "INSERT INTO kb_entry (id, code, question, variants, answer, category_id, department_id, audience, status, "
        "source, is_sample, updated_by, created_at, updated_at) VALUES (:id, :code, :q, :v, :a, :c, :d, :aud, "
        "'published', :src, 1, '', :now, :now)"), rows)
    return len(rows)
