"""Commercial-secret detectors (条例 第十五条; 反不正当竞争法 第九条); see _common.py."""
