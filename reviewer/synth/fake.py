"""Synthetic people, organisations and identifiers with valid check digits.

Everything is drawn from a seeded :class:`random.Random`, so the same seed gives the
same values (samples and dev sets regenerate byte for byte).  The people are made up;
the identifiers are *shaped* like real ones and pass the real checks, which is what a
detector must be tested against.  Check algorithms (domain.md §5):

* 居民身份证号 (GB 11643-1999): 6-digit GB/T 2260 region + YYYYMMDD + 3-digit sequence
  (odd for men, even for women) + check character by ISO 7064 MOD 11-2: weights
  ``2^(18-i) mod 11`` = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over the first 17 digits,
  ``sum mod 11`` indexes ``1 0 X 9 8 7 6 5 4 3 2``.
* 15-digit legacy ID: region + YYMMDD + sequence, no check digit.
* 统一社会信用代码 (GB 32100-2015): charset ``0-9 A-H J-N P-R T U W-Y`` (31 symbols, no
  I O S V Z); weights ``3^(i-1) mod 31``; check = ``(31 - sum mod 31) mod 31``.  The
  9-character 主体标识码 inside it is a 组织机构代码 (GB 11714) with its own MOD 11 check
  (weights 3 7 9 10 5 8 4 2; 10 → X, 11 → 0).
* Bank card: UnionPay 62 prefix, 16-19 digits, Luhn (mod 10) check digit.

Validators live with the detectors (``reviewer.detectors.validators``); this module only
*computes* check characters to build valid values.
"""

from __future__ import annotations

import datetime as dt
import random

