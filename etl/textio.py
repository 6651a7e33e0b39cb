"""Read report documents as text: .txt (UTF-8, UTF-8 with BOM, GB18030/GBK), Word (.docx, .doc,
.wps), PDF (text layer, tables, scanned pages) and photos of pages (.jpg, .png).

Pure functions, no database (the format readers are in etl/formats.py). Every error is a
``ValueError`` with a Chinese message that can be shown to the person who uploaded the file.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from etl import formats

SUPPORTED_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".pdf", ".jpg", ".jpeg", ".png")
SUPPORTED_LABEL = ".txt、.docx、.doc、.wps、.pdf、.jpg、.png"
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Document:
    """A report's decoded text, and the stretches of it read by OCR (offsets into text)."""
    name: str
    text: str
    ocr_spans: list[tuple[int, int]] = field(default_factory=list)
    pages: int = 1

    def source_at(self, offset: int) -> str:
        """"ocr" when the text at offset was read from a scan or photo, else "text"."""
        return "ocr" if any(a <= offset < b for a, b in self.ocr_spans) else "text"

# Control characters that never occur in a real text file (tab, newline,
# carriage return and form feed are fine).
_BAD_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> str:
    """Decode a text file's bytes: UTF-8 (BOM stripped) or GB18030/GBK.

    Raises ValueError (Chinese message) for data with NUL bytes (binary files,
    UTF-16) or data that is valid in neither encoding.
    """
    return data.decode(text_encoding(data))


def text_encoding(data: bytes) -> str:
    """The codec that reads these bytes: 'utf-8-sig' (a BOM), 'utf-8' or 'gb18030'.

    Checks the whole text without building it (piece by piece), so a large upload can be
    decoded as it is read. Raises ValueError (Chinese message) as `decode_bytes` does.
    """
    if b"\x00" in data:
        raise ValueError("文件含有空字节（NUL），不是纯文本文件（可能是二进制文件或 UTF-16 编码），请另存为 UTF-8 文本")
    if data.startswith(b"\xef\xbb\xbf"):
        if not _valid(data, "utf-8-sig"):
            raise ValueError("文件开头标明是 UTF-8 编码，但内容不是有效的 UTF-8 文本")
        encoding = "utf-8-sig"
    elif _valid(data, "utf-8"):
        encoding = "utf-8"
    elif _valid(data, "gb18030"):
        encoding = "gb18030"
    else:
        raise ValueError("无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK，请另存为 UTF-8 文本")
    _checked(data[:800_000].decode(encoding, errors="ignore"))
    return encoding


def _valid(data: bytes, encoding: str, piece: int = 1 << 20) -> bool:
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), piece):
            decoder.decode(view[start:start + piece])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _checked(text: str) -> str:
    if _BAD_CONTROL.search(text[:200_000]):
        bad = len(_BAD_CONTROL.findall(text[:200_000]))
        if bad > 2:
            raise ValueError("文件含有大量控制字符，不像是文本文件，请确认文件格式")
    return text


def read_document(path) -> str:
    """The text of a report file (see open_document)."""
    return open_document(path).text


def _joined(name: str, parts: list[formats.Part]) -> Document:
    text, spans = "", []
    for part in parts:
        if text:
            text += "\n"
        if part.source == "ocr":
            spans.append((len(text), len(text) + len(part.text)))
        text += part.text
    return Document(name, text, spans, pages=len(parts))


def _parts(path: Path, suffix: str, progress) -> list[formats.Part]:
    if suffix == ".txt":
        return [formats.Part(decode_bytes(path.read_bytes()))]
    if suffix == ".docx":
        return formats.read_docx(path)
    if suffix in (".doc", ".wps"):
        with tempfile.TemporaryDirectory() as d:
            parts = formats.read_docx(formats.convert_to_docx(path, Path(d)))
        if "\ufffd" in parts[0].text[:400]:  # LibreOffice read a broken file as raw text
            raise ValueError("Word/WPS 文件已损坏，LibreOffice 只能把它当成乱码读取")
        return parts
    if suffix == ".pdf":
        return formats.read_pdf(path, progress)
    return formats.read_image(path)


def open_document(path, progress: formats.Progress | None = None) -> Document:
    """Read a report file into a Document. progress(page, pages, "text"|"ocr") is called per PDF page.

    Raises ValueError with a Chinese message for unsupported, missing, too large or unreadable
    files, and for files with no text at all.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ValueError(f"不支持的文件类型：{name}（只能读取 {SUPPORTED_LABEL}）")
    if not path.is_file():
        raise ValueError(f"无法读取文件 {name}：文件不存在")
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"文件 {name} 有 {path.stat().st_size / 1048576:.1f} MB，超过 20 MB 的上限；请压缩图片或拆分后上传")
    try:
        document = _joined(name, _parts(path, suffix, progress))
    except ValueError as exc:
        message = str(exc)
        if message.startswith("无法读取文件"):
            raise
        raise ValueError(f"无法读取文件 {name}：{message}") from None
    except OSError as exc:
        raise ValueError(f"无法读取文件 {name}：{exc.strerror or '读取失败'}") from None
    if not document.text.strip():
        if document.ocr_spans:
            raise ValueError(f"无法读取文件 {name}：没有文字层，文字识别也没有认出文字（页面可能是空白的，或图片不清晰）")
        raise ValueError(f"无法读取文件 {name}：文件里没有文字")
    return document


def iter_document_paths(paths: Iterable) -> list[Path]:
    """Files to read: given files as they are, directories searched recursively for the supported
    formats (hidden files and folders skipped). Sorted, no duplicates.

    Raises ValueError (Chinese) for a path that does not exist.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in path.rglob("*"):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel):
                    continue
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.add(child)
        elif path.is_file():
            found.add(path)
        else:
            raise ValueError(f"路径不存在：{raw}")
    return sorted(found)
