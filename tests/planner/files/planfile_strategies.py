"""Hostile plan files for the fuzz tests: valid plans, JSON mutations of them, and raw bytes."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import json
from typing import Any

from hypothesis import strategies as st

from planner import model
from planner.catalogue import drug_names
from planner.files import planfile
from planner.model import (
    TIMES_OF_DAY,
    Band,
    CustomStep,
    Equivalence,
    Method,
    Patient,
    Regimen,
    TaperPlan,
)

START = dt.date(2027, 1, 4)


def _custom_steps(start_mg: float, count: int) -> tuple[CustomStep, ...]:
    """``count`` evenly falling steps from just below ``start_mg`` down to 0 mg/day."""
    return tuple(
        CustomStep(round(start_mg * (count - number) / count, 3), 7 + number % 21)
        for number in range(1, count + 1)
    )


def _follow_up_plans(base: TaperPlan) -> tuple[TaperPlan, ...]:
    """A plan with patient factors and check-ins, when this version of the model has them."""
    check_in = getattr(model, "CheckIn", None)
    action = getattr(model, "FollowUpAction", None)
    if check_in is None or action is None:
        return ()
    checkins = (
        check_in(START + dt.timedelta(days=20), (("anxiety", 1),), (), action("continue"), 14),
        check_in(
            START + dt.timedelta(days=40),
            (("insomnia", 2), ("anxiety", 3)),
            (),
            action("hold"),
            21,
            "Sleeping badly; holding – Zoë",
        ),
    )
    return (
        base.replace(
            drug="diazepam",
            regimen=Regimen(morning_mg=10, night_mg=10),
            factors=("age_65_plus", "use_over_1_year"),
            withdrawal_risk="high",
            checkins=checkins,
        ),
    )


def valid_plans() -> tuple[TaperPlan, ...]:
    """Plans that load and plan cleanly, covering every method, a switch and unusual text."""
    base = TaperPlan(start=START)
    return (
        *_follow_up_plans(base),
        base,
        base.replace(
            regimen=Regimen(morning_mg=0.5, night_mg=1),
            method=Method.BANDS,
            bands=(Band(1, 0.5, 14), Band(0, 0.25)),
            switch_to="diazepam",
            patient=Patient('<b>Ann</b> & "Bo"', None, "Dr Who"),
        ),
        base.replace(
            drug="diazepam",
            formulation="liquid",
            regimen=Regimen(morning_mg=10, evening_mg=5, night_mg=10),
            method=Method.PERCENT_ORIGINAL,
            reduction_percent=10,
            final_percent=5,
            stabilise_days=14,
            reduce_first="night",
            maintenance_mg=2,
            patient=Patient("Zoë Ñúñez-山田 🙂 \u202eRTL\u202c", dt.date(1950, 2, 28), "Dr Ø"),
        ),
        base.replace(
            drug="lorazepam",
            regimen=Regimen(morning_mg=1, midday_mg=1, night_mg=2),
            method=Method.FIXED,
            amount_mg=0.25,
            equivalence=Equivalence.VA,
            interval_days=7,
        ),
        base.replace(
            drug="alprazolam",
            region="us",
            regimen=Regimen(morning_mg=1, night_mg=1),
            method=Method.HYPERBOLIC,
            reduction_percent=5,
            emax_percent=90,
            ed50_mg=0.5,
        ),
        base.replace(
            drug="diazepam",
            regimen=Regimen(morning_mg=15, night_mg=15),
            method=Method.CUSTOM,
            custom_steps=_custom_steps(30.0, 120),
            patient=Patient("x" * planfile.MAX_TEXT_CHARS, None, "y" * planfile.MAX_TEXT_CHARS),
        ),
        base.replace(
            drug="diazepam",
            formulation="tablet+liquid",
            regimen=Regimen(morning_mg=5, night_mg=5),
            device="syringe-1ml",
            stock=(("diazepam", 2.0),),
        ),
        base.replace(
            drug="lorazepam",
            regimen=Regimen(morning_mg=1, night_mg=1),
            splits=(("lorazepam", 1.0, 2),),
            switch_to="diazepam",
            switch_formulation="tablet+liquid",
            compounded_step_mg=0.05,
        ),
        base.replace(
            drug="temazepam",
            regimen=Regimen(night_mg=20),
            reduction_percent=20,
            slow_below_mg=10,
            slow_percent=10,
            start=dt.date(2200, 12, 31),
        ),
    )


@functools.cache
def valid_texts() -> tuple[str, ...]:
    """The plan-file text of each valid plan."""
    return tuple(planfile.dumps(plan) for plan in valid_plans())


# ---------------------------------------------------------------- rendering JSON with hostility


@dataclasses.dataclass(frozen=True)
class Raw:
    """Literal JSON text (or not-JSON text) placed as is: NaN, 10**400, unclosed brackets."""

    text: str

    def __repr__(self) -> str:
        shown = self.text if len(self.text) <= 40 else f"{self.text[:20]}…({len(self.text)} chars)"
        return f"Raw({shown!r})"


@dataclasses.dataclass
class Obj:
    """A JSON object as a list of pairs, so it can hold duplicate keys."""

    pairs: list[tuple[str, Any]]


def to_tree(value: Any) -> Any:
    """Parsed JSON with every dict turned into an Obj."""
    if isinstance(value, dict):
        return Obj([(key, to_tree(item)) for key, item in value.items()])
    if isinstance(value, list):
        return [to_tree(item) for item in value]
    return value


def render(node: Any, ensure_ascii: bool) -> str:
    """JSON text of a tree of Obj, list, Raw and plain values (which json.dumps writes)."""
    if isinstance(node, Raw):
        return node.text
    if isinstance(node, Obj):
        inner = ", ".join(
            f"{json.dumps(key, ensure_ascii=ensure_ascii)}: {render(item, ensure_ascii)}"
            for key, item in node.pairs
        )
        return "{" + inner + "}"
    if isinstance(node, list):
        return "[" + ", ".join(render(item, ensure_ascii) for item in node) + "]"
    return json.dumps(node, ensure_ascii=ensure_ascii)


class HostileInput:
    """One input for ``planfile.loads`` and the recipe that made it (its repr stays short)."""

    def __init__(self, data: bytes | str, recipe: str) -> None:
        self.data = data
        self.recipe = recipe

    def __repr__(self) -> str:
        return f"<{type(self.data).__name__} of {len(self.data)}: {self.recipe}>"


# ---------------------------------------------------------------- values to plant

_MEGABYTE = 1_000_000
RAW_LITERALS = (
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "1" + "0" * 400,  # 10**400: valid JSON, too large for a float
    "-1" + "0" * 400,
    "9" * 4301,  # just over CPython's integer-string limit
    "1e400",  # parses to inf
    "-1e400",
    "1e-400",
    "4.9e-324",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "-0",
    "-0.0",
    "1E2",
    "0e0",
    "01",
    "+1",
    ".5",
    "1.",
    "0x10",
    "true",
    "null",
    "[" * 10_000,
    "[" * 10_000 + "]" * 10_000,
    '{"a": ' * 10_000 + "1" + "}" * 10_000,
    '"' + "x" * _MEGABYTE + '"',
    '"' + "é" * (_MEGABYTE // 2) + '"',
    '"' + "\\u0000" * 1000 + '"',
    '"\\ud800"',  # lone surrogates, legal JSON escapes
    '"\\udfff name"',
    '"\\ud83d\\ude00"',  # a valid pair: 😀
    '"\x00\x1f"',  # raw control characters: invalid JSON
    '"unterminated',
    "",
    "}",
)
SPECIAL_NUMBERS = (
    0,
    -1,
    1,
    -0.0,
    0.5,
    1e-9,
    1e308,
    -1e308,
    5e-324,
    999_999,
    1_000_000,
    1_000_001,
    1e6,
    1.0000001e6,
    2**31,
    2**53 + 1,
    2**63,
    -(2**64),
    10**100,
    10**400,
)
DATE_TEXTS = (
    "2027-01-04",
    "2027-02-29",
    "2028-02-29",
    "2027-02-30",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "1900-01-01",
    "2200-12-31",
    "2201-01-01",
    "20270104",
    "2027-W01-1",
    "2027-001",
    "2027-01-04T00:00",
    " 2027-01-04",
    "",
)
_ENUM_TEXTS = (*(m.value for m in Method), *(e.value for e in Equivalence))
PLAUSIBLE_TEXTS = (
    *drug_names(),
    "uk",
    "us",
    "tablet",
    "liquid",
    "odt",
    "capsule",
    *TIMES_OF_DAY,
    *_ENUM_TEXTS,
    "Diazepam",
    "diazepam ",
    "aspirin",
    "ＤＩＡＺＥＰＡＭ",  # full-width letters
    *DATE_TEXTS,
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
plausible_numbers = st.one_of(
    st.integers(-5, 400),
    st.floats(-1, 1000, allow_nan=False),
    st.floats(0, 60).map(lambda x: round(x, 3)),
    st.sampled_from(SPECIAL_NUMBERS),
)
plausible_values = st.one_of(
    plausible_numbers,
    st.sampled_from(PLAUSIBLE_TEXTS),
    st.lists(st.sampled_from(TIMES_OF_DAY), max_size=6),
    st.lists(
        st.fixed_dictionaries(
            {"daily_mg": plausible_numbers},
            optional={"days": plausible_numbers | st.none()},
        ),
        max_size=4,
    ),
    st.lists(
        st.fixed_dictionaries(
            {"above_mg": plausible_numbers, "cut_mg": plausible_numbers},
            optional={"interval_days": plausible_numbers | st.none()},
        ),
        max_size=4,
    ),
)
long_texts = st.one_of(
    st.sampled_from(["x" * 199, "x" * 200, "x" * 201, "é" * 200, "🙂" * 200, "\u0301" * 200]),
    st.text(min_size=190, max_size=210),
)
planted_values = st.one_of(
    plausible_values,
    long_texts,
    st.sampled_from(RAW_LITERALS).map(Raw),
    json_values,
    st.integers(2, 10**6).map(lambda n: Raw(str(n))),
)
hostile_keys = st.one_of(
    st.sampled_from(
        [
            "format",
            "plan",
            "patient",
            "drug",
            "custom_steps",
            "regimen",
            "__proto__",
            "",
            "\ud800",
            "k" * 10_000,
        ]
    ),
    st.text(max_size=12),
)


# ---------------------------------------------------------------- mutations of a valid file


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys / indexes) to a node inside a tree, the root included."""
    found = [path]
    if isinstance(node, Obj):
        for index, (_, item) in enumerate(node.pairs):
            found.extend(_paths(item, (*path, index)))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_paths(item, (*path, index)))
    return found


