import pytest

from reviewer.detectors.personal.vehicle_plate import VehiclePlateRecognizer


@pytest.mark.parametrize("text, expected", [
    ("车牌号京L12345", ["京L12345"]),
    ("粤BD12345", ["粤BD12345"]),
    ("粤B12345F", ["粤B12345F"]),
    ("冀A·5B8C9", ["冀A·5B8C9"]),
    ("车辆豫A1234学", ["豫A1234学"]),
    ("京A12345号车", ["京A12345"]),
    ("京A***45", []),                 # masked
    ("陕XXX010", []),                  # masked with X
    ("京AB1234", ["京AB1234"]),        # letters are allowed in the serial
    ("京I12345", []),                  # I is not used
    ("京A123456", []),                 # too long
    ("京ICP备05070218号", []),
    ("冀政办字〔2024〕12号", []),
])
def test_vehicle_plate(engine_for, text, expected):
    fs = engine_for(VehiclePlateRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected


@pytest.mark.parametrize("text, expected", [
    ("车牌号：京A·12345", ["京A·12345"]),
    ("粤B·D12345", ["粤B·D12345"]),
    ("京AD12345", ["京AD12345"]),
    ("冀A-12345", ["冀A-12345"]),
    ("沪A 12345F", ["沪A 12345F"]),
    ("京A·***45", []),
])
def test_vehicle_plate_separators_and_new_energy(engine_for, text, expected):
    assert [f.text for f in engine_for(VehiclePlateRecognizer).analyze_text(text)] == expected
