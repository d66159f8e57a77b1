"""Hostile inputs for the fuzz suite: mutators driven by a ``random.Random``, and hypothesis
strategies around them.

Every generator here takes a ``random.Random`` and a :class:`Size`, so the same code feeds the
quick profile (hypothesis drives the ``Random`` through ``st.randoms``: reproducible, shrinkable
choice by choice) and the long profile of ``scripts/fuzz.py`` (``random.Random(seed)``: the seed
alone reproduces an input). What they make:

- draft files (:func:`draft_file_bytes`): the bundled example with wrong types at any path,
  missing and extra keys, huge strings and numbers, deep nesting, duplicate keys, NaN/Infinity,
  lone surrogates, control characters, then written as UTF-8, with a BOM, as UTF-16/32,
  Latin-1 or cp1258, cut short, with bytes flipped …
- figures (:func:`figure_text`): Vietnamese numbers as officials type them and as they should
  not, Unicode digits, huge numbers, ``1e999``, ranges, ratios, noise;
- layout profiles and form files (:func:`layout_bytes`, :func:`template_bytes`): the bundled
  ones mutated the same way;
- data folders (:func:`damage_data_folder`, in :mod:`harness` terms a sandbox): damaged index,
  settings, lock and version files, stray files and folders, links, FIFOs, a file where a folder
  belongs, no permission.
"""

from __future__ import annotations

import copy
import functools
import json
import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FILE = ROOT / "resources" / "examples" / "kl62-dien-chau.json"
LAYOUT_FILE = ROOT / "resources" / "layouts" / "party-hd36.json"
TEMPLATE_FILE = ROOT / "resources" / "templates" / "kl62.json"


@dataclass(frozen=True)
class Size:
    """How big hostile values may get: small in the quick profile, up to the limits in the long."""

    max_string: int  # characters of one huge string
    max_items: int  # entries of one huge list or object
    huge_file: bool  # files around the 16 MB draft limit
    render_string: int  # characters of one huge string in a draft that is printed


QUICK = Size(max_string=3_000, max_items=2_100, huge_file=False, render_string=2_000)
LONG = Size(max_string=2_100_000, max_items=2_100, huge_file=True, render_string=60_000)


@functools.cache
def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def example_document() -> Any:
    """The bundled example draft, parsed (a fresh copy each time)."""
    return copy.deepcopy(_load(EXAMPLE_FILE))


def layout_document() -> Any:
    return copy.deepcopy(_load(LAYOUT_FILE))


def template_document() -> Any:
    return copy.deepcopy(_load(TEMPLATE_FILE))


# --- JSON that json.dumps cannot write ------------------------------------------------------


class Pairs(list[tuple[Any, Any]]):
    """A JSON object written with its pairs as given: duplicate keys allowed."""


class Raw(str):
    """JSON text written as it is: ``NaN``, ``1e999``, a 5,000-digit integer, deep nesting."""


def dumps(value: Any, *, ascii_only: bool = False, indent: int | None = None) -> str:
    """JSON text of ``value``, which may hold :class:`Pairs`, :class:`Raw`, NaN, lone surrogates.

    Iterative only where it must be: the values built here are at most a few dozen levels deep
    (deep nesting is :class:`Raw` text).
    """
    pad = "" if indent is None else "\n"

    def item(v: Any, level: int) -> str:
        inner = pad + " " * (indent or 0) * (level + 1)
        outer = pad + " " * (indent or 0) * level
        if isinstance(v, Raw):
            return str(v)
        if isinstance(v, Pairs):
            if not v:
                return "{}"
            body = ("," + inner).join(f"{item(str(k), 0)}: {item(x, level + 1)}" for k, x in v)
            return "{" + inner + body + outer + "}"
        if isinstance(v, dict):
            return item(Pairs(v.items()), level)
        if isinstance(v, (list, tuple)):
            if not v:
                return "[]"
            return "[" + inner + ("," + inner).join(item(x, level + 1) for x in v) + outer + "]"
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=ascii_only)
        if isinstance(v, bool) or v is None:
            return json.dumps(v)
        if isinstance(v, float):
            return json.dumps(v)  # NaN, Infinity, -Infinity as Python writes them
        if isinstance(v, int):
            return str(v)
        raise TypeError(f"not JSON: {type(v)}")

    return item(value, 0)


# --- hostile pieces -------------------------------------------------------------------------

VIETNAMESE = [
    "Đảng ủy xã", "Mặt trận Tổ quốc", "đoàn thể chính trị - xã hội", "khoảng 120 hộ dân",
    "500.000.000 đồng", "92,5%", "8/8 chi bộ", "5 – 6 triệu/năm", "Nghị quyết số 12-NQ/ĐU",
    "ngày 15/4/2026", "Nguyễn Thị Hoà", "ĐẢNG BỘ TỈNH NGHỆ AN",
]  # fmt: skip
NFD_VIETNAMESE = [
    "Đa\u0309ng u\u0309y xa\u0303", "Vie\u0323\u0302t Nam", "tie\u0302\u0301ng Vie\u0323\u0302t",
]  # fmt: skip
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
LINE_BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\n\n"]
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066", "\u00ad",
]  # fmt: skip
SURROGATES = ["\ud800", "\udfff", "\udbff", "\udc00", "\ud83d"]
ASTRAL = ["😀", "𝟏𝟐", "\U0010ffff", "\ue000", "\uffff", "\ufffe", "\U000e0001", "ﷺ", "🇻🇳"]
MARKUP = [
    "<b>đậm</b>", "<para>", "</para>", "&amp;", "&#0;", "&#x1F600;",
    "<font name='Times'>x</font>", "]]>", "<![CDATA[", "<p>Đoạn</p><br>", "<!-- chú thích -->",
    "<w:t>", "<script>alert(1)</script>", "<", ">", "&",
]  # fmt: skip
PLACEHOLDERS = ["{commune}", "{x}", "{{", "}}", "%s", "%(x)s", "{0}", "{subject}", "$HOME", "\\N"]
LEGACY = ["§¶ng ñy x·", "Ban Th­êng vô", "Vieät Nam", "ÑAÛNG UÛY", "C«ng t¸c"]
FIGURE_LIKE = ["1.000.000", "١٢٣", "½", "²", "１２３", "1e999", "-0", "9" * 40, "1.2.3", "1,000"]
PATHS = ["../../etc/passwd", "..\\..\\x", "/", "CON", "nul.txt", "a" * 300, "\x00", "~/"]
SPECIAL_KEYS = [
    "", " ", "__proto__", "constructor", "\x00", "format", "draft_id", "I.1", "a.b", "x[0]",
    "{commune}", "<b>", "😀", "Đa\u0309ng", "\ud800", "\udfff",
]  # fmt: skip