def _describe(tree: Any, path: tuple[Any, ...]) -> str:
    parts = []
    node = tree
    for step in path:
        if isinstance(node, Obj):
            key, node = node.pairs[step]
            parts.append(str(key)[:20])
        else:
            node = node[step]
            parts.append(f"[{step}]")
    return ".".join(parts) or "<root>"


def _container(tree: Any, path: tuple[Any, ...]) -> tuple[Any, int]:
    """The Obj or list holding the node at ``path`` (non-empty), and its index there."""
    node = tree
    for step in path[:-1]:
        node = node.pairs[step][1] if isinstance(node, Obj) else node[step]
    return node, path[-1]


def _set(tree: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent, index = _container(tree, path)
    if isinstance(parent, Obj):
        parent.pairs[index] = (parent.pairs[index][0], value)
    else:
        parent[index] = value
    return tree


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return tree
    parent, index = _container(tree, path)
    return parent.pairs[index][1] if isinstance(parent, Obj) else parent[index]


@functools.cache
def _base_trees() -> tuple[Any, ...]:
    return tuple(to_tree(json.loads(text)) for text in valid_texts())


MUTATIONS = ("replace", "replace", "replace", "delete", "extra", "duplicate", "wrap", "newer")


@st.composite
def mutated_plan_files(draw: st.DrawFn) -> HostileInput:
    """A valid plan file with one to four structural mutations, as text or UTF-8 bytes."""
    which = draw(st.integers(0, len(_base_trees()) - 1))
    tree = copy.deepcopy(_base_trees()[which])
    recipe = [f"plan #{which}"]
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(tree)
        path = draw(st.sampled_from(paths))
        where = _describe(tree, path)
        operation = draw(st.sampled_from(MUTATIONS))
        node = _get(tree, path)
        if operation == "replace":
            value = draw(planted_values)
            tree = _set(tree, path, value)
            recipe.append(f"{where} = {value!r:.60}")
        elif operation == "delete" and path:
            parent, index = _container(tree, path)
            (parent.pairs if isinstance(parent, Obj) else parent).pop(index)
            recipe.append(f"delete {where}")
        elif operation == "extra" and isinstance(node, Obj):
            key, value = draw(hostile_keys), draw(planted_values)
            node.pairs.insert(draw(st.integers(0, len(node.pairs))), (key, value))
            recipe.append(f"{where} += {key!r:.30}: {value!r:.40}")
        elif operation == "duplicate" and isinstance(node, Obj) and node.pairs:
            key, _ = draw(st.sampled_from(node.pairs))
            value = draw(planted_values)
            node.pairs.append((key, value))
            recipe.append(f"{where} duplicate {key!r:.30}: {value!r:.40}")
        elif operation == "wrap":
            wrapped = draw(st.sampled_from(["list", "object"]))
            tree = _set(tree, path, [node] if wrapped == "list" else Obj([("value", node)]))
            recipe.append(f"wrap {where} in {wrapped}")
        elif isinstance(tree, Obj):  # "newer", or an operation that does not fit the node
            version = draw(
                st.integers(2, 10**9).map(str)
                | st.sampled_from(["0", "-1", "1.0", '"1"', "true", "1e400", "1" + "0" * 400])
            )
            tree.pairs.insert(0, ("format", Raw(version)))
            recipe.append(f"format = {version:.30}")
    ensure_ascii = draw(st.booleans())
    text = render(tree, ensure_ascii)
    as_bytes = draw(st.booleans())
    data: bytes | str = text.encode("utf-8", "surrogatepass") if as_bytes else text
    recipe.append("ascii" if ensure_ascii else "unicode")
    return HostileInput(data, "; ".join(recipe))


# ---------------------------------------------------------------- raw bytes

_EDITS = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "replace"]),
    st.integers(0, 2**20),
    st.integers(0, 255),
)


