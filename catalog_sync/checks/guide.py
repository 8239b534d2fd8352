"""What each item's service guide (办事指南) tells the applicant: elements missing or unclear.

The elements, the rule each one must meet and which 事项类型 must state which elements are read
from the mapping's `guide` section (see mappings/standard.yaml and docs/definitions.md); this
module holds only the rules' logic. Reads no files.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from ..errors import MappingError
from ..mappings import Mapping
from ..model import ListItem, Material, Table
from ..tables import new_table
from ..vocab import MATERIAL_NEEDS, PROBLEMS

MISSING, VAGUE = "missing", "vague"
RULES = ("present", "time-limit", "place", "hours", "contact", "law", "flow", "fee", "materials")
CATCH_ALL, MATERIAL_FORM = "catch-all", "material-form"
ALL = "all"  # the rates row of every element together
TOTAL = "合计"

# What a fired rule says, after the element's name: "办理流程: 只有步骤名称 '受理→审查→决定'"
# (vocab.yaml, problems: --lang en renders the sentence in English from the same words).
RULE_WORDS = {rule: words["zh"] for rule, words in PROBLEMS.items()}
MATERIAL_NEEDS_WORDS = {need: words["zh"] for need, words in MATERIAL_NEEDS.items()}


@dataclass(frozen=True)
class Element:
    key: str
    zh: str
    en: str
    fields: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class GuideRules:
    """The mapping's `guide` section, checked and compiled once per run."""

    elements: dict[str, Element]
    required: dict[str, tuple[str, ...]]  # 事项类型 -> element keys; "default" for the rest
    vague: frozenset[str]
    vague_chars: int  # the length of the longest vague text
    time_limit: re.Pattern[str]
    immediate: tuple[str, ...]
    place_words: tuple[str, ...]
    hours: re.Pattern[str]
    contact: re.Pattern[str]
    step_separators: re.Pattern[str]
    max_step_chars: int
    fee_yes: frozenset[str]
    fee_no: frozenset[str]
    catch_all: tuple[re.Pattern[str], ...]
    material_needs: tuple[str, ...]
    electronic_only: frozenset[str]

    def required_for(self, task_type: str) -> tuple[str, ...]:
        return self.required.get(task_type, self.required.get("default", ()))


def guide_rules(mapping: Mapping) -> GuideRules:
    """Compile the mapping's guide section; a wrong entry is a MappingError naming it."""
    g = mapping.guide
    where = f"{mapping.files[-1] if mapping.files else 'mapping'}: guide"
    try:
        elements = {
            str(k): Element(
                str(k), str(v["zh"]), str(v.get("en", k)), tuple(map(str, v["fields"])), v["rule"]
            )
            for k, v in g["elements"].items()
        }
        for e in elements.values():
            if e.rule not in RULES:
                raise MappingError(
                    f"{where}.elements.{e.key}: unknown rule {e.rule!r} (known: {', '.join(RULES)})"
                )
        required = {str(t): tuple(map(str, keys or ())) for t, keys in g["required"].items()}
        vague = frozenset(bare(str(v)) for v in g["vague"])
        for t, keys in required.items():
            unknown = [k for k in keys if k not in elements]
            if unknown:
                raise MappingError(f"{where}.required.{t}: unknown element(s) {', '.join(unknown)}")
        units = sorted(map(str, g["time_units"]), key=len, reverse=True)
        return GuideRules(
            elements=elements,
            required=required,
            vague=vague,
            vague_chars=max(map(len, vague), default=0),
            time_limit=re.compile(r"\d+(?:\.\d+)?\s*(?:" + "|".join(map(re.escape, units)) + ")"),
            immediate=tuple(map(str, g["immediate"])),
            place_words=tuple(map(str, g["place_words"])),
            hours=re.compile(str(g["hours_pattern"])),
            contact=re.compile(str(g["contact_pattern"])),
            step_separators=re.compile(str(g["step_separators"])),
            max_step_chars=int(g["max_step_chars"]),
            fee_yes=frozenset(bare(str(v)) for v in g["fee_yes"]),
            fee_no=frozenset(bare(str(v)) for v in g["fee_no"]),
            catch_all=tuple(re.compile(str(p)) for p in g["catch_all_materials"]),
            material_needs=tuple(map(str, g["material_needs"])),
            electronic_only=frozenset(bare(str(v)) for v in g["electronic_only"]),
        )
    except MappingError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as e:
        raise MappingError(f"{where} is ill-formed ({type(e).__name__}: {e})") from None


def bare(text: str) -> str:
    """The text without spaces, punctuation or symbols (NFKC): what vague texts compare on."""
    t = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in t if unicodedata.category(ch)[0] not in "PZSC")


def _is_vague(text: str, rules: GuideRules) -> bool:
    """bare(text) in rules.vague. A province's flows and conditions run to hundreds of
    characters: their letters and digits alone (which bare keeps: no letter or digit is
    punctuation, space, symbol or control) outnumber the longest vague text, found by one regex
    pass instead of a Python step per character."""
    t = unicodedata.normalize("NFKC", text)
    if len(_NOT_ALNUM.sub("", t)) > rules.vague_chars:
        return False
    return bare(t) in rules.vague


_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Defect:
    """One element of one item that is missing or unclear, and the text that failed."""

    element: str
    rule: str  # missing, vague, the element's rule, catch-all or material-form
    text: str
    material: Material | None = None


def element_defect(element: Element, values: dict[str, str], rules: GuideRules) -> Defect | None:
    """The rule an element of a guide breaks, or None when it is stated clearly."""
    return _defect(element, tuple(values.get(f, "") for f in element.fields), rules)


def _defect(element: Element, raw: tuple[str, ...], rules: GuideRules) -> Defect | None:
    """element_defect on the element's cells, in the order of its fields."""
    cells = [c.strip() for c in raw]
    given = [c for c in cells if c]
    if not given:
        return Defect(element.key, MISSING, "")
    text = "；".join(given)
    if element.rule != "fee" and all(_is_vague(c, rules) for c in given):
        return Defect(element.key, VAGUE, text)
    if _breaks(element.rule, cells, text, rules):
        return Defect(element.key, element.rule, text)
    return None


def _breaks(rule: str, cells: list[str], text: str, rules: GuideRules) -> bool:
    if rule == "time-limit":
        return not _clear_time_limit(cells, text, rules)
    if rule == "place":
        return not any(w in text for w in rules.place_words)
    if rule == "hours":
        return not rules.hours.search(text)
    if rule == "contact":
        return not rules.contact.search(text)
    if rule == "law":
        return "《" not in unicodedata.normalize("NFKC", text) and "<<" not in text
    if rule == "flow":
        steps = [s.strip() for s in rules.step_separators.split(text) if s and s.strip()]
        return bool(steps) and max(map(len, steps)) <= rules.max_step_chars
    if rule == "fee":
        is_fee, basis = (cells + ["", ""])[:2]
        answer = bare(is_fee)
        if answer in rules.fee_no:
            return False
        return answer not in rules.fee_yes or not basis
    return False  # present: not empty and not vague is enough


def _clear_time_limit(cells: list[str], text: str, rules: GuideRules) -> bool:
    """A number with a unit: the number cell and a unit cell, or '20个工作日' in the text, or
    an immediate word (即办)."""
    number, unit = (cells + ["", ""])[:2]
    try:
        if float(unicodedata.normalize("NFKC", number)) >= 0 and unit:
            return True
    except ValueError:
        pass
    t = unicodedata.normalize("NFKC", text)
    return bool(rules.time_limit.search(t)) or any(w in t for w in rules.immediate)


def material_defects(materials: list[Material], rules: GuideRules) -> list[Defect]:
    """No material at all, catch-all clauses, and materials without their form, type or count."""
    if not materials:
        return [Defect("materials", MISSING, "")]
    out: list[Defect] = []
    for m in materials:
        if any(p.search(m.name) for p in rules.catch_all):
            out.append(Defect("materials", CATCH_ALL, m.name, m))
        lacking = _lacking(m, rules)
        if lacking:
            words = "、".join(MATERIAL_NEEDS_WORDS.get(f, f) for f in lacking)
            out.append(Defect("materials", MATERIAL_FORM, f"{m.name}（缺{words}）", m))
    return out