def _choice(rng: random.Random, pools: list[list[str]]) -> str:
    return rng.choice(rng.choice(pools))


def long_run(rng: random.Random, n: int) -> str:
    """A string of about ``n`` characters, of one of the shapes that slow text handling down."""
    unit = rng.choice(
        [
            "x",
            "a ",
            "\n",
            " ",
            "-",
            "Đ",
            "1",
            "1.000.",
            "<b>",
            "&amp;",
            "- gạch đầu dòng\n",
            "từ ",
            "\u0301",
            "😀",
            "\t",
            "khoảng 5 triệu đồng, ",
            "Ch\xabng t\xac",
        ]
    )
    return (unit * (n // len(unit) + 1))[:n]


def hostile_text(rng: random.Random, size: Size, *, limit: int | None = None) -> str:
    """Text that text handling may choke on: controls, surrogates, markup, NFD, huge runs."""
    cap = limit if limit is not None else size.max_string
    pools = [
        VIETNAMESE,
        NFD_VIETNAMESE,
        CONTROLS,
        LINE_BREAKS,
        INVISIBLE,
        SURROGATES,
        ASTRAL,
        MARKUP,
        PLACEHOLDERS,
        LEGACY,
        FIGURE_LIKE,
        PATHS,
    ]
    parts: list[str] = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.12:
            parts.append(long_run(rng, rng.choice([cap, cap // 2, rng.randint(1, max(1, cap))])))
        elif roll < 0.2:
            parts.append("a" + "\u0301" * rng.randint(1, min(cap, 500)))  # a stack of accents
        else:
            parts.append(_choice(rng, pools))
    text = "".join(parts)
    return text[:cap]


def hostile_key(rng: random.Random, size: Size) -> str:
    if rng.random() < 0.7:
        return rng.choice(SPECIAL_KEYS)
    return hostile_text(rng, size, limit=min(size.max_string, 20_000))


# Number tokens json.dumps cannot write, as JSON text.
NUMBER_TOKENS = [
    "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999", "1E400", "-0", "-0.0", "5e-324",
    "1.7976931348623157e308", "9" * 4300, "9" * 4301, "-" + "9" * 5000, "1" + "0" * 30,
    "0." + "0" * 5000 + "1", "123456789012345678901234567890.5", "1" * 20_000,
]  # fmt: skip


def hostile_number(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.5:
        return Raw(rng.choice(NUMBER_TOKENS))
    return rng.choice(
        [0, -1, 1, 2, 2**31, 2**63, 2**64 + 1, -(2**63), 10**300, 0.5, -0.0, 1e308, 3.14, 99]
    )


def deep_nesting(rng: random.Random) -> Raw:
    depth = rng.choice([11, 12, 13, 40, 200, 999, 1_001, 5_000, 100_000])
    kind = rng.random()
    if kind < 0.4:
        return Raw("[" * depth + "]" * depth)
    if kind < 0.8:
        return Raw('{"a":' * depth + "1" + "}" * depth)
    return Raw('[{"text":' * depth + '"x"' + "}]" * depth)


_NOTHING = object()


def hostile_value(rng: random.Random, size: Size, *, unlike: Any = _NOTHING) -> Any:
    """Any JSON value, preferably of another type than ``unlike``."""
    makers: list[Callable[[], Any]] = [
        lambda: None,
        lambda: rng.choice([True, False]),
        lambda: hostile_number(rng),
        lambda: hostile_text(rng, size),
        lambda: "",
        lambda: [],
        lambda: {},
        lambda: [hostile_text(rng, size, limit=200) for _ in range(rng.randint(1, 4))],
        lambda: {hostile_key(rng, size): hostile_text(rng, size, limit=200)},
        lambda: [None, 1, "x", [], {}],
        lambda: deep_nesting(rng),
    ]
    for _ in range(4):
        value = rng.choice(makers)()
        if type(value) is not type(unlike):
            return value
    return value


# --- paths inside a document ----------------------------------------------------------------

Path_ = tuple[str | int, ...]


def paths(doc: Any) -> list[Path_]:
    """Every place in a parsed JSON document, the root first."""
    out: list[Path_] = []
    stack: list[tuple[Path_, Any]] = [((), doc)]
    while stack:
        where, value = stack.pop()
        out.append(where)
        if isinstance(value, dict):
            stack.extend(((*where, k), v) for k, v in value.items())
        elif isinstance(value, list) and not isinstance(value, Pairs):
            stack.extend(((*where, i), v) for i, v in enumerate(value))
    out.sort(key=lambda p: (len(p), [str(x) for x in p]))
    return out


def get_at(doc: Any, where: Path_) -> Any:
    for step in where:
        doc = doc[step]
    return doc


def set_at(doc: Any, where: Path_, value: Any) -> Any:
    """``doc`` with the value at ``where`` replaced (the root itself when ``where`` is empty)."""
    if not where:
        return value
    parent = get_at(doc, where[:-1])
    parent[where[-1]] = value
    return doc


def show(where: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where) or "(root)"


# --- document mutators ----------------------------------------------------------------------

Mutator = Callable[[random.Random, Any, Size], tuple[Any, str]]


def _pick(rng: random.Random, doc: Any, want: Callable[[Any], bool] | None = None) -> Path_ | None:
    found = [p for p in paths(doc) if want is None or want(get_at(doc, p))]
    return rng.choice(found) if found else None


def m_wrong_type(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc)
    assert where is not None
    value = hostile_value(rng, size, unlike=get_at(doc, where))
    return set_at(doc, where, value), f"wrong type at {show(where)}: {_brief(value)}"


def m_drop_key(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc, lambda v: isinstance(v, dict) and bool(v))
    if where is None:
        return doc, "no key to drop"
    parent = get_at(doc, where)
    key = rng.choice(sorted(parent))
    del parent[key]
    return doc, f"dropped {show((*where, key))}"


def m_extra_key(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc, lambda v: isinstance(v, dict))
    if where is None:
        return doc, "no object for an extra key"
    key = hostile_key(rng, size)
    value = hostile_value(rng, size)
    get_at(doc, where)[key] = value
    return doc, f"extra key {_brief(key)} at {show(where)}: {_brief(value)}"


def m_huge_string(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc, lambda v: isinstance(v, str))
    if where is None:
        return doc, "no string to grow"
    n = rng.choice([size.max_string, size.max_string // 3, 20_001, 2_000_001, 19_999])
    value = long_run(rng, min(n, size.max_string))
    return set_at(doc, where, value), f"huge string ({len(value):,} chars) at {show(where)}"


def m_huge_number(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc)
    assert where is not None
    value = hostile_number(rng)
    return set_at(doc, where, value), f"number {_brief(value)} at {show(where)}"


def m_deep(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc)
    assert where is not None
    value = deep_nesting(rng)
    return set_at(doc, where, value), f"deep nesting ({len(value):,} chars) at {show(where)}"


def m_duplicate_key(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc, lambda v: isinstance(v, dict) and bool(v))
    if where is None:
        return doc, "no object for a duplicate key"
    obj = get_at(doc, where)
    key = rng.choice(sorted(obj))
    pairs = Pairs(obj.items())
    twin = (key, hostile_value(rng, size))
    pairs.insert(rng.randint(0, len(pairs)), twin)
    return set_at(doc, where, pairs), f"duplicate key {show((*where, key))}: {_brief(twin[1])}"


def m_many_items(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    where = _pick(rng, doc, lambda v: isinstance(v, (dict, list)) and not isinstance(v, Pairs))
    if where is None:
        return doc, "no list or object to grow"
    n = rng.choice([size.max_items, 2_001, 1_999, 500])
    value = get_at(doc, where)
    if isinstance(value, dict):
        filler = rng.choice(["", "x", "1", "I.1", None])
        for i in range(n):
            value[f"k{i}"] = filler
    else:
        item = rng.choice(["", "x", {"label": "a", "value": "1"}, None])
        value.extend(copy.deepcopy(item) for _ in range(n))
    return doc, f"{n} more items at {show(where)}"


def m_spice_string(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    """Control characters, surrogates, markup … put inside one string."""
    where = _pick(rng, doc, lambda v: isinstance(v, str))
    if where is None:
        return doc, "no string to spice"
    old = get_at(doc, where)
    extra = hostile_text(rng, size, limit=min(size.max_string, 500))
    at = rng.randint(0, len(old))
    return set_at(doc, where, old[:at] + extra + old[at:]), f"spiced {show(where)}: {_brief(extra)}"


def m_known_place(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    """A value of the right type but a tricky meaning at one of the places a draft names."""
    if not isinstance(doc, dict):
        return doc, "not an object"
    choices: list[tuple[Path_, list[Any]]] = [
        (("format_version",), [0, -1, 2, 1.0, True, "1", 10**30, Raw("1e999"), None]),
        (("format",), ["dienchau-draft ", "DIENCHAU-DRAFT", "dienchau-template", ""]),
        (
            ("template", "id"),
            ["KL62", "kl62 ", "../kl62", "kl62/../kl62", "kl63", "", "con", "x" * 300],
        ),
        (("template", "version"), [0, -1, 2, True, 1.5, "1", 10**100, Raw("NaN")]),
        (("meta", "draft_id"), ["../../x", "0" * 32, "A" * 32, "0" * 31, "g" * 32, "", "0" * 33]),
        (("meta", "report_date"), DATES),
        (("meta", "instruction_date"), DATES),
        (("meta", "created"), STAMPS),
        (("meta", "updated"), STAMPS),
        (("meta", "recipients"), [[], [""], ["x"] * 2_001, [1, 2], "a string", [["nested"]]]),
        (("answers",), [{}, {"I.1": {}}, {"zz": {"text": "x"}}, {"": {}}, {"I.1": None}]),
    ]
    where, values = rng.choice(choices)
    value = rng.choice(values)
    try:
        parent = get_at(doc, where[:-1])
    except (KeyError, IndexError, TypeError):
        return doc, f"no {show(where)}"
    if not isinstance(parent, dict):
        return doc, f"no {show(where)}"
    parent[where[-1]] = copy.deepcopy(value)
    return doc, f"{show(where)} = {_brief(value)}"


DATES = [
    "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "10000-01-01", "31/12/9999",
    "1/1/0001", "29/2/2025", "2026-4-15", " 2026-04-15 ", "15.04.2026", "15-04-2026", "١٥/٤/٢٠٢٦",
    "2026-04-15T25:00", "9" * 5_000, "",
]  # fmt: skip
STAMPS = [
    "2026-04-15T08:00:00+07:00", "2026-04-15T08:00:00+99:00", "not a time", "9999-12-31T23:59:59",
    "0001-01-01T00:00:00-23:59", "2026-04-15T08:00:00.123456789Z", "", "+002026-04-15",
]  # fmt: skip


def m_figure_values(rng: random.Random, doc: Any, size: Size) -> tuple[Any, str]:
    """Tricky figures in the evidence column (strings and numbers, both allowed)."""
    answers = doc.get("answers") if isinstance(doc, dict) else None
    if not isinstance(answers, dict) or not answers:
        return doc, "no answers"
    qid = rng.choice(sorted(answers))
    answer = answers[qid]
    if not isinstance(answer, dict):
        return doc, f"answer {qid} is not an object"
    figures = answer.setdefault("figures", {})
    if not isinstance(figures, dict):
        return doc, f"figures of {qid} is not an object"
    key = rng.choice([*sorted(figures), "so_lieu_la", "ty_le", ""]) if figures else "x"
    value: Any = figure_text(rng, size)
    if rng.random() < 0.15:
        value = rng.choice([1e308, -1, 0.1, 2**70, Raw("1e999"), Raw("NaN"), Raw("-Infinity")])
    figures[key] = value
    return doc, f"answers.{qid}.figures.{key} = {_brief(value)}"


DRAFT_MUTATORS: list[Mutator] = [
    m_wrong_type,
    m_drop_key,
    m_extra_key,
    m_huge_string,
    m_huge_number,
    m_deep,
    m_duplicate_key,
    m_many_items,
    m_spice_string,
    m_known_place,
    m_figure_values,
    m_figure_values,
    m_spice_string,
]
LAYOUT_MUTATORS: list[Mutator] = [
    m_wrong_type,
    m_wrong_type,
    m_drop_key,
    m_extra_key,
    m_huge_string,
    m_huge_number,
    m_huge_number,
    m_deep,
    m_duplicate_key,
    m_spice_string,
    m_spice_string,
]


def mutate(
    rng: random.Random, doc: Any, size: Size, mutators: list[Mutator], *, most: int = 3
) -> tuple[Any, list[str]]:
    """``doc`` changed by one to ``most`` mutators, and what each did."""
    said = []
    for _ in range(rng.randint(1, most)):
        doc, what = rng.choice(mutators)(rng, doc, size)
        said.append(what)
    return doc, said


def _brief(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 12]}…({len(text):,} chars)"


# --- writing a document as bytes ------------------------------------------------------------


def encode(rng: random.Random, doc: Any) -> tuple[bytes, str]:
    """The document as file bytes: usually UTF-8, sometimes any of the encodings people meet."""
    text = dumps(doc, ascii_only=rng.random() < 0.3, indent=rng.choice([None, 2, 2, 1]))
    roll = rng.random()
    if roll < 0.55:
        return text.encode("utf-8", "surrogatepass"), "utf-8"
    name = rng.choice(
        [
            "utf-8-sig",
            "double-bom",
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "latin-1",
            "cp1258",
            "crlf",
            "cr",
            "bom-in-middle",
        ]
    )
    if name == "double-bom":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"), name
    if name == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", "surrogatepass"), name
    if name == "cr":
        return text.replace("\n", "\r").encode("utf-8", "surrogatepass"), name
    if name == "bom-in-middle":
        raw = text.encode("utf-8", "surrogatepass")
        at = rng.randint(0, len(raw))
        return raw[:at] + b"\xef\xbb\xbf" + raw[at:], name
    if name in ("latin-1", "cp1258"):
        return text.encode(name, "replace"), name
    return text.encode(name, "surrogatepass"), name


def damage_bytes(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    """``raw`` broken at the byte level the ways disks, USB sticks and e-mail break files."""
    kind = rng.choice(
        [
            "truncate",
            "flip",
            "nul",
            "garbage-in",
            "trailing",
            "leading",
            "empty",
            "blank",
            "twice",
            "zip-magic",
            "pdf-magic",
            "gzip",
            "cut-utf8",
        ]
    )
    if kind == "truncate":
        at = rng.randint(0, max(0, len(raw) - 1))
        return raw[:at], f"truncated at {at}"
    if kind == "flip" and raw:
        out = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out), "bits flipped"
    if kind == "nul":
        at = rng.randint(0, len(raw))
        return raw[:at] + b"\x00" + raw[at:], "NUL byte"
    if kind == "garbage-in":
        at = rng.randint(0, len(raw))
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        return raw[:at] + junk + raw[at:], "garbage inserted"
    if kind == "trailing":
        return raw + rng.choice([b"}", b"garbage", b"\n{}", b"\x00"]), "trailing data"
    if kind == "leading":
        return rng.choice([b"//", b"x", b"\xff\xfe", b")]}'\n"]) + raw, "leading data"
    if kind == "empty":
        return b"", "empty"
    if kind == "blank":
        return rng.choice([b" ", b"\n\n", b"\t \r\n", b"\xef\xbb\xbf"]), "blank"
    if kind == "twice":
        return raw + raw, "document twice"
    if kind == "zip-magic":
        return b"PK\x03\x04" + raw[:200], "zip header"
    if kind == "pdf-magic":
        return b"%PDF-1.7\n" + raw[:200], "pdf header"
    if kind == "gzip":
        import gzip

        return gzip.compress(raw[:2000], mtime=0), "gzip"
    # cut-utf8: end in the middle of a multi-byte character
    for i in range(len(raw) - 1, 0, -1):
        if raw[i] >= 0xC0:
            return raw[: i + 1], "cut inside a UTF-8 character"
    return raw[:-1], "cut"


def document_bytes(
    rng: random.Random, doc: Any, size: Size, mutators: list[Mutator]
) -> tuple[bytes, list[str]]:
    """A mutated document as file bytes, and what was done to it."""
    said: list[str] = []
    if rng.random() < 0.9:
        doc, said = mutate(rng, doc, size, mutators)
    raw, how = encode(rng, doc)
    said.append(f"written {how}")
    if rng.random() < 0.15:
        raw, damage = damage_bytes(rng, raw)
        said.append(damage)
    return raw, said


def draft_file_bytes(rng: random.Random, size: Size) -> tuple[bytes, list[str]]:
    """A draft file: the example, mutated, encoded, maybe damaged; or, in the long profile,
    one at the 16 MB limit."""
    if size.huge_file and rng.random() < 0.01:
        return huge_draft_bytes(rng)
    return document_bytes(rng, example_document(), size, DRAFT_MUTATORS)


def huge_draft_bytes(rng: random.Random) -> tuple[bytes, list[str]]:
    """A draft file just under or just over the 16 MB limit (long profile only)."""
    limit = 16 * 1024 * 1024
    doc = example_document()
    over = rng.random() < 0.5
    room = limit - len(json.dumps(doc).encode()) - 100
    target = room + (4096 if over else -4096)
    per = min(1_999_000, target // 8 + 1)
    for qid in list(doc["answers"])[:8]:
        doc["answers"][qid]["text"] = long_run(rng, per)
    raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return raw, [f"huge draft file ({len(raw):,} bytes)"]


def render_draft_bytes(rng: random.Random, size: Size) -> tuple[bytes, list[str]]:
    """A draft to print: mutated like any other, but with its huge strings kept printable in
    time (a report of tens of millions of characters is slow to lay out, not a bug)."""
    printable = Size(size.render_string, size.max_items, False, size.render_string)
    return document_bytes(rng, example_document(), printable, DRAFT_MUTATORS)


def layout_bytes(rng: random.Random, size: Size) -> tuple[bytes, list[str]]:
    return document_bytes(rng, layout_document(), size, LAYOUT_MUTATORS)


def template_bytes(rng: random.Random, size: Size) -> tuple[bytes, list[str]]:
    return document_bytes(rng, template_document(), size, [*LAYOUT_MUTATORS, m_drop_key])


def mutated_document(
    rng: random.Random, doc: Any, size: Size, mutators: list[Mutator]
) -> tuple[Any, list[str]]:
    """A mutated document as parsed JSON (for the parse functions themselves)."""
    doc, said = mutate(rng, doc, size, mutators)
    # What json.loads would give: Raw text parsed, Pairs as their last value, like a file read.
    text = dumps(doc, ascii_only=True)
    try:
        return json.loads(text), said
    except (ValueError, RecursionError):
        return None, [*said, "(not JSON: None instead)"]


# --- figures --------------------------------------------------------------------------------

DIGIT_SETS = [
    "0123456789",
    "0123456789",
    "0123456789",
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",  # Persian
    "０１２３４５６７８９",  # full width
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",  # mathematical bold
    "⁰¹²³⁴⁵⁶⁷⁸⁹",  # superscripts
    "①②③④⑤⑥⑦⑧⑨",
    "০১২৩৪৫৬৭৮৯",  # Bengali
]
QUALIFIER_WORDS = ["khoảng", "trên", "dưới", "gần", "hơn", "từ", "đạt", "ước tính", "Trên dưới",
                   "không quá", "ít nhất", "tổng cộng", "KHOẢNG", "chừng"]  # fmt: skip
SCALE_WORDS = ["nghìn", "ngàn", "triệu", "tỷ", "tỉ", "nghìn tỷ", "Triệu", "TỶ", "tỷ đồng"]
SEPARATORS = [
    "-", "–", "—", "~", "đến", "tới", " - ", " – ", "−", "‐", "／", "/", " / ", "..", "to",
]  # fmt: skip
UNITS = ["đồng", "triệu đồng/năm", "người", "hộ", "VNĐ", "đ", "VND", "chi bộ", "%", "/năm",
         "lượt", "đồng/người/tháng", "tổ chức", "ha", "m²", "kg", "$", "USD", "ý kiến"]  # fmt: skip
SPACES = [" ", " ", " ", "\u00a0", "\u202f", "\u2009", "\t", "  ", "\u3000", ""]


def _digits(rng: random.Random, size: Size) -> str:
    alphabet = rng.choice(DIGIT_SETS)
    roll = rng.random()
    if roll < 0.05:
        n = min(rng.choice([4_301, 20_000, size.max_string]), size.max_string)
        seed = "".join(rng.choice(alphabet) for _ in range(20))
        return (seed * (n // 20 + 1))[:n]
    n = rng.choice([1, 1, 2, 3, 3, 4, 6, 9, 12, 30])
    return "".join(rng.choice(alphabet) for _ in range(n))


def figure_number(rng: random.Random, size: Size) -> str:
    """One number, typed well or badly: grouping by dots, spaces, commas; decimals; signs."""
    style = rng.random()
    head = _digits(rng, size)
    if style < 0.3:
        groups = [_digits(rng, size)[:3].rjust(3, "0") for _ in range(rng.randint(1, 4))]
        sep = rng.choice([".", ".", " ", ",", "\u00a0", "'"])
        text = head[:3] + "".join(sep + g for g in groups)
    elif style < 0.45:
        text = head + rng.choice([",", "."]) + _digits(rng, size)
    elif style < 0.5:
        text = head + rng.choice(["e999", "E-5", "e+10", "e"])
    else:
        text = head
    if rng.random() < 0.1:
        text = rng.choice(["-", "+", "−", "--", "(", "±"]) + text
    if rng.random() < 0.05:
        text += rng.choice([",", ".", ",5", ".5.5", ",,", ".."])
    return text


def figure_end(rng: random.Random, size: Size) -> str:
    text = figure_number(rng, size)
    roll = rng.random()
    if roll < 0.25:
        text += rng.choice(["%", " %", "％", "٪", "%%"])
    elif roll < 0.45:
        text += rng.choice(SPACES) + rng.choice(SCALE_WORDS)
    return text


def figure_text(rng: random.Random, size: Size) -> str:
    """A figure as an official might type it: qualifiers, a number, a range or a ratio, a unit;
    now and then with noise dropped in."""
    parts = []
    if rng.random() < 0.1:
        parts.append(rng.choice(["- ", "• ", "* ", "+ ", "-", "•"]))
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        parts.append(rng.choice(QUALIFIER_WORDS) + rng.choice(SPACES))
    parts.append(figure_end(rng, size))
    shape = rng.random()
    if shape < 0.25:
        parts.append(rng.choice(SPACES) + rng.choice(SEPARATORS) + rng.choice(SPACES))
        parts.append(figure_end(rng, size))
    elif shape < 0.45:
        parts.append(rng.choice(["/", " / ", "/ ", "／"]) + figure_number(rng, size))
    if rng.random() < 0.6:
        parts.append(rng.choice(SPACES) + rng.choice(UNITS))
    if rng.random() < 0.1:
        parts.append(rng.choice([".", ",", ";", ":", " .", "…", "!"]))
    text = "".join(parts)
    if rng.random() < 0.2:
        noise = hostile_text(rng, size, limit=min(size.max_string, 40))
        at = rng.randint(0, len(text))
        text = text[:at] + noise + text[at:]
    if rng.random() < 0.03:
        text = text * rng.randint(2, max(2, min(500, size.max_string // max(1, len(text)))))
    return text[: max(size.max_string, 1)]


FIGURE_ALPHABET = (
    string.digits
    + ".,-–—~/%  \u00a0\u202f"
    + "khoảngtrêndướiđếntớiriệutỷnghìnđồngVNĐ"
    + "٠١٢٣０１２𝟏²½①"
    + "\u200b\ufeff\u2212+e"
)


# --- hypothesis strategies ------------------------------------------------------------------

# A Random whose every choice hypothesis makes (reproducible with derandomize, shrinkable).
_randoms = st.randoms(note_method_calls=False, use_true_random=False)


def from_rng(maker: Callable[[random.Random, Size], Any], size: Size = QUICK) -> Any:
    """A strategy of whatever ``maker(rng, size)`` makes."""
    return _randoms.map(lambda rng: maker(rng, size))


def draft_files(size: Size = QUICK) -> Any:
    return from_rng(draft_file_bytes, size)


def render_drafts(size: Size = QUICK) -> Any:
    return from_rng(render_draft_bytes, size)


def layout_files(size: Size = QUICK) -> Any:
    return from_rng(layout_bytes, size)


def template_files(size: Size = QUICK) -> Any:
    return from_rng(template_bytes, size)


def figure_texts(size: Size = QUICK) -> Any:
    """Figures from the grammar with noise, and plain text over the figure alphabet."""
    return st.one_of(
        from_rng(figure_text, size),
        st.text(FIGURE_ALPHABET, max_size=60),
        st.text(max_size=30),
        st.from_regex(
            r"\A(khoảng |trên )?-?[0-9]{1,4}([.,][0-9]{1,4}){0,3} ?(%|triệu|tỷ)?"
            r"( ?[-–/~] ?[0-9]{1,6}([.,][0-9]{1,3})?)?( ?(đồng|người|hộ|/năm))?\Z",
            fullmatch=True,
        ),
    )


def iter_paths(doc: Any) -> Iterator[str]:
    """Every place of a document, shown (for tests that want to name them)."""
    for where in paths(doc):
        yield show(where)


# --- data folders ---------------------------------------------------------------------------

# The drafts of the base data folder (harness.build_base_store): A has two versions, B one,
# C is in the trash. Fixed ids, so that a seed names the same draft in every run.
ID_A = "a" * 8 + "0" * 23 + "1"
ID_B = "b" * 8 + "0" * 23 + "2"
ID_C = "c" * 8 + "0" * 23 + "3"
STORE_IDS = (ID_A, ID_B, ID_C)
STRAY_NAMES = ["desktop.ini", "Thumbs.db", ".DS_Store", "ghi-chu.txt", "~$bao-cao.docx"]
# Files a user may keep whose names look like unfinished writes: they are not the store's.
USER_TEMP_NAMES = [".notes.tmp", ".bao-cao.docx.tmp", ".x.tmp", ".tmp", "..tmp"]
VERSION_LIKE = [
    "000009-20261399T999999999Z-0123456789ab.json",  # month 13
    "999999999999999999999-20260415T080000000Z-0123456789ab.json",
    "000001-20260415T080000000Z-0123456789AB.json",  # upper-case hash: not a version name
    "000000-20260415T080000000Z-000000000000.json",
    "000100-99991231T235959999Z-ffffffffffff.json",
]


@dataclass
class Damage:
    """What was done to a data folder, and whether it needs a user who is not root."""

    said: list[str]
    unprivileged: bool = False
    lock_held: bool = False


def _files(data: Path) -> list[Path]:
    found = []
    for p in sorted(data.rglob("*")):
        if p.is_file() and not p.is_symlink():
            found.append(p)
    return found


def _folders(data: Path) -> list[Path]:
    return [data, *(p for p in sorted(data.rglob("*")) if p.is_dir() and not p.is_symlink())]


def _version_files(data: Path) -> list[Path]:
    return [p for p in _files(data) if p.parent.parent.name in ("ban-nhap", "thung-rac")]


def _store_target(rng: random.Random, data: Path) -> Path:
    """One of the store's own files (which may not exist yet)."""
    versions = _version_files(data)
    options = [
        data / "cai-dat.json",
        data / "muc-luc.json",
        data / "dang-mo.lock",
        data / "layouts" / "party-hd36.json",
    ]
    options += versions * 2
    return rng.choice(options)


def _clear(path: Path) -> None:
    import shutil

    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()  # a FIFO


def _store_json_variant(rng: random.Random, path: Path, size: Size) -> tuple[bytes, str]:
    """JSON of the right syntax and the wrong shape for one of the store's files."""
    name = path.name
    example = example_document()
    version_doc = {
        "format": "dienchau-store-draft",
        "format_version": 1,
        "saved_at": "2026-04-15T08:00:00.000+00:00",
        "hash": "0" * 64,
        "summary": {},
        "content": example_document(),
    }
    if name == "cai-dat.json":
        shapes: list[Any] = [
            {"store": {"1": {"format": "dienchau-store", "format_version": 99}}},
            {"store": {"1": {"format": "dienchau-store", "format_version": Raw("1e999")}}},
            {"store": {"1": {"format_version": "2"}}, "settings": {"1": {"key": 5}}},
            {"settings": {"1": {"key": "remembered_meta", "value": hostile_value(rng, size)}}},
            {"settings": {"1": {"key": "last_position", "value": deep_nesting(rng)}}},
            {"settings": {"1": {"key": "text_size", "value": Raw("1e999")}}},
            {"settings": {"x": {"key": "text_size", "value": 10**6}}},
            {"store": []},
            {"store": {"1": None}},
            [],
            "x",
        ]
    elif name == "muc-luc.json":
        shapes = [
            {"drafts": {"1": {"id": ID_A, "name": 5, "hash": None, "summary": "x"}}},
            {"drafts": {"1": {"id": ID_A, "name": "../../x", "hash": "0", "summary": {}}}},
            {"drafts": {"1": {"id": "../x", "name": "x", "hash": "x", "summary": {"title": 1}}}},
            {"drafts": {str(i): {"id": ID_B} for i in range(size.max_items)}},
            {"drafts": []},
            {"drafts": {"1": []}},
            {"_default": {}},
            {"drafts": {"1": {"id": ID_A, "name": "000002.json", "hash": "h", "summary": {
                "title": "t", "commune": "c", "report_date": "r", "updated": "u",
                "template_id": "kl62", "checked": "h", "answered": True, "total": 2**70,
                "errors": -1, "warnings": 0}}}},
        ]  # fmt: skip
    elif name == "dang-mo.lock":
        shapes = [
            {"pid": 1, "host": "may-khac", "started": "2026-04-15T08:00:00+07:00"},
            {"pid": "x", "host": None, "started": 5},
            {"pid": 2**80, "host": "", "started": "9999-99-99"},
            [],
        ]
    elif name.endswith(".json") and path.parent.name == "layouts":
        doc, _ = mutate(rng, layout_document(), size, LAYOUT_MUTATORS)
        shapes = [doc]
    else:
        content, _ = mutate(rng, example_document(), size, DRAFT_MUTATORS)
        shapes = [
            {"draft": {"1": {**version_doc, "content": content}}},
            {"draft": {"1": {**version_doc, "format_version": 2}}},
            {"draft": {"1": {**version_doc, "format_version": True}}},
            {"draft": {"1": {**version_doc, "content": {**example, "format_version": 9}}}},
            {"draft": {"2": version_doc}},
            {"draft": {"1": {**version_doc, "summary": {"title": []}, "hash": None}}},
            {"draft": {"1": {**version_doc, "format": "x"}}},
            {"draft": {"1": None}},
            {"draft": []},
            {"draft": {"1": {**version_doc, "content": None}}},
        ]  # fmt: skip
    shape = rng.choice(shapes)
    return dumps(shape, ascii_only=rng.random() < 0.5).encode("utf-8", "surrogatepass"), (
        f"wrong shape {_brief(shape)}"
    )


def d_content(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """A store file with broken bytes or the wrong shape."""
    target = _store_target(rng, data)
    old = target.read_bytes() if target.is_file() else b"{}"
    if rng.random() < 0.5:
        raw, how = damage_bytes(rng, old)
    else:
        raw, how = _store_json_variant(rng, target, size)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear(target)
    target.write_bytes(raw)
    return Damage([f"{target.relative_to(data)}: {how}"])


def d_edit_version(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """A version file edited by hand: content changed (hash no longer matches), or kept whole
    with its hash recomputed (a valid version holding a hostile draft)."""
    from dienchau_desktop.store.history import content_hash

    versions = _version_files(data)
    if not versions:
        return Damage(["no version file"])
    target = rng.choice(versions)
    try:
        doc = json.loads(target.read_text(encoding="utf-8"))
        entry = doc["draft"]["1"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return Damage([f"{target.name}: not editable"])
    content, said = mutate(rng, entry["content"], size, DRAFT_MUTATORS)
    entry["content"] = content
    rehash = rng.random() < 0.6
    if rehash:
        try:  # the hash of the content as a reader will see it (Raw and Pairs parsed)
            seen = json.loads(dumps(doc, ascii_only=True))["draft"]["1"]["content"]
            entry["hash"] = content_hash(seen)
        except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
            rehash = False
    target.write_bytes(dumps(doc, ascii_only=True).encode("ascii"))
    how = "hash recomputed" if rehash else "hash left stale"
    return Damage([f"{target.relative_to(data)} edited ({how}): {'; '.join(said)}"])


def d_fifo(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    import os

    target = _store_target(rng, data)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear(target)
    os.mkfifo(target)
    return Damage([f"{target.relative_to(data)}: a FIFO"])


def d_folder_for_file(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    target = _store_target(rng, data)
    _clear(target)
    target.mkdir(parents=True)
    if rng.random() < 0.5:
        (target / "ben-trong.txt").write_text("x", encoding="utf-8")
    return Damage([f"{target.relative_to(data)}: a folder"])


def d_file_for_folder(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """A file where the store wants a folder: its own folders, or a draft's folder."""
    options = [data / n for n in ("ban-nhap", "thung-rac", "hong", "logs", "layouts")]
    options += [data / "ban-nhap" / i for i in STORE_IDS] + [
        data / "thung-rac" / i for i in STORE_IDS
    ]
    target = rng.choice(options)
    _clear(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(rng.choice([b"", b"x", b"{}", b"\x00" * 10]))
    return Damage([f"{target.relative_to(data)}: a file where a folder belongs"])


def d_link(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """A store file or folder that is a link: to a file or folder outside, dangling, a loop,
    a device; or a hard link to a file outside."""
    import os

    target = _store_target(rng, data) if rng.random() < 0.7 else rng.choice(
        [data / "ban-nhap", data / "thung-rac", data / "hong", data / "layouts",
         data / "ban-nhap" / ID_A, data / "ban-nhap" / ("d" * 32)]
    )  # fmt: skip
    to = rng.choice(
        [
            outside / "target.txt",
            outside / "dir",
            outside / "missing",
            target,  # a loop
            Path("/dev/null"),
            Path("/dev/zero"),
            "hard",
        ]
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear(target)
    if to == "hard":
        os.link(outside / "target.txt", target)
        return Damage([f"{target.relative_to(data)}: a hard link to a file outside"])
    os.symlink(to, target)
    return Damage([f"{target.relative_to(data)}: a symlink to {to}"])


def d_stray(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """Files and folders the store did not make, where it keeps its own."""
    folder = rng.choice([p for p in _folders(data) if p.name != "hong"] or [data])
    roll = rng.random()
    if roll < 0.25:
        name = rng.choice(STRAY_NAMES)
        (folder / name).write_bytes(b"[.ShellClassInfo]\r\n")
    elif roll < 0.45:
        name = rng.choice(USER_TEMP_NAMES)
        (folder / name).write_text("việc của người dùng", encoding="utf-8")
    elif roll < 0.55:
        # What atomic_write leaves when killed while writing one of the store's own files (the
        # store may remove it): the list cache or settings, or a version of a draft.
        drafts = [p for p in _folders(data) if p.parent.name in ("ban-nhap", "thung-rac")]
        folder = rng.choice([data, *drafts])
        own = (
            ["muc-luc.json", "cai-dat.json"]
            if folder == data
            else [p.name for p in folder.iterdir() if p.name.endswith(".json")]
            or ["000001-20260415T080000000Z-0123456789ab.json"]
        )
        random_part = "".join(rng.choices(string.ascii_lowercase + string.digits + "_", k=8))
        name = f".{rng.choice(own)}.{random_part}.tmp"
        (folder / name).write_bytes(b'{"draft": {')
    elif roll < 0.7:
        name = rng.choice(VERSION_LIKE)
        (folder / name).write_bytes(rng.choice([b"{}", b"", b'{"draft": {"1": {}}}']))
    elif roll < 0.8:
        name = rng.choice(["notes.json", "ABC.json", f"{ID_A}.json", ".json"])
        (folder / name).write_text('{"x": 1}', encoding="utf-8")
    else:
        name = rng.choice(["d" * 32, ID_A.upper(), "khong-phai-ma", "e" * 32])
        (folder / name).mkdir(exist_ok=True)
        if rng.random() < 0.5:
            (folder / name / "000001-20260415T080000000Z-0123456789ab.json").write_bytes(b"{}")
    return Damage([f"stray {(folder / name).relative_to(data)}"])


def d_missing(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    target = rng.choice(
        [
            data / "muc-luc.json",
            data / "cai-dat.json",
            data / "dang-mo.lock",
            data / "thung-rac",
            *_version_files(data),
        ]
    )
    _clear(target)
    return Damage([f"{target.relative_to(data)}: removed"])


def d_permission(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """A file or folder the user may not read (or write)."""
    import os

    options = [
        data / "cai-dat.json",
        data / "muc-luc.json",
        data / "dang-mo.lock",
        data / "ban-nhap",
        data / "thung-rac",
        data,
        *[p for p in _folders(data) if p.parent.name in ("ban-nhap", "thung-rac")],
        *_version_files(data),
    ]
    target = rng.choice([p for p in options if p.exists()] or [data])
    mode = rng.choice([0o000, 0o000, 0o200, 0o400, 0o500, 0o100])
    os.chmod(target, mode)
    return Damage([f"{target.relative_to(data) if target != data else '.'}: mode {mode:o}"], True)


def d_lock_held(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """Another copy of the program has the data open (the harness holds the lock)."""
    return Damage(["the writer lock is held by another copy"], lock_held=True)


DATA_DAMAGES: list[Callable[[random.Random, Path, Path, Size], Damage]] = [
    d_content,
    d_content,
    d_edit_version,
    d_edit_version,
    d_fifo,
    d_folder_for_file,
    d_file_for_folder,
    d_link,
    d_link,
    d_stray,
    d_stray,
    d_missing,
    d_permission,
    d_lock_held,
]


def damage_data_folder(rng: random.Random, data: Path, outside: Path, size: Size) -> Damage:
    """Break a copy of the base data folder in one to three ways."""
    total = Damage([])
    for _ in range(rng.choice([1, 1, 2, 3])):
        if not data.is_dir() or data.is_symlink():
            break
        if not all(p.stat().st_mode & 0o700 == 0o700 for p in _folders(data)):
            break  # a folder was locked away: stop there
        damage = rng.choice(DATA_DAMAGES)
        try:
            got = damage(rng, data, outside, size)
        except OSError as exc:  # an earlier damage took the place away (a file for a folder)
            got = Damage([f"{damage.__name__} not applied ({exc.strerror})"])
        total.said += got.said
        total.unprivileged |= got.unprivileged
        total.lock_held |= got.lock_held
    return total


def store_command(rng: random.Random) -> tuple[list[str], bool]:
    """A command on the data folder (``{D}``, ``{OUT}``, ``{IN}`` stand for the sandbox's
    places), and whether it may write to the data folder."""
    draft = rng.choice([ID_A, ID_A, ID_B, ID_C, ID_A[:6], "a", "", "0" * 32, "../x", "d" * 32])
    version = rng.choice(["1", "2", "3", "0", "-1", "x", "000001", "99999999999999999999"])
    commands: list[tuple[list[str], bool]] = [
        (["drafts", "list"], False),
        (["drafts", "list", "--json"], False),
        (["drafts", "trash"], False),
        (["drafts", "trash", "--json"], False),
        (["drafts", "export", draft, "-o", "{OUT}/x.json"], False),
        (["drafts", "history", draft], False),
        (["drafts", "history", draft, "--json"], False),
        (["drafts", "history", draft, "--show", version], False),
        (["validate", "--draft", draft], False),
        (["validate", "--draft", draft, "--json"], False),
        (["render", "--draft", draft, "-o", "{OUT}/x.pdf"], False),
        (["render", "--example", "-o", "{OUT}/x.pdf"], False),
        (["rollup", "--all", "--json"], False),
        (["rollup", "--draft", draft, "-o", "{OUT}/x.xlsx"], False),
        (["drafts", "import", "{IN}/example.json"], True),
        (["drafts", "import", "{IN}/example.json", "{IN}/example.json"], True),
        (["drafts", "import", "{IN}/example.json"], True),
    ]
    argv, writes = rng.choice(commands)
    return ["--data-dir", "{D}", *argv], writes
