"""Chinese names of the codes stored: roles, qualifiers, kinds, review states, scopes."""
from __future__ import annotations

ROLES = ("admin", "clerk", "viewer")
ROLE_NAMES = {"admin": "管理员", "clerk": "村文书", "viewer": "查看"}

QUALIFIER_NAMES = {"exact": "确数", "at_least": "以上/余", "at_most": "以内", "about": "约", "redacted": "已遮挡"}
KIND_NAMES = {"actual": "实际", "target": "目标"}
FACT_STATUS_NAMES = {"pending": "待审核", "accepted": "已接受", "rejected": "已驳回"}


def scope_label(scope: str) -> str:
    if scope == "township":
        return "全乡镇"
    if scope == "per_village":
        return "每村"
    if scope.startswith("village:"):
        return scope.split(":", 1)[1]
    return scope
