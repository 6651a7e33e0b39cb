"""Errors a user can cause and fix; their message is Chinese and says where and what."""


class UserError(Exception):
    """A refusal explained to the user (no traceback is shown for these)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class PermissionDenied(UserError):
    pass
