"""The limits the commands apply, from their one home `sakip_analysis.read.limits`."""

from __future__ import annotations

from sakip_analysis.read.limits import LOCK_WAIT_SECONDS, MAX_REPORT_BYTES

__all__ = ["LOCK_WAIT_SECONDS", "MAX_REPORT_BYTES"]
