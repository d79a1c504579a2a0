"""Text files line by line: physical line count from the bytes, per-line decoding with
Windows-1252 repair, control bytes, and the recording line source the CSV reader uses."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from transforms.ingest.bundle import BundleError, SourceFile

_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 20  # bytes read at a time
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls other than \t \n \f \r
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(bytes([b])))  # translate()
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG")
_BINARY_SHARE = 0.01  # a head with more control bytes than this is not a text file


def count_lines(path: Path) -> tuple[int, bytes]:
    """Physical lines of a file from its bytes alone, and its line break.

    Counts b"\\n" in 1 MB chunks (b"\\r" for a file holding no LF at all), plus one for a last
    line without a line break. Cheap, and independent of any parser: it is the reference the
    readers' own accounting is checked against.
    """
    lf = cr = 0
    last = b""
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            lf += chunk.count(b"\n")
            if not lf:
                cr += chunk.count(b"\r")
            last = chunk[-1:]
    newline = b"\r" if cr and not lf else b"\n"
    count = cr if newline == b"\r" else lf
    return count + (1 if last and last != newline else 0), newline


def _text_encoding(path: Path, name: str, allow_empty: bool = False) -> str:
    """'utf-8-sig' after a UTF-8 BOM, else 'utf-8' (lines may be repaired, see ``_Decoder``).

    Judged from the first 64 KB: an empty file (unless ``allow_empty``), UTF-16, or a binary
    head (known magic bytes, or over 1% control bytes) is a BundleError.
    """
    with open(path, "rb") as f:
        head = f.read(_HEAD_BYTES)
    empty = len(head) < _HEAD_BYTES and not head.removeprefix(codecs.BOM_UTF8).strip()
    if empty and not allow_empty:
        raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BundleError(f"Berkas '{name}' berenkode UTF-16; simpan ulang sebagai UTF-8.", path)
    if head.startswith(_BINARY_MAGIC) or len(_CONTROL.findall(head)) > len(head) * _BINARY_SHARE:
        raise BundleError(f"Berkas '{name}' bukan berkas teks (berisi data biner).", path)
    return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"


def _blocks(f: BinaryIO, newline: bytes) -> Iterator[bytes]:
    """The file in blocks of about 1 MB, each ending at a line break (the last maybe not)."""
    rest: list[bytes] = []
    while chunk := f.read(_CHUNK):
        cut = chunk.rfind(newline) + 1
        if not cut:
            rest.append(chunk)
            continue
        rest.append(chunk[:cut])
        yield b"".join(rest)
        rest = [chunk[cut:]] if cut < len(chunk) else []
    if rest:
        yield b"".join(rest)


def _split_bytes(data: bytes, newline: bytes) -> list[bytes]:
    """Physical lines of ``data``, line breaks kept."""
    if newline == b"\n":
        return io.BytesIO(data).readlines()
    parts = data.split(newline)
    last = parts.pop()
    return [p + newline for p in parts] + ([last] if last else [])


def _split_text(text: str, breaks: int, newline: str) -> list[str]:
    """Physical lines of ``text`` holding ``breaks`` line breaks ``newline``, breaks kept.

    ``str.splitlines`` is fast but also splits at other characters (VT, FF, a lone CR, U+2028,
    ...): when it finds more lines than there are breaks, split again on ``newline`` only.
    """
    lines = text.splitlines(keepends=True)
    expected = breaks + (1 if text and not text.endswith(newline) else 0)
    if len(lines) == expected:
        return lines
    return io.StringIO(text, newline=newline).readlines()


def _windows_1252_file(path: Path, newline: bytes) -> bool:
    """Some line is not UTF-8 but reads as Windows-1252, and no line holds valid non-ASCII
    UTF-8 (which would show a UTF-8 file with a few stray bytes)."""
    repairable = False
    with open(path, "rb") as f:
        for data in _blocks(f, newline):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                for line in _split_bytes(data, newline):
                    try:
                        line.decode("utf-8")
                    except UnicodeDecodeError:
                        repairable = repairable or _repairable(line)
                        continue
                    if not line.isascii():
                        return False
                continue
            if not data.isascii():
                return False
    return repairable


def _repairable(line: bytes) -> bool:
    try:
        _repair_cp1252(line)
    except UnicodeDecodeError:
        return False
    return True


def _repair_cp1252(raw: bytes) -> tuple[str, bytes]:
    """UTF-8 text whose invalid bytes are read as Windows-1252: (text, the bytes repaired).

    UnicodeDecodeError when one of those bytes is undefined in Windows-1252.
    """
    parts: list[str] = []
    fixed = bytearray()
    while True:
        try:
            parts.append(raw.decode("utf-8"))
            return "".join(parts), bytes(fixed)
        except UnicodeDecodeError as e:
            bad = raw[e.start : e.end]
            parts += [raw[: e.start].decode("utf-8"), bad.decode("cp1252")]
            fixed += bad
            raw = raw[e.end :]


class _Decoder:
    """Decodes blocks of whole physical lines and remembers, per line, what it had to do.

    ``utf-8``: at the first line that is not UTF-8, the whole file is judged once: when some
    line reads as Windows-1252 and no line holds valid non-ASCII UTF-8, the file is Windows-1252
    and the decoder switches to ``cp1252`` (the lines before were ASCII: same text, nothing to
    redo). Otherwise such a line has its invalid bytes read as Windows-1252 (a note) or, holding
    a byte undefined there, becomes a defect. ``utf-8-sig``: any invalid byte is fatal (the BOM
    says the file is UTF-8). ``cp1252``: an undefined byte makes the line a defect. A control
    byte (other than tab, LF, FF, CR) makes its line a defect in every encoding.
    """

    def __init__(self, encoding: str, newline: bytes, src: SourceFile) -> None:
        self.encoding, self.newline, self.src = encoding, newline, src
        self.codec = "cp1252" if encoding == "cp1252" else "utf-8"
        self.evidence = False  # some line held valid non-ASCII UTF-8
        self.repaired = 0  # lines repaired from Windows-1252
        self.notes: dict[int, str] = {}  # physical line -> repair note
        self.defects: dict[int, str] = {}  # physical line -> why it cannot be a record
        self._judged = False  # the file was judged for Windows-1252

    def block(self, data: bytes, first: int) -> list[str]:
        """The lines of ``data`` (whole lines, breaks kept), the first being line ``first``."""
        if first == 1 and self.encoding == "utf-8-sig":
            data = data.removeprefix(codecs.BOM_UTF8)
        lines = self._decode(data, first)
        if data.translate(None, _NOT_CONTROL):  # a control byte somewhere (fast test)
            self._controls(data, first)
        return lines

    def _decode(self, data: bytes, first: int) -> list[str]:
        try:
            text = data.decode(self.codec)
        except UnicodeDecodeError:
            if self._switch_to_cp1252():
                return self._decode(data, first)
            raw = _split_bytes(data, self.newline)
            return [self._line(line, first + i) for i, line in enumerate(raw)]
        if not self.evidence and self.codec == "utf-8" and not data.isascii():
            self.evidence = True
        return _split_text(text, data.count(self.newline), self.newline.decode())

    def _switch_to_cp1252(self) -> bool:
        """Judge the file at its first invalid UTF-8 (once): True when it is Windows-1252."""
        if self.encoding != "utf-8" or self.evidence or self._judged:
            return False
        self._judged = True
        if _windows_1252_file(self.src.path, self.newline):
            self.encoding = self.codec = "cp1252"
            return True
        return False

    def _line(self, raw: bytes, n: int) -> str:
        try:
            text = raw.decode(self.codec)
        except UnicodeDecodeError as e:
            return self._undecodable(raw, n, e)
        if self.codec == "utf-8" and not raw.isascii():
            self.evidence = True
        return text

    def _undecodable(self, raw: bytes, n: int, error: UnicodeDecodeError) -> str:
        if self.encoding == "utf-8-sig":
            raise BundleError(
                f"Berkas '{self.src.label}': pengodean karakter tidak dikenali: berkas diawali "
                f"BOM UTF-8 tetapi baris fisik {n} bukan UTF-8 yang valid.",
                self.src.path,
            )
        if self.encoding == "utf-8":
            try:
                text, fixed = _repair_cp1252(raw)
            except UnicodeDecodeError as e:
                error = e
            else:
                chars = ", ".join(dict.fromkeys(fixed.decode("cp1252")))
                self.repaired += 1
                self.notes[n] = (
                    f"Baris fisik {n}: {len(fixed)} bita Windows-1252 di berkas UTF-8 "
                    f"diperbaiki ({chars})."
                )
                return text
        byte = error.object[error.start]
        self._defect(
            n,
            f"Baris fisik {n} memuat bita 0x{byte:02X} yang bukan karakter UTF-8 "
            "maupun Windows-1252.",
        )
        return raw.decode(self.codec, "backslashreplace")

    def _controls(self, data: bytes, first: int) -> None:
        for i, raw in enumerate(_split_bytes(data, self.newline)):
            if m := _CONTROL.search(raw):
                byte = m.group()[0]
                name = " (NUL)" if byte == 0 else ""
                n = first + i
                self._defect(n, f"Baris fisik {n} berisi karakter kendali 0x{byte:02X}{name}.")

    def _defect(self, n: int, reason: str) -> None:
        self.defects[n] = f"{self.defects[n]} {reason}" if n in self.defects else reason


class _Lines:
    """The physical lines of one file as ``csv.reader`` input.

    Lines are decoded by ``decoder`` block by block, numbered from 1, remembered for the
    current record (``taken``) and can be pushed back when a record is undone.
    """

    def __init__(self, f: BinaryIO, decoder: _Decoder) -> None:
        self.decoder = decoder
        self.read = 0  # physical lines decoded so far
        self.first = 1  # physical number of the current record's first line
        self.taken: list[str] = []  # lines handed out for the current record
        self._blocks = _blocks(f, decoder.newline)
        self._block: Iterator[str] = iter(())
        self._back: list[str] = []  # lines to hand out again, the next one last

    def __iter__(self) -> Iterator[str]:
        """A fresh iterator over the lines not handed out yet (pushed-back ones first)."""
        taken, back = self.taken, self._back
        while True:
            while back:
                line = back.pop()
                taken.append(line)
                yield line
            for line in self._block:  # shared: a fresh iterator continues where one stopped
                taken.append(line)
                yield line
            data = next(self._blocks, None)
            if data is None:
                return
            lines = self.decoder.block(data, self.read + 1)
            self.read += len(lines)
            self._block = iter(lines)

    def plain(self) -> Iterator[str]:
        """The lines once, without record bookkeeping (no ``taken``, no push-back)."""
        for data in self._blocks:
            lines = self.decoder.block(data, self.read + 1)
            self.read += len(lines)
            yield from lines

    def commit(self, n: int) -> None:
        """The first ``n`` lines taken are used up (by complete records)."""
        self.first += n
        if n == len(self.taken):
            self.taken.clear()
        else:
            del self.taken[:n]

    def push_back(self) -> str:
        """Undo the current record but its first line (returned): the others come again."""
        first, *rest = self.taken
        self._back.extend(reversed(rest))
        self.taken.clear()
        self.first += 1
        return first

    def flagged(self, n: int) -> bool:
        """Whether one of the next ``n`` lines (from ``first``) has a defect or a note."""
        end = self.first + n
        return any(k < end for marks in (self.decoder.defects, self.decoder.notes) for k in marks)

    def flags(self, first: int, n: int) -> tuple[str | None, str | None]:
        """(defect, note) of physical lines ``first`` .. ``first + n - 1``, then forgotten."""
        found: list[str | None] = []
        for marks in (self.decoder.defects, self.decoder.notes):
            texts = [marks.pop(k) for k in range(first, first + n) if k in marks] if marks else []
            found.append(" ".join(texts) or None)
        return found[0], found[1]
