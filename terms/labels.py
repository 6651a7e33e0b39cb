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

# What an audit row records, as the audit log and a village's history name it.
AUDIT_ACTION_NAMES = {"upload": "上传", "manual": "手工录入", "rollback": "撤销批次", "report": "报告数字写入",
                      "target_set": "设置目标", "fact_accept": "接受报告数字", "fact_reject": "驳回报告数字",
                      "lock": "锁定", "unlock": "解锁", "user_add": "添加账号", "user_passwd": "修改密码",
                      "user_enable": "启用账号", "user_disable": "停用账号", "org_add": "新增村/乡镇",
                      "document_load": "保存报告", "pacing": "设置进度规则", "user_villages": "调整负责的村"}