def _edit(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    buffer = bytearray(data)
    for operation, position, value in edits:
        at = position % (len(buffer) + 1)
        if operation == "insert":
            buffer.insert(at, value)
        elif buffer and at < len(buffer):
            if operation == "flip":
                buffer[at] ^= 1 << (value % 8)
            elif operation == "replace":
                buffer[at] = value
            else:
                del buffer[at]
    return bytes(buffer)


@st.composite
def raw_plan_bytes(draw: st.DrawFn) -> HostileInput:
    """Random bytes, or a valid file's bytes edited, spliced, re-encoded or cut short."""
    kind = draw(st.sampled_from(["random", "edited", "spliced", "cut", "encoded", "padded"]))
    which = draw(st.integers(0, len(valid_texts()) - 1))
    valid = valid_texts()[which].encode("utf-8")
    if kind == "random":
        data: bytes | str = draw(st.binary(max_size=2000) | st.text(max_size=500))
        return HostileInput(data, "random bytes" if isinstance(data, bytes) else "random text")
    if kind == "edited":
        edits = draw(st.lists(_EDITS, min_size=1, max_size=8))
        return HostileInput(_edit(valid, edits), f"plan #{which} edited {edits}")
    if kind == "spliced":
        start = draw(st.integers(0, len(valid)))
        end = draw(st.integers(start, len(valid)))
        middle = draw(st.binary(max_size=50))
        recipe = f"plan #{which}[:{start}] + {middle!r} + [{end}:]"
        return HostileInput(valid[:start] + middle + valid[end:], recipe)
    if kind == "cut":
        # Truncation at every length is tested exhaustively elsewhere; this adds an edit.
        length = draw(st.integers(0, len(valid)))
        edits = draw(st.lists(_EDITS, max_size=2))
        return HostileInput(_edit(valid[:length], edits), f"plan #{which}[:{length}] {edits}")
    if kind == "encoded":
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "utf-8-sig", "latin-1"]))
        data = valid_texts()[which].encode(encoding, "replace")
        return HostileInput(data, f"plan #{which} in {encoding}")
    prefix = draw(st.sampled_from([b"", b" " * _MEGABYTE, b"\xef\xbb\xbf", b"\x00", b"\n" * 9]))
    suffix = draw(st.sampled_from([b"", b" " * _MEGABYTE, b"\x00", b"{}", b"\n// comment"]))
    return HostileInput(
        prefix + valid + suffix, f"{prefix[:4]!r}… + plan #{which} + {suffix[:4]!r}…"
    )
