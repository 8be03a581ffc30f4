import random
from pathlib import Path

import pytest


def write_corpus(root: Path, n: int, seed: int = 1, size: int = 40) -> list[Path]:
    """n realistic UTF-8/GB18030 drafts under root (some in subfolders)."""
    rnd = random.Random(seed)
    paths = []
    for i in range(n):
        sub = root / ("dept%d" % (i % 3)) if i % 2 else root
        sub.mkdir(parents=True, exist_ok=True)
        lines = [f"关于第{i}批政务公开事项的通知"]
        lines += [f"各单位要认真落实第{j}条要求，咨询电话010-6{rnd.randrange(10**7):07d}。" for j in range(size)]
        p = sub / f"doc{i:03d}.txt"
        enc = "gb18030" if i % 4 == 0 else "utf-8"
        p.write_bytes("\n".join(lines).encode(enc))
        paths.append(p)
    return paths


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    write_corpus(src, 12)
    return src
