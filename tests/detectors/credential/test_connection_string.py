"""credential.connection_string.v1: connection strings and ssh logins, reported whole."""

import pytest

from reviewer.detectors.credential.admin_url import AdminUrlRecognizer
from reviewer.detectors.credential.connection_string import ConnectionStringRecognizer
from reviewer.detectors.credential.intranet_ip import IntranetIpRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

REG = DetectorRegistry()
REG.add(ConnectionStringRecognizer())
ENGINE = Engine(REG)

ALL = DetectorRegistry()
for rec in (ConnectionStringRecognizer(), AdminUrlRecognizer(), IntranetIpRecognizer()):
    ALL.add(rec)
ENGINE_ALL = Engine(ALL)


@pytest.mark.parametrize("text, expected", [
    ("业务库地址 jdbc:mysql://10.16.2.31:3306/xzsp?useSSL=false&user=sp&password=Sp2023x。",
     ["jdbc:mysql://10.16.2.31:3306/xzsp?useSSL=false&user=sp&password=Sp2023x"]),
    ("连接串为jdbc:oracle:thin:@192.168.40.8:1521:rkdb，请勿外传",
     ["jdbc:oracle:thin:@192.168.40.8:1521:rkdb"]),
    ("jdbc:sqlserver://172.18.0.4:1433;databaseName=gjj", ["jdbc:sqlserver://172.18.0.4:1433;databaseName=gjj"]),
    ("空间库：postgres://gis_rw:Gis#2024@172.21.3.9:5432/gis，", ["postgres://gis_rw:Gis#2024@172.21.3.9:5432/gis"]),
    ("缓存redis://:Rds2024!@10.0.8.15:6379/2", ["redis://:Rds2024!@10.0.8.15:6379/2"]),
    ("mongodb+srv://ops:Mo2024pw@cluster0.intra/logs", ["mongodb+srv://ops:Mo2024pw@cluster0.intra/logs"]),
    ("材料上传 ftp://shangchuan:Ftp5566@192.168.3.200/in 目录", ["ftp://shangchuan:Ftp5566@192.168.3.200/in"]),
    ("备用地址http://admin:Adm1n2024@10.9.9.9:8080/", ["http://admin:Adm1n2024@10.9.9.9:8080/"]),
    ("运维通过 ssh root@10.20.30.40 -p 2222 登录", ["ssh root@10.20.30.40 -p 2222"]),
    ("执行 mysql -h 10.1.2.3 -u root -pRoot2024 进入", ["mysql -h 10.1.2.3 -u root -pRoot2024 "]),
    # look-alikes
    ("国家标准全文公开系统 https://openstd.samr.gov.cn/bzgk/gb/", []),
    ("镜像站 ftp://ftp.example.org/pub/docs", []),            # a public download site
    ("数据库应当采用MySQL或PostgreSQL等国产化适配产品。", []),
    ("工作人员应通过SSH协议远程维护设备。", []),
    ("邮箱 zhangsan@hebei.gov.cn", []),
])
def test_connection_string(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


def test_connection_string_wins_over_the_ip_and_url_inside_it():
    text = "使用 postgresql://gis:Gis_2024pg@172.20.1.9:5432/gisdb 访问"
    [f] = ENGINE_ALL.analyze_text(text)
    assert (f.type, f.text) == ("connection_string", "postgresql://gis:Gis_2024pg@172.20.1.9:5432/gisdb")
    assert (f.category, f.action) == ("credential", "redact")
