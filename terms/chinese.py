"""Traditional → simplified Chinese, one character for one (offsets stay valid), from OpenCC's own
dictionary. Used wherever text is compared: village names (db), report text (the extractor)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """code point → simplified character, for every traditional character OpenCC maps to one."""
    table: dict[int, str] = {}
    try:
        text = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - opencc is a dependency
        return table
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and key != first:
            table[ord(key)] = first
    return table


def to_simplified(text: str) -> str:
    return text.translate(t2s_table())
