"""Secrecy detectors: 国家秘密标志, warning labels, distribution limits (条例 第十四条)."""

from reviewer.detectors.secrecy.distribution_limit import DistributionLimitDetector
from reviewer.detectors.secrecy.mark import SecrecyMarkDetector
from reviewer.detectors.secrecy.warning_label import WarningLabelDetector

DETECTORS = (SecrecyMarkDetector, WarningLabelDetector, DistributionLimitDetector)

__all__ = ["DETECTORS", "SecrecyMarkDetector", "WarningLabelDetector", "DistributionLimitDetector"]
