"""A synthetic feed for benchmarks: distinct articles built from sentences written for this project.

Each article mixes environmental sentences (with figures), ordinary news
sentences, a caption and sometimes a web footer, with random places, numbers
and order, so no two articles are alike. Items are single articles (web
feeds) or whole newspaper pages of several stories (as the seed pages are). ``near_duplicates`` re-pushes a share
of them with small edits, to measure what deduplication finds.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

CITIES = ("邯郸", "邢台", "保定", "沧州", "廊坊", "唐山", "秦皇岛", "承德", "衡水", "太原", "大同", "临汾", "运城",
          "郑州", "洛阳", "安阳", "济南", "淄博", "聊城", "西安", "咸阳", "渭南", "成都", "德阳", "绵阳", "武汉",
          "襄阳", "长沙", "株洲", "南昌", "合肥", "芜湖", "南京", "无锡", "杭州", "宁波", "福州", "厦门", "昆明")
ENV = (
    "{p}，{c}市PM2.5平均浓度为{n1}微克/立方米，同比下降{f1}%。",
    "{p}，全市优良天数比例为{f2}%，同比上升{f3}个百分点，重污染天数为{n2}天。",
    "{p}，{c}市环境空气质量综合指数为{f4}，在全国168个重点城市中排名第{n3}位。",
    "截至目前，全市共查处环境违法案件{n4}起，罚没款{f5}万元。",
    "全市{n5}个国考断面水质优良比例达到{f2}%，集中式饮用水水源地水质达标率保持100%。",
    "{p}，该市完成人工造林{f6}万亩，森林覆盖率达到{f7}%。",
    "项目投运后，每年可减少二氧化硫排放{n6}吨、氮氧化物排放{f8}吨。",
    "今年，该市投入大气污染防治专项资金{f9}亿元，完成散煤治理{n7}户。",
    "力争到2025年，全市PM2.5浓度控制在{n8}微克/立方米以下。",
)
PLAIN = (
    "记者从{c}市生态环境局获悉，该市持续深化大气污染综合治理，推动空气质量稳步改善。",
    "该局负责人表示，下一步将继续强化执法监管，压实各方责任，巩固治理成效。",
    "{c}市坚持精准治污、科学治污、依法治污，统筹推进产业结构和能源结构调整。",
    "活动现场，志愿者向过往群众发放宣传资料，讲解垃圾分类和节约用水知识。",
    "上半年，全市规模以上工业增加值同比增长{f1}%，社会消费品零售总额增长{f3}%。",
    "该区组织召开专题会议{n2}次，研究部署重点项目建设和营商环境优化工作。",
    "据介绍，该项目总投资{f9}亿元，建成后将有效带动周边村民就业增收。",
)
PERIODS = ("今年上半年", "1—{m}月", "今年以来", "去年", "今年一季度", "{y}年")
FOOTER = (
    "\n发布 👍 {n2} 举报 写留言\n✋热门推荐\n"
    "• 三招教你做出好吃的红烧肉\n• 周末去哪儿玩？这份攻略请收好\n• 明星同款连衣裙限时特惠\n"
)


def _fill(template: str, rng: random.Random, city: str) -> str:
    period = rng.choice(PERIODS).format(m=rng.randint(2, 11), y=rng.randint(2019, 2023))
    return template.format(
        c=city, p=period, n1=rng.randint(15, 90), n2=rng.randint(1, 40), n3=rng.randint(1, 168),
        n4=rng.randint(20, 2000), n5=rng.randint(5, 60), n6=rng.randint(10, 5000), n7=rng.randint(100, 90000),
        n8=rng.randint(25, 45), f1=round(rng.uniform(0.5, 15), 1), f2=round(rng.uniform(50, 99), 1),
        f3=round(rng.uniform(0.1, 9), 1), f4=round(rng.uniform(2.5, 6.5), 2), f5=round(rng.uniform(10, 9000), 2),
        f6=round(rng.uniform(0.5, 20), 2), f7=round(rng.uniform(10, 70), 1), f8=round(rng.uniform(1, 900), 2),
        f9=round(rng.uniform(0.1, 30), 2),
    )


def article(rng: random.Random, n: int) -> str:
    city = rng.choice(CITIES)
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        pool = ENV if rng.random() < 0.5 else PLAIN
        paragraphs.append("".join(_fill(rng.choice(pool), rng, city) for _ in range(rng.randint(1, 4))))
    title = f"{city}生态环境保护工作第{n}期通报"
    day = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    caption = f"▲{day}，执法人员在{city}一家企业检查治污设施运行情况。\n\n燕赵日报记者 孙华摄"
    body = "\n\n".join(paragraphs[:2] + [caption] + paragraphs[2:])
    footer = FOOTER.format(n2=rng.randint(0, 99)) if rng.random() < 0.3 else ""
    return f"{title}\n\n燕赵日报记者 赵明\n\n{body}{footer}"


# pieces of ordinary news sentences without figures, combined at random so that no two light
# articles share most of their text (deduplication would rightly drop them)
WHO = ("该区", "街道办事处", "县文旅局", "市交通运输局", "社区党支部", "镇政府", "市教育局", "区卫健委", "县供销社",
       "市场监管部门", "团市委", "市农业农村局")
DID = ("组织开展", "召开", "部署推进", "集中开展", "启动", "深入推进", "扎实开展", "专题研究")
WHAT = ("安全生产大检查", "老旧小区改造", "乡村振兴示范创建", "文明城市创建", "春季农业生产", "食品安全专项整治",
        "校园周边环境整治", "便民服务提升行动", "消防安全培训", "非遗文化展演", "重点项目观摩", "就业招聘活动")
WHY = ("进一步提升群众获得感", "切实解决群众急难愁盼问题", "推动各项工作落地见效", "营造良好社会氛围",
       "助力经济社会高质量发展", "确保各项任务按期完成", "不断增强服务能力", "为全年工作开好局起好步")


def _plain(rng: random.Random, city: str) -> str:
    return (f"{rng.choice(('近日', '日前', '本周', '连日来'))}，{city}市{rng.choice(WHO)}{rng.choice(DID)}"
            f"{rng.choice(WHAT)}，{rng.choice(WHY)}。")


def light_article(rng: random.Random, n: int) -> str:
    """Ordinary news: most paragraphs without a figure, one or two environmental sentences (2–4 facts)."""
    city = rng.choice(CITIES)
    paragraphs = ["".join(_plain(rng, city) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(4, 9))]
    for template in rng.sample(ENV[:3], rng.randint(1, 2)):
        paragraphs.insert(rng.randint(0, len(paragraphs)), _fill(template, rng, city))
    return f"{city}新闻第{n}期\n\n燕赵日报记者 赵明\n\n" + "\n\n".join(paragraphs)


def page(rng: random.Random, n: int) -> str:
    """A newspaper page as feeds push it: a lead article, then briefs with datelines."""
    stories = [article(rng, n), article(rng, n + 1_000_000)]
    for k in range(rng.randint(4, 8)):
        city = rng.choice(CITIES)
        sentences = [rng.choice(ENV)] + [rng.choice(ENV + PLAIN) for _ in range(rng.randint(1, 4))]
        rng.shuffle(sentences)
        body = "".join(_fill(t, rng, city) for t in sentences)
        stories.append(f"{city}第{n}-{k}号简讯\n\n燕赵日报讯(记者钱亮){body}")
    return "\n\n".join(stories)


def envelopes(megabytes: float, seed: int = 7, layout: str = "article") -> Iterator[dict]:
    """Feed items of ``layout`` "article" (one story each, dense with figures), "page" (a page of
    stories each) or "light" (one story each with the fact density of ordinary news)."""
    rng = random.Random(seed)
    make = {"page": page, "light": light_article}.get(layout, article)
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        text = make(rng, n)
        size += len(text.encode())
        yield {"id": f"bench-{n}", "source": "bench", "url": None, "published_at": "2024-07-15", "text": text}
        n += 1


def near_duplicates(items: list[dict], share: float, seed: int = 11) -> list[dict]:
    """Re-pushes of a share of the items: other punctuation, an added line, a changed footer."""
    rng = random.Random(seed)
    out = []
    for item in rng.sample(items, int(len(items) * share)):
        text = item["text"].replace("，", ",").replace("。", ". ") + "\n（责任编辑：王某 来源：某某网）"
        out.append({**item, "id": item["id"] + "-repush", "text": "转载：" + text})
    return out
