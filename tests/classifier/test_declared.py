"""The attribute a document declares in its 附注 is checked against the suggestion."""

from reviewer.classifier import suggest

from .helpers import NOTICE, REQUEST, doc, finding

NO_MODEL = "/nonexistent/disclosure-model"


def test_declared_proactive_with_a_secrecy_mark_is_an_error():
    text = "秘密★1年\n" + NOTICE + "（此件主动公开）\n"
    f = finding("secrecy", "secrecy_mark", "秘密★1年", text, action="block", fid="F-s")
    s = suggest(doc(text), [f])
    c = s.declared_check
    assert c["declared"] == "proactive" and c["agrees"] is False
    assert c["severity"] == "error" and "国家秘密标志" in c["message"] and c["finding_ids"] == ["F-s"]
    assert s.needs_human


def test_declared_proactive_with_unredacted_personal_data_is_an_error_even_if_attributes_agree():
    text = NOTICE.replace("举办专场招聘会。", "联系人身份证号110101199003071234。") + "（此件主动公开）\n"
    f = finding("personal", "id_card", "110101199003071234", text, fid="F-id")
    s = suggest(doc(text), [f], model_dir=NO_MODEL)
    c = s.declared_check
    assert s.attribute == "proactive" and c["agrees"] is True
    assert c["severity"] == "error" and "个人信息" in c["message"] and "区分处理" in c["message"]


def test_declared_and_suggested_agree():
    s = suggest(doc(NOTICE + "（此件主动公开）\n"), [])
    assert s.declared_check == {**s.declared_check, "declared": "proactive", "agrees": True, "severity": "ok"}


def test_declared_not_public_but_nothing_found_is_a_warning():
    s = suggest(doc(NOTICE + "（此件不予公开）\n"), [], model_dir=NO_MODEL)
    c = s.declared_check
    assert s.attribute == "proactive"
    assert c["declared"] == "not_public" and not c["agrees"] and c["severity"] == "warning"
    assert "公开为常态" in c["message"]


def test_declared_proactive_request_is_a_warning():
    s = suggest(doc(REQUEST + "（此件主动公开）\n"), [], model_dir=NO_MODEL)
    assert s.attribute == "not_public"
    assert s.declared_check["severity"] == "warning" and s.needs_human


def test_structure_declared_attribute_is_used_when_the_structure_has_it():
    d = doc(NOTICE)
    d.structure.declared_attribute = "依申请公开"
    s = suggest(d, [], model_dir=NO_MODEL)
    assert s.declared_check["declared"] == "on_request"


def test_no_declared_attribute_no_check():
    assert suggest(doc(NOTICE), [], model_dir=NO_MODEL).declared_check is None
