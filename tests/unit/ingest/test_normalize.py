import pytest

from services.ingest.normalize import normalize


@pytest.mark.parametrize("raw, expected", [
    ("ＰＭ２．５浓度３５％", "PM2.5浓度35%"),                       # full-width digits, letters, symbols
    ("PM₂.₅和O₃浓度为35μg/m³", "PM2.5和O3浓度为35μg/m3"),          # sub- and superscript digits
    ("查处案件 126 起，罚款 85.6 万元", "查处案件126起，罚款85.6万元"),  # typesetting spaces around numbers
    ("涉 VOCs 企业", "涉VOCs企业"),                                # spaces around Latin words
    ("本报记者 赵 明", "本报记者 赵 明"),                           # spaces between CJK kept (bylines)
    ("邯鄲市空氣質量持續改善", "邯郸市空气质量持续改善"),             # traditional to simplified
    ("治理後的河道再無黑臭", "治理后的河道再无黑臭"),                 # one traditional character converts all
    ("施工车辆打坏了护栏，答覆意见已送达", "施工车辆打坏了护栏，答覆意见已送达"),  # simplified kept as written
    ("環(huán)境監(jiān)測", "环境监测"),                            # pinyin glosses with tone marks
    ("環（huan2）境", "环境"),                                      # pinyin glosses with tone digits
    ("挥发性有机物(VOCs)", "挥发性有机物(VOCs)"),                   # an acronym is not a gloss
    ("監(jian)測站(zhan)點(dian)", "监测站点"),                       # toneless glosses: one whole syllable
    ("排放量(t)和浓度(mg)", "排放量(t)和浓度(mg)"),                  # units are no syllables
    ("(huan)开头", "(huan)开头"),                                  # a gloss follows a character
    ("a\u200bb\u00adc\x07d", "abcd"),                               # zero-width, soft hyphen, control
    ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),             # line endings
    ("，。（）", "，。（）"),                                         # CJK punctuation kept
    ("发生重污染2 418天次", "发生重污染2418天次"),                     # a thousands space
    ("罚没款合计13 250 600元，约1 204.5万", "罚没款合计13250600元，约1204.5万"),  # several groups; a decimal
    ("2019 15个", "2019 15个"),                                     # four digits then two: no grouping
    ("浓度0.8 125个", "浓度0.8 125个"),                               # after a decimal: two numbers
    ("第3 4名", "第3 4名"),                                           # not a group of three
    ("比例为1 100%，罚款1 100万元", "比例为1 100%，罚款1100万元"),    # no share groups thousands
    ("全省十一个设区市中，全县五个国考断面", "全省11个设区市中，全县5个国考断面"),  # counts of places in numerals
    ("一个城市、第十一个县、数十个县", "一个城市、第十一个县、数十个县"),  # "a", an ordinal, "some tens"
    ("PM 2.5和PM 10浓度为30μg/m 3", "PM2.5和PM10浓度为30μg/m3"),      # lost sub- and superscripts
    ("PM2. 5为30，PM 2. 5下降", "PM2.5为30，PM2.5下降"),  # a space after the point of PM2.5
    ("同比下降10.3 %，为60.1 %—93.5 %", "同比下降10.3%，为60.1%—93.5%"),  # a per-cent sign set apart
    ("pm2.5和Pm10，pm 2.5；npm10", "PM2.5和PM10，PM2.5；npm10"),  # the codes in lower case
    ("PM二点五和PM十浓度，PM十一", "PM2.5和PM10浓度，PM十一"),  # the codes spelled out by a broadcast script
    ("同比下降\n(jiàng)8.2%", "同比下降\n8.2%"),  # a gloss after a line break
    ("标题\n👉本报讯 今年\n📢 二、主要目标", "标题\n本报讯 今年\n二、主要目标"),  # emoji opening a line
    ("▲6月5日\n●某市", "▲6月5日\n●某市"),  # caption marks and bullets are not emoji
    ("SO 2、NO 2和O 3", "SO2、NO2和O3"),
    ("CO 2减排", "CO 2减排"),                                          # only the codes it knows
    ("浓度为 6 2 微克，下降 1 0 . 1 %", "浓度为62微克，下降10.1%"),       # digits spaced one by one
    ("2 0 2 3 年", "2023年"),
    ("O3 158μg/m³，PM10 125μg/m³", "O3 158μg/m3，PM10 125μg/m3"),  # a pollutant code, then its number
    ("下降至45&nbsp;微克/立方米", "下降至45微克/立方米"),  # HTML a scraper left in
    ("&ldquo;十四五&rdquo;以来，1&mdash;5月", "“十四五”以来，1—5月"),
    ("第一段。<br/>第二段。<p class=\"x\">第三段</p>", "第一段。\n第二段。\n第三段\n"),
    ("<b>PM2.5</b>浓度<35微克", "PM2.5浓度<35微克"),  # "<35" is no tag
    ("<tr><td>廊坊</td><td>31</td><td>58</td></tr>", "\n廊坊\t31\t58\n"),  # a row of a table
    ("今年春季，\u3000武邑县完成造林1.3万亩 ，超额 。", "今年春季，武邑县完成造林1.3万亩，超额。"),  # by punctuation
    ("同比下降**5.1%**，__优良__", "同比下降5.1%，优良"),  # markdown bold
    ("同比下降5.1%  优良天数比例为80.2%", "同比下降5.1%  优良天数比例为80.2%"),  # spaces for a lost full stop
    ("二〇二三年，二○二四年底，一九九八年", "2023年，2024年底，1998年"),  # years in Chinese numerals
    ("二二二二年，三〇二三年，十二三四五年", "二二二二年，三〇二三年，十二三四五年"),  # no year of this era
    ("罚款人民币壹拾贰万伍仟元整，叁万元", "罚款人民币一十二万五千元整，三万元"),  # capital numerals of an amount
    ("拾金不昧，伍子胥", "拾金不昧，伍子胥"),  # not an amount
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_is_idempotent_on_its_output():
    once = normalize("邯鄲市ＰＭ２．５ 為 48 微克")
    assert normalize(once) == once