def _lacking(m: Material, rules: GuideRules) -> list[str]:
    electronic = bare(m.get("material_format")) in rules.electronic_only
    lacking = []
    for f in rules.material_needs:
        value = m.get(f)
        if f == "copies":
            if electronic:
                continue
            if not value.isdigit() or int(value) < 1:
                lacking.append(f)
        elif not value:
            lacking.append(f)
    return lacking


@dataclass
class GuideResult:
    table: Table
    rates: Table
    summary: dict[str, Any] = field(default_factory=dict)


def guide_findings(
    items: Iterable[ListItem], materials: list[Material] | None, rules: GuideRules
) -> GuideResult:
    """Check every in-use item whose list carries guide columns (and, when materials are given,
    every in-use item's materials) against the elements its 事项类型 requires."""
    by_code: dict[str, list[Material]] = defaultdict(list)
    for m in materials or ():
        by_code[m.task_code].append(m)
    table = new_table("guide_elements")
    checked: Counter[tuple[str, tuple[str, ...]]] = Counter()  # items per agency and plan
    failing: Counter[Outcome] = Counter()
    # a province repeats its guide texts (the same hours, flows, units): each distinct text of
    # an element is judged once, and each list layout and matter type is planned once
    judged: dict[tuple[str, Any], Judged | None] = {}
    plans: dict[tuple[str, tuple[str, ...] | None], Plan] = {}
    with_materials = materials is not None
    for item in items:
        if not item.in_use:
            continue
        fields, texts = item.guide_cells or (None, ())
        plan = plans.get((item.task_type, fields))
        if plan is None:
            plan = plans[item.task_type, fields] = _plan(item, with_materials, rules)
        keys, steps = plan
        if not keys:
            continue
        found: list[Judged] = []
        padded = (*texts, "")  # a field the list lacks reads as the empty text at its end
        for key, element, pick in steps:
            if pick is None:
                found.extend(
                    (d, _defect_cells(d, rules))
                    for d in material_defects(by_code.get(item.task_code, []), rules)
                )
                continue
            cells = pick(padded)
            seen = (key, cells)
            j = judged.get(seen, _UNSEEN)
            if j is _UNSEEN:
                d = _defect(element, cells, rules)
                j = judged[seen] = (d, _defect_cells(d, rules)) if d else None
            if j:
                found.append(j)
        if found:
            before, after = _item_cells(item)
            table.rows.extend({**before, **cells, **after} for _, cells in found)
        checked[item.agency, keys] += 1
        if found:
            failing[
                item.agency,
                keys,
                frozenset(d.element for d, _ in found),
                frozenset(d.rule for d, _ in found),
            ] += 1
    rates, summary = _rates(checked, failing, rules)
    return GuideResult(table, rates, summary)


_UNSEEN: Any = object()
# a defect and the cells of its row that it decides (the same for every item it is found in)
Judged = tuple[Defect, dict[str, Any]]
# what is checked for a matter type in a list layout: the element keys, and per element its
# key, definition and a getter of its cells from the item's texts (None: the materials)
Plan = tuple[tuple[str, ...], list[tuple[str, Element, Any]]]
# (agency, elements checked, elements that failed, rules that fired): counted per failing item
Outcome = tuple[str, tuple[str, ...], frozenset[str], frozenset[str]]


def _plan(item: ListItem, with_materials: bool, rules: GuideRules) -> Plan:
    required = rules.required_for(item.task_type)
    if item.guide_cells is None:
        keys: tuple[str, ...] = ("materials",) if with_materials and "materials" in required else ()
        fields: tuple[str, ...] = ()
    else:
        keys = tuple(k for k in required if k != "materials" or with_materials)
        fields = item.guide_cells[0]
    steps = []
    for key in keys:
        element = rules.elements[key]
        if element.rule == "materials":
            steps.append((key, element, None))
            continue
        where = [fields.index(f) if f in fields else len(fields) for f in element.fields]
        pick = itemgetter(*where) if len(where) > 1 else _single(where[0] if where else None)
        steps.append((key, element, pick))
    return keys, steps


