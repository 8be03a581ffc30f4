"""credential.intranet_ip.v1: private IPv4 with digit lookarounds, octets 0–255."""

import pytest

from reviewer.detectors.credential.intranet_ip import IntranetIpRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

REG = DetectorRegistry()
REG.add(IntranetIpRecognizer())
ENGINE = Engine(REG)


def found(text: str) -> list[str]:
    return [f.text for f in ENGINE.analyze_text(text)]


@pytest.mark.parametrize("text, expected", [
    ("服务器地址为192.168.1.1请勿外传", ["192.168.1.1"]),
    ("数据库服务器IP：10.12.0.5", ["10.12.0.5"]),
    ("内网网段10.12.0.0/16已隔离", ["10.12.0.0/16"]),
    ("网关172.16.0.254，备用172.31.255.1", ["172.16.0.254", "172.31.255.1"]),
    ("192.168.100.20", ["192.168.100.20"]),
    ("地址（192.168.0.1）。", ["192.168.0.1"]),
    # negatives
    ("请将软件升级到1.10.2.3版本", []),
    ("客户端版本V10.2.3.4已发布", []),
    ("10.1.2.3 技术要求应符合标准", []),            # clause number, no network context
    ("172.15.0.1 与 172.32.0.1 不是私网地址", []),
    ("192.168.1.256 不是合法地址", []),
    ("公网地址8.8.8.8", []),
    ("1192.168.1.1", []),
    ("192.168.1.1.5", []),
])
def test_intranet_ip(text, expected):
    assert found(text) == expected


def test_intranet_ip_finding_shape():
    [f] = ENGINE.analyze_text("服务器地址为192.168.1.1")
    assert (f.category, f.type, f.action, f.detector) == ("credential", "intranet_ip", "redact",
                                                          "credential.intranet_ip.v1")
    assert f.basis == "《中华人民共和国政府信息公开条例》第十四条"
    assert f.explanation["context_word"] in ("服务器", "地址")
