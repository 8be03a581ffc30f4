"""Chinese surnames and helpers to tell a personal name from a masked one or a title.

The surname list covers the common single-character surnames (about 99% of the
population by the 2020 census rankings) and the usual compound ones.
"""

from __future__ import annotations

import os
import re

# Rare surnames that are far more often ordinary words or grammar (母, 但, 由, 国, 明…).
AMBIGUOUS_RARE = frozenset("母阿但干居呼利信衣元展智幸植由闭那於位原海花权强平计都普来相初门云容敬明国支丰井盖豆帅宣晋"
                           "修印隆危玉银战公区党宿鲜亢冶斯束檀阴昝奉衡富尧")
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
    "修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植"
    "衡富尧闭由"
) - AMBIGUOUS_RARE
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "澹台", "公冶", "太史", "申屠",
)

# Characters that never appear in a given name but do end a phrase that starts like one.
_NOT_GIVEN = set("某*＊×XxＸｘ○〇□■●＿_?？的了和与及或是在为对等于将被把从向以")
# Words that follow a surname in titles and roles, not names.
TITLE_SUFFIXES = ("同志", "先生", "女士", "老师", "主任", "局长", "科长", "处长", "厅长", "部长", "书记",
                  "县长", "市长", "省长", "镇长", "乡长", "村长", "组长", "队长", "院长", "所长", "站长",
                  "经理", "董事", "总", "工", "某", "氏", "姓", "家", "师傅", "律师", "医生", "警官")
# Two-character words that start with a surname character and are common in government text.
COMMON_WORDS = frozenset((
    "王府 李子 张贴 刘海 陈述 陈列 杨树 黄金 黄河 赵县 吴江 周边 周年 周期 周末 徐州 孙子 马路 马上 朱红 胡同 郭县 "
    "何时 何处 何种 高度 高效 高级 高新 高速 高校 高层 林业 林地 林区 罗列 郑重 梁山 谢绝 宋体 唐山 许可 许多 韩国 冯家 "
    "邓州 曹县 彭州 曾经 田间 田地 董事 袁州 潘家 于是 于此 蒋家 蔡家 余额 余下 杜绝 叶片 程序 程度 苏州 魏县 吕梁 丁字 "
    "任务 任何 任职 任命 任期 沈阳 姚家 卢沟 姜堰 崔家 钟点 谭家 陆续 陆地 汪洋 范围 范畴 金额 金融 金属 石油 石家 廖家 "
    "贾汪 夏季 夏粮 韦家 付款 付费 方面 方案 方式 方法 方向 方针 白天 白色 邹城 孟州 熊猫 秦皇 邱县 江苏 江西 江河 尹家 "
    "薛城 闫家 段落 雷电 侯马 龙头 史料 陶瓷 黎明 贺信 顾问 顾及 毛利 郝家 龚家 邵阳 万元 万人 万亩 万户 钱款 严格 严肃 "
    "严重 严禁 覃家 武装 武警 戴帽 莫斯 孔子 向前 向上 汤原 常务 常规 常态 常住 温度 康复 施工 施行 文件 文化 文明 文字 "
    "牛羊 樊城 葛洲 邢台 安全 安排 安置 安装 齐全 易于 乔木 伍家 庞大 颜色 倪家 庄园 聂家 章程 鲁迅 岳阳 翟家 殷切 詹家 "
    "申请 申报 申诉 申领 欧洲 耿家 关于 关系 关键 关注 兰州 焦点 俞家 左右 柳州 甘肃 祝贺 包括 包装 宁夏 尚未 符合 舒适 "
    "阮家 柯家 纪律 纪委 梅州 童年 凌晨 毕业 单位 单独 季度 季节 裴家 霍乱 涂料 成立 成员 成果 成本 成为 苗木 谷物 盛行 "
    "曲线 翁家 冉家 骆驼 蓝色 路线 路段 游客 辛苦 靳家 管理 管辖 柴油 蒙古 鲍家 华北 华东 华南 喻家 祁连 蒲公 房屋 房产 "
    "滕州 屈原 饶阳 解决 解释 解除 牟利 艾滋 尤其 阳光 时间 时期 时候 穆斯 农业 农村 农民 司法 卓越 古代 吉林 缪家 简化 "
    "简易 车辆 车间 项目 连续 连接 芦苇 麦收 褚家 娄底 窦家 戚家 岑溪 景区 景观 党委 党组 党员 宫殿 费用 卜家 冷链 晏家 "
    "席位 卫生 卫星 米粮 柏油 宗教 瞿家 桂林 全面 全省 全市 全县 全国 全部 全体 佟家 应当 应急 应用 臧家 闵行 苟家 邬家 "
    "边境 卞家 姬家 师资 和谐 仇家 栾城 隋唐 商务 商品 商业 刁难 沙漠 荣誉 巫山 寇家 桑蚕 郎家 甄别 丛林 仲裁 虞城 敖汉 "
    "巩固 明确 明显 佘家 池塘 查处 查询 麻醉 苑家 迟延 邝家 官方 封闭 谈话 匡算 鞠躬 惠民 荆州 乐观 冀州 郁闷 胥家 南方 "
    "班子 储备 原则 原因 栗子 燕山 楚雄 鄢陵 劳动 谌家 奚家 皮革 粟米 冼家 蔺家 楼房 盘活 满意 闻名 位置 厉行 伊犁 仝家 "
    "区域 区县 郜家 海洋 海关 阚家 花卉 权利 权益 强化 强制 帅气 屠宰 豆类 朴素 盖章 练习 廉政 廉洁 禹州 井冈 祖国 漆器 "
    "巴州 丰富 支持 支付 卿家 国家 国务 国际 狄家 平台 平安 计划 计算 索引 宣传 晋升 相关 相应 初步 门户 云南 容易 敬老 "
    "来源 扈家 晁家 芮城 都是 普通 普及 阙家 浦东 戈壁 伏牛 鹿泉 薄弱 邸家 雍正 辜负 羊毛 阿里 乌鲁 母婴 裘家 亓家 修订 "
    "修改 邰家 赫章 杭州 况且 那么 宿舍 鲜活 印发 印章 逯家 隆重 茹家 诸多 战略 慕家 危险 玉米 银行 亢家 嵇家 公安 公示 "
    "公开 公告 公司 公民 哈尔 湛江 宾馆 戎家 勾结 茅台 利用 利益 於家 呼吁 居民 居住 揭阳 干部 但是 尉氏 冶金 斯里 元旦 "
    "查阅 查看 查找 查验 查询 和全 和高 部门 "
    "束缚 檀香 衣物 信息 信访 展开 阴影 昝家 智慧 智能 幸福 奉献 植树 衡水 富裕 尧都 闭会 由于 当事 联系 法定"
).split())