# GB/T 2260 county-level codes (a real-looking spread of provinces).
REGIONS = {
    "110101": "北京市东城区", "110105": "北京市朝阳区", "110108": "北京市海淀区",
    "120104": "天津市南开区", "130102": "石家庄市长安区", "130104": "石家庄市桥西区",
    "140105": "太原市小店区", "210102": "沈阳市和平区", "220102": "长春市南关区",
    "230103": "哈尔滨市南岗区", "310104": "上海市徐汇区", "310115": "上海市浦东新区",
    "320102": "南京市玄武区", "320506": "苏州市吴中区", "330106": "杭州市西湖区",
    "340104": "合肥市蜀山区", "350102": "福州市鼓楼区", "360102": "南昌市东湖区",
    "370102": "济南市历下区", "370202": "青岛市市南区", "410105": "郑州市金水区",
    "420106": "武汉市武昌区", "430104": "长沙市岳麓区", "440106": "广州市天河区",
    "440305": "深圳市南山区", "450103": "南宁市青秀区", "500103": "重庆市渝中区",
    "510104": "成都市锦江区", "510203": "自贡市贡井区", "512002": "资阳市雁江区",
    "520102": "贵阳市南明区", "530102": "昆明市五华区", "610113": "西安市雁塔区",
    "620102": "兰州市城关区", "640104": "银川市兴庆区", "650102": "乌鲁木齐市天山区",
}
AREA_CODES = {"北京": "010", "上海": "021", "天津": "022", "重庆": "023", "广州": "020", "南京": "025",
              "武汉": "027", "成都": "028", "西安": "029", "石家庄": "0311", "济南": "0531",
              "杭州": "0571", "资阳": "028", "长沙": "0731", "郑州": "0371", "昆明": "0871"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_CHARS = "伟芳娜英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红国志海燕晓东梅丹宇航涵萱浩然欣怡思远雨桐俊佳文博嘉诺春秋雪松建新立学德福"
STREETS = ["人民路", "建设路", "解放路", "中山路", "和平街", "幸福路", "新华路", "光明街", "胜利路", "文化路"]
COMMUNITIES = ["阳光花园", "锦绣小区", "幸福里小区", "翠湖苑", "金色家园", "和平新村", "春晖小区", "滨江花园"]
COMPANY_WORDS = ["恒信", "宏达", "鑫源", "华泰", "瑞丰", "德润", "汇通", "佳禾", "中诚", "安泰", "博远", "新瑞"]
COMPANY_TRADES = ["建筑工程", "信息技术", "环保科技", "物业服务", "商贸", "机电设备", "市政工程", "医疗器械"]
# Allocated 3-digit mobile prefixes (1[3-9]x; 14x and 16x only where in real use).
MOBILE_PREFIXES = tuple(str(p) for p in (*range(130, 140), 145, 147, *range(150, 154), *range(155, 160), 166,
                                         *range(170, 179), *range(180, 190), 191, 198, 199))
PROVINCE_ABBR = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


# --------------------------------------------------------------------------- checks
def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits of a 身份证号."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass Luhn (double every second digit from the right)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these are doubled once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def org_code_check_char(body8: str) -> str:
    """GB 11714 组织机构代码 check: weights 3 7 9 10 5 8 4 2, C = 11 - sum mod 11."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, _ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character: (31 - Σ value·3^(i-1) mod 31) mod 31 in the 31-symbol charset."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


# --------------------------------------------------------------------------- the faker
class Faker:
    """``Faker(seed)``: every method draws from the same seeded stream."""

    def __init__(self, seed: int = 2024) -> None:
        self.r = random.Random(seed)

    # -- people ------------------------------------------------------------------------
    def surname(self) -> str:
        return self.r.choice(SURNAMES)

    def name(self) -> str:
        given = "".join(self.r.choice(GIVEN_CHARS) for _ in range(self.r.choice((1, 2, 2, 2))))
        return self.surname() + given

    def birth_date(self, min_age: int = 18, max_age: int = 85, today: dt.date = dt.date(2024, 6, 1)) -> dt.date:
        days = self.r.randint(min_age * 365, max_age * 365)
        return today - dt.timedelta(days=days)

    def region(self) -> tuple[str, str]:
        code = self.r.choice(sorted(REGIONS))
        return code, REGIONS[code]

    def id_card(self, region: str | None = None, birth: dt.date | None = None, male: bool | None = None) -> str:
        """An 18-character 居民身份证号 with a real region, a valid date and a valid check character."""
        region = region or self.region()[0]
        birth = birth or self.birth_date()
        seq = self.r.randint(0, 499) * 2 + (1 if (male if male is not None else self.r.random() < 0.5) else 0)
        body = f"{region}{birth:%Y%m%d}{seq:03d}"
        return body + id_check_char(body)

    def id_card_15(self, region: str | None = None) -> str:
        """A legacy 15-digit ID (born 1930-1983, no check digit)."""
        region = region or self.region()[0]
        birth = dt.date(1930, 1, 1) + dt.timedelta(days=self.r.randint(0, 19700))
        return f"{region}{birth:%y%m%d}{self.r.randint(1, 999):03d}"

    def mobile(self, style: str = "plain") -> str:
        """1[3-9]x xxxx xxxx from MOBILE_PREFIXES; style: plain | +86 | spaced | dashed."""
        n = f"{self.r.choice(MOBILE_PREFIXES)}{self.r.randint(0, 99999999):08d}"
        if style == "+86":
            return "+86 " + n
        if style == "spaced":
            return f"{n[:3]} {n[3:7]} {n[7:]}"
        if style == "dashed":
            return f"{n[:3]}-{n[3:7]}-{n[7:]}"
        return n

    def landline(self, city: str | None = None, style: str = "dash", extension: bool = False) -> str:
        """0xx(x)-xxxxxxx(x); style: dash (010-66668888) | paren ((010)66668888)."""
        city = city or self.r.choice(sorted(AREA_CODES))
        area = AREA_CODES[city]
        local = str(self.r.randint(2, 8)) + "".join(str(self.r.randint(0, 9)) for _ in range(7 if len(area) == 3 else 6))
        out = f"({area}){local}" if style == "paren" else f"{area}-{local}"
        if extension:
            out += f"-{self.r.randint(100, 8999)}"
        return out

    def email(self, name_pinyin: str | None = None) -> str:
        user = name_pinyin or "".join(self.r.choice("abcdefghjkmnpqrstwxyz") for _ in range(self.r.randint(5, 9)))
        return f"{user}{self.r.randint(1, 999)}@{self.r.choice(['163.com', 'qq.com', '126.com', 'sina.com', 'example.cn'])}"

    def bank_card(self, length: int | None = None) -> str:
        """A 62-prefix (UnionPay) card number of 16-19 digits with a Luhn check digit."""
        length = length or self.r.choice((16, 19, 19))
        body = "62" + "".join(str(self.r.randint(0, 9)) for _ in range(length - 3))
        return body + luhn_check_digit(body)

    def passport(self) -> str:
        return "E" + f"{self.r.randint(0, 99999999):08d}"

    def hk_macau_permit(self) -> str:
        """往来港澳通行证 (mainland residents): C + 8 digits."""
        return "C" + f"{self.r.randint(10000000, 99999999)}"

    def plate(self, new_energy: bool = False) -> str:
        """车牌: 京A12345; new energy 粤BD12345 (D/F then 5 digits)."""
        prov = self.r.choice(PROVINCE_ABBR)
        letter = self.r.choice(PLATE_LETTERS)
        if new_energy:
            return f"{prov}{letter}{self.r.choice('DF')}{self.r.randint(0, 99999):05d}"
        tail = "".join(self.r.choice("0123456789" * 3 + PLATE_LETTERS[:10]) for _ in range(5))
        return f"{prov}{letter}{tail}"

    def org_code(self) -> str:
        body = "".join(self.r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        return body + org_code_check_char(body)

    def uscc(self, region: str | None = None) -> str:
        """统一社会信用代码: 9 (工商) + 1 (企业) + region + 组织机构代码 + GB 32100 check."""
        region = region or self.region()[0]
        first17 = "91" + region + self.org_code()
        return first17 + uscc_check_char(first17)

    def address(self, region: str | None = None) -> str:
        """A home address down to 门牌号、单元、室."""
        region = region or self.region()[0]
        place = REGIONS[region]
        return (f"{place}{self.r.choice(STREETS)}{self.r.randint(1, 399)}号{self.r.choice(COMMUNITIES)}"
                f"{self.r.randint(1, 30)}栋{self.r.randint(1, 6)}单元{self.r.randint(1, 33)}{self.r.randint(1, 4):02d}室")

    def company(self, city: str = "某某市") -> str:
        return f"{city}{self.r.choice(COMPANY_WORDS)}{self.r.choice(COMPANY_TRADES)}有限公司"

    def person(self) -> dict:
        """A person with consistent name, sex, birth date, ID, phone and address."""
        region, _place = self.region()
        male = self.r.random() < 0.5
        birth = self.birth_date()
        return {"name": self.name(), "male": male, "birth": birth.isoformat(),
                "id_card": self.id_card(region, birth, male), "mobile": self.mobile(),
                "address": self.address(region)}


# --------------------------------------------------------------------------- masked forms
def mask_id(value: str) -> str:
    """510203********1234: keep the first 6 and the last 4."""
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(value: str) -> str:
    """138****5678."""
    digits = "".join(c for c in value if c.isdigit())[-11:]
    return digits[:3] + "****" + digits[7:]


def mask_name(value: str, style: str = "某") -> str:
    """张某 (court convention, 法释〔2016〕19号 第九条) or 张* ."""
    return value[0] + ("某" if style == "某" else "*" * (len(value) - 1))


def mask_bank_card(value: str) -> str:
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


__all__ = ["Faker", "id_check_char", "luhn_check_digit", "uscc_check_char", "org_code_check_char",
           "mask_id", "mask_mobile", "mask_name", "mask_bank_card", "REGIONS"]
