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
