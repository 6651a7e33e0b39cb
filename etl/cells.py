"""Shared table helpers for every file people upload (figures, targets, villages): problems with
their row and column, header roles and units, cell text and values. Pure functions: no database."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from etl.tabular import FormulaWithoutValue
from etl.upload_rules import BLANK_MARKERS, HEADER_ALIASES
from terms.indicators import INDICATOR_BY_CODE
from terms.numbers import MONEY_UNITS, parse_amount

INDICATOR_COLUMNS = ("collective_income", "new_members", "grid_count", "training_attendance")


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: str | None = None
    level: str = "error"  # error | warning

    def __str__(self) -> str:
        where = ""
        if self.row is not None:
            where = f"第{self.row}行"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}" if where else self.message


class Problems:
    """Errors and warnings collected while validating a file (mixed into the plans)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def warning_count(self) -> int:
        return len(self.warnings)

    def error(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self._add(Problem(message, row, column, "error"))

    def warn(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self._add(Problem(message, row, column, "warning"))

    def _add(self, problem: Problem) -> None:
        self.problems.append(problem)


# ------------------------------------------------------------------ normalising
def clean_text(text: object) -> str:
    """NFKC, without spaces (most text is already NFKC: checking is cheaper than normalising)."""
    text = str(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


# A plain ASCII number, the common case, is parsed without normalising (re.ASCII: full-width
# digits take the general path through NFKC).
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


def is_blank(cell: object) -> bool:
    """Nothing reported in this cell (empty, or a 'not reported' marker)."""
    if cell is None:
        return True
    if isinstance(cell, str):
        if PLAIN_NUMBER.fullmatch(cell):
            return False
        return clean_text(cell).lower() in BLANK_MARKERS
    return False


@lru_cache(maxsize=4096)
def split_unit(header: str) -> tuple[str, str]:
    """'集体经济收入（万元）' → ('集体经济收入', '万元')."""
    text = clean_text(header)
    m = re.match(r"^(.*?)[(\[]([^()\[\]]*)[)\]]$", text)
    if m:
        return m.group(1), m.group(2)
    for unit, _ in MONEY_UNITS:
        if text.endswith(unit) and len(text) > len(unit) + 1 and unit in ("万元", "元"):
            return text[: -len(unit)], unit
    return text, ""


def money_factor(unit: str) -> float | None:
    for word, factor in MONEY_UNITS:
        if unit == word:
            return factor
    return None


def parse_value(cell: object, *, base_factor: float = 1.0, money: bool = False) -> tuple[float | None, str | None]:
    """A cell → (value in the base unit, None), (None, None) for not reported, or (None, error)."""
    if cell is None:
        return None, None
    if isinstance(cell, FormulaWithoutValue):
        return None, (f"公式“{cell}”没有计算结果（文件可能由程序生成、未在 Excel 中保存过），"
                      "请在 Excel 中打开并保存后再上传，或直接填数字")
    if cell.__class__ is str and PLAIN_NUMBER.fullmatch(cell):
        return float(cell) * base_factor, None
    if isinstance(cell, bool):
        return None, f"无法识别的数值“{cell}”"
    if isinstance(cell, (int, float)):
        if cell != cell:  # NaN
            return None, None
        return float(cell) * base_factor, None
    raw = str(cell)
    text = clean_text(raw).replace(",", "").replace("，", "")
    if text.lower() in BLANK_MARKERS:
        return None, None
    if text.startswith("="):
        return None, f"公式“{raw.strip()}”没有计算结果，请在 Excel 中打开并保存后再上传，或直接填数字"
    amount = parse_amount(text, money=money, base_factor=base_factor)
    if amount is None:
        return None, f"无法识别的数值“{raw.strip()}”"
    return amount.value, None


def match_role(header: str) -> tuple[str | None, str]:
    name, unit = split_unit(header)
    if not name:
        return None, unit
    best: tuple[int, str] | None = None
    for role, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            if name == alias or (len(alias) >= 2 and name.startswith(alias) and role in INDICATOR_COLUMNS):
                score = len(alias) * (2 if name == alias else 1)
                if best is None or score > best[0]:
                    best = (score, role)
    return (best[1] if best else None), unit


def find_header(rows: list[list[object]]) -> tuple[int, dict[int, tuple[str, str]]] | None:
    """The first row (within the first 15) with a village column and an indicator or value column."""
    for i, row in enumerate(rows[:15]):
        roles: dict[int, tuple[str, str]] = {}
        for j, cell in enumerate(row):
            if cell is None or not isinstance(cell, str):
                continue
            role, unit = match_role(cell)
            if role and role not in {r for r, _ in roles.values()}:
                roles[j] = (role, unit)
        found = {r for r, _ in roles.values()}
        if "village" in found and (found & set(INDICATOR_COLUMNS) or {"indicator", "value"} <= found):
            return i, roles
    return None


def parse_cell(code: str, cell: object, factor: float) -> float | None | str:
    """Stage 3, one cell with no database: its value in the base unit, None (not reported, never
    zero) or the Chinese message of what is wrong with it."""
    money = code == "collective_income"
    if cell.__class__ is str and PLAIN_NUMBER.fullmatch(cell):
        value = float(cell) * factor  # the common case, without the general parser
    else:
        value, err = parse_value(cell, base_factor=factor, money=money)
        if err:
            return err
        if value is None:
            return None
    if value < 0:
        return f"数值不能为负数（{str(cell).strip()}）"
    value = float(value)
    if value.is_integer():
        return value
    if not money:
        return f"{INDICATOR_BY_CODE[code].name}应为整数，收到“{str(cell).strip()}”"
    return round(value, 2)
