"""credential.password.v1: written-out passwords, with the account when it is given."""

import pytest

from reviewer.detectors.credential.password import PasswordRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

REG = DetectorRegistry()
REG.add(PasswordRecognizer())
ENGINE = Engine(REG)


@pytest.mark.parametrize("text, expected", [
    ("账号：admin 密码：Abc@1234", ["admin 密码：Abc@1234"]),
    ("用户名：zhangsan，初始密码为123456。", ["zhangsan，初始密码为123456"]),
    ("登录账号为gov_user01；登录密码为Gov#2024!", ["gov_user01；登录密码为Gov#2024!"]),
    ("WiFi密码：gov2024wifi", ["gov2024wifi"]),
    ("管理员口令：P@ssw0rd，请勿外传", ["P@ssw0rd"]),
    ("密码：Abc@1234.", ["Abc@1234"]),
    # negatives
    ("密码：******", []),
    ("账号：admin 密码：xxxxxx", []),
    ("初始密码为身份证号后六位。", []),
    ("密码长度不少于8位，应包含大小写字母。", []),
    ("请妥善保管账号密码。", []),
    ("密码：略", []),
])
def test_password(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


def test_password_action_is_redact():
    [f] = ENGINE.analyze_text("账号：admin 密码：Abc@1234")
    assert (f.category, f.type, f.action, f.detector) == ("credential", "password", "redact",
                                                          "credential.password.v1")


@pytest.mark.parametrize("text, expected", [
    # no colon: the value written straight after 密码/口令
    ("系统管理员密码Ab12345678，请及时修改。", ["Ab12345678"]),
    ("无线网络名称gov-guest，密码gov88888888", ["gov88888888"]),
    ("口令qwer1234请勿告知他人", ["qwer1234"]),
    # a verb after a few characters of filler
    ("初始登录密码统一设置为Hb@2024，首次登录后修改。", ["Hb@2024"]),
    ("默认口令均为123456。", ["123456"]),
    ("密码已重置为Xa9kP2q，请查收。", ["Xa9kP2q"]),
    # look-alikes: lengths, ranges, periods, algorithms, rules
    ("密码长度应为8-16位。", []),
    ("密码有效期为90天。", []),
    ("采用商用密码SM4算法加密传输。", []),
    ("口令应当定期更换，密码均为强口令。", []),
    ("密码RSA2048", []),
    ("初始密码统一为身份证号后六位。", []),
])
def test_password_in_prose(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("管理员账号/密码：admin/Admin@2024", ["admin/Admin@2024"]),
    ("账号密码为 sysadmin / Sys#2024pass", ["sysadmin / Sys#2024pass"]),
    ("登录名 zhangwei 口令 Zw123456", ["zhangwei 口令 Zw123456"]),
    ("请使用以下信息登录：账号 jcy2024 ，密码 Jcy@2024！", ["jcy2024 ，密码 Jcy@2024"]),
    ("堡垒机账号 ops，密码 Ops!2024", ["ops，密码 Ops!2024"]),
    # look-alikes with a space after the word
    ("密码 长度不少于8位", []),
    ("口令 SM2 算法", []),
    ("账号/密码：略", []),
])
def test_password_spaced_and_pairs(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected
