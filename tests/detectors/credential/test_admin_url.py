"""credential.admin_url.v1: internal hosts and management paths, not ordinary public pages."""

import pytest

from reviewer.detectors.credential.admin_url import AdminUrlRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

REG = DetectorRegistry()
REG.add(AdminUrlRecognizer())
ENGINE = Engine(REG)


@pytest.mark.parametrize("text, expected", [
    ("登录地址：http://192.168.12.24:8080/eportall/admin，请妥善保管", ["http://192.168.12.24:8080/eportall/admin"]),
    ("后台https://www.example.gov.cn/manage/login.jsp", ["https://www.example.gov.cn/manage/login.jsp"]),
    ("内网OA：http://oa.local/。", ["http://oa.local/"]),
    ("系统地址 172.20.3.4:8443/console", ["172.20.3.4:8443/console"]),
    ("访问http://intranet:8080/", ["http://intranet:8080/"]),
    ("（见https://oa.example.gov.cn/login）", ["https://oa.example.gov.cn/login"]),
    # negatives
    ("详见https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm", []),
    ("网站：http://www.hebei.gov.cn", []),
    ("邮箱 admin@example.com", []),
])
def test_admin_url(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


def test_admin_url_is_redacted_with_security_basis():
    [f] = ENGINE.analyze_text("http://10.0.0.8:7001/console")
    assert (f.type, f.action) == ("admin_url", "redact")
    assert "第十四条" in f.basis


@pytest.mark.parametrize("text, expected", [
    ("后台管理入口 10.3.2.1/admin/login.jsp", ["10.3.2.1/admin/login.jsp"]),
    ("访问 192.168.10.5/manage 进行配置", ["192.168.10.5/manage"]),
    ("内网OA地址 oa.hb.local/portal", ["oa.hb.local/portal"]),
    # look-alikes: a ratio or a date with a slash, a public domain, an e-mail
    ("占比10.3.2.1/年", []),
    ("见 www.hebei.gov.cn/xxgk 栏目", []),
    ("发送至 notice@hb.local", []),
])
def test_admin_url_without_scheme(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected
