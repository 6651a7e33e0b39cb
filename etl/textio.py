"""Read report documents as text: .txt (UTF-8, UTF-8 with BOM, GB18030/GBK), .docx, .pdf.

Pure functions, no database.  Every error is a ``ValueError`` with a Chinese
message that can be shown to the person who uploaded the file.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")

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
    """Return the text of a .txt, .docx or .pdf file.

    .txt: decoded bytes; .docx: paragraphs joined with "\\n"; .pdf: the pages'
    extracted text joined with "\\n".  Raises ValueError with a Chinese message
    for unsupported, missing or unreadable files.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ValueError(f"不支持的文件类型：{name}（只能读取 .txt、.docx、.pdf）")
    if not path.is_file():
        raise ValueError(f"无法读取文件 {name}：文件不存在")
    try:
        if suffix == ".txt":
            return decode_bytes(path.read_bytes())
        if suffix == ".docx":
            return _read_docx(path)
        return _read_pdf(path)
    except ValueError as exc:
        message = str(exc)
        if message.startswith("无法读取文件"):
            raise
        raise ValueError(f"无法读取文件 {name}：{message}") from None
    except OSError as exc:
        raise ValueError(f"无法读取文件 {name}：{exc.strerror or '读取失败'}") from None


def _read_docx(path: Path) -> str:
    import zipfile

    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise ValueError("缺少 python-docx，无法读取 .docx 文件") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):
        raise ValueError("不是有效的 Word（.docx）文件，可能已损坏或扩展名不对") from None
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on broken XML
        raise ValueError("Word（.docx）文件内容已损坏，无法解析") from None
    return "\n".join(p.text for p in document.paragraphs)


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise ValueError("缺少 pypdf，无法读取 .pdf 文件") from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001
                raise ValueError("PDF 文件已加密，无法读取") from None
        pages = [(page.extract_text() or "") for page in reader.pages]
    except ValueError:
        raise
    except (PdfReadError, OSError, KeyError, TypeError, AttributeError, IndexError):
        raise ValueError("不是有效的 PDF 文件，可能已损坏") from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ValueError("PDF 文件已损坏，无法解析") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ValueError(f"无法读取文件 {path.name}：没有文字层（可能是扫描件，需要先做文字识别）")
    return text


def iter_document_paths(paths: Iterable) -> list[Path]:
    """Files to read: given files as they are, directories searched recursively
    for .txt/.docx/.pdf (hidden files and folders skipped).  Sorted, no duplicates.

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