# endings that make a phrase, not a name (主管部门, 有关单位…)
BAD_ENDINGS = ("部门", "单位", "机关", "人员", "工作", "情况", "病", "症", "费", "款", "证", "权", "法", "部", "局", "厅", "处", "委", "办", "所", "院",
               "站", "队", "司", "会", "组", "省", "市", "县", "区", "镇", "乡", "村")

_HAN = re.compile(r"^[\u4e00-\u9fa5]{2,4}$")


_LEXICON: dict[str, str] | None = None
_COMMON_GIVEN: frozenset[str] = frozenset()
_PERSON_TAGS = ("nr", "nrfg", "nrt")
# frequent two-character words that read as a sentence, not a given name, when a
# "name" is glued to the word before it (学生向学校, 学生成长观)
_GIVEN_WORD_TAGS = frozenset(("v", "vn", "n", "d", "a", "ad", "an", "c", "p", "r", "m", "f", "l", "i", "vd"))


def lexicon() -> dict[str, str]:
    """Words of jieba's bundled dictionary (shipped with the package, offline) that start
    with a surname character, mapped to their part-of-speech tag.  A candidate that is a
    dictionary word with a non-person tag (宣读 v, 方可 n, 单方 n) is not a name."""
    global _LEXICON, _COMMON_GIVEN
    if _LEXICON is None:
        words: dict[str, str] = {}
        common: set[str] = set()
        try:
            import jieba

            path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if len(parts) != 3:
                        continue
                    w, freq, tag = parts
                    if len(w) == 2 and tag in _GIVEN_WORD_TAGS and int(freq) >= 2000:
                        common.add(w)
                    if 2 <= len(w) <= 4 and (w[0] in SINGLE_SURNAMES or w[:2] in COMPOUND_SURNAMES) \
                            and tag not in _PERSON_TAGS and int(freq) >= 3:
                        words[w] = tag
        except (ImportError, OSError):  # pragma: no cover - jieba is a dependency
            pass
        _COMMON_GIVEN = frozenset(common)
        _LEXICON = words
    return _LEXICON


def split_surname(name: str) -> tuple[str, str] | None:
    """``(surname, given)`` when ``name`` starts with a known surname, else None."""
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return name[:2], name[2:]
    if name[:1] in SINGLE_SURNAMES:
        return name[:1], name[1:]
    return None


def is_masked_name(name: str) -> bool:
    """张某, 张*, 张××, 张XX, 张○○ — a name already de-identified."""
    return any(c in "某*＊×XxＸｘ○〇□■●＿_" for c in name[1:])


def looks_like_name(name: str, strict: bool = False, trusted: bool = False) -> bool:
    """A plausible unmasked personal name: 2–4 Chinese characters starting with a surname,
    not a title (张局长) and not a common word (安全, 申请).  ``strict`` (for a name glued
    to the word before it, with no colon or space) also refuses a given name that is a
    frequent word (向学校, 全覆盖).  ``trusted`` (after 姓名：, under a 姓名 column header)
    skips the dictionary checks: 高洋 and 梁海 are words, and names."""
    if not _HAN.match(name) or is_masked_name(name):
        return False
    parts = split_surname(name)
    if parts is None:
        return False
    surname, given = parts
    if not given or len(given) > 2:
        return False
    if any(c in _NOT_GIVEN for c in given):
        return False
    if any(given.startswith(t) or name.endswith(t) for t in TITLE_SUFFIXES):
        return False
    if name.endswith(BAD_ENDINGS):
        return False
    if trusted:
        return True
    if name[:2] in COMMON_WORDS or name[-2:] in COMMON_WORDS:
        return False
    if name in lexicon():
        return False
    if strict and (given in _COMMON_GIVEN or name[1:3] in _COMMON_GIVEN
                   or (len(name) == 3 and name[:2] in _LEXICON)):
        return False
    return True