def _single(i: int | None) -> Any:
    """A getter of one cell as a 1-tuple (itemgetter of one index gives the bare value)."""
    return (lambda texts: (texts[i],)) if i is not None else (lambda texts: ())


def _item_cells(item: ListItem) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cells of a guide_elements row that say which item, before and after the ones
    _defect_cells gives (the row's keys stay in the table's column order)."""
    before = {
        "item_code": item.task_code_raw,
        "item_name": item.name,
        "agency": item.agency,
        "task_type": item.task_type,
    }
    return before, {"source_file": item.ref.file, "source_row": item.ref.row}


def _defect_cells(d: Defect, rules: GuideRules) -> dict[str, Any]:
    """The cells of a guide_elements row that say what fails: made once per distinct defect,
    as a province's items share their texts."""
    element = rules.elements[d.element]
    words = RULE_WORDS.get(d.rule, d.rule)
    problem = f"{element.zh}: {words}" + (f" '{d.text}'" if d.text else "")
    return {
        "element": d.element,
        "element_name": element.zh,
        "rule": d.rule,
        "problem": problem,
        "text": d.text,
        "material": d.material.name if d.material else "",
        "material_source": str(d.material.ref) if d.material else "",
    }


def _rates(
    checked: Counter[tuple[str, tuple[str, ...]]], failing: Counter[Outcome], rules: GuideRules
) -> tuple[Table, dict[str, Any]]:
    """Items failing ÷ items checked: in all, per element, per rule and per agency."""
    element_items: Counter[tuple[str, str]] = Counter()  # (agency, element) -> items checked
    element_fail: Counter[tuple[str, str]] = Counter()
    rule_items: Counter[str] = Counter()
    rule_fail: Counter[str] = Counter()
    applying: dict[tuple[str, ...], set[str]] = {}
    for (agency, keys), n in checked.items():
        for who in (TOTAL, agency or "（未填实施主体）"):
            element_items[who, ALL] += n
            for key in keys:
                element_items[who, key] += n
        if keys not in applying:
            applying[keys] = _rules_applying(keys, rules)
        for rule in applying[keys]:
            rule_items[rule] += n
    for (agency, keys, failed_elements, failed_rules), n in failing.items():
        for who in (TOTAL, agency or "（未填实施主体）"):
            element_fail[who, ALL] += n
            for key in failed_elements:
                element_fail[who, key] += n
        for rule in failed_rules & applying[keys]:
            rule_fail[rule] += n
    table = new_table("guide_element_rates")
    order = [ALL, *rules.elements]
    agencies = sorted({a for a, _ in element_items} - {TOTAL})
    for agency in (*agencies, TOTAL):  # the totals last, as in work_order_linkage
        for key in order:
            n = element_items[agency, key]
            if not n:
                continue
            table.rows.append(
                {
                    "agency": agency,
                    "element": key,
                    "element_name": "全部要素" if key == ALL else rules.elements[key].zh,
                    "items": n,
                    "failing": element_fail[agency, key],
                    "rate": _rate(element_fail[agency, key], n),
                }
            )
    summary = {
        "items_checked": element_items[TOTAL, ALL],
        "items_failing": element_fail[TOTAL, ALL],
        "by_element": {
            key: _part(element_fail[TOTAL, key], element_items[TOTAL, key])
            for key in rules.elements
            if element_items[TOTAL, key]
        },
        "by_rule": {r: _part(rule_fail[r], rule_items[r]) for r in sorted(rule_items)},
        "by_agency": {a: _part(element_fail[a, ALL], element_items[a, ALL]) for a in agencies},
    }
    return table, summary


def _rules_applying(keys: tuple[str, ...], rules: GuideRules) -> set[str]:
    out = {MISSING}
    for key in keys:
        rule = rules.elements[key].rule
        if rule == "materials":
            out |= {CATCH_ALL, MATERIAL_FORM}
        else:
            out |= {rule, VAGUE} if rule != "fee" else {rule}
    out.discard("present")
    return out


def _part(failing: int, items: int) -> dict[str, Any]:
    return {"items": items, "failing": failing, "rate": _rate(failing, items)}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
