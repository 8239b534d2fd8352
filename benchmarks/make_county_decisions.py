"""Build benchmarks/county_decisions.csv: set (a) of the matching benchmark, truth from the data.

    python benchmarks/make_county_decisions.py      # rewrite the CSV (deterministic, seeded)

The real county list of 四川省广安市广安区 (fixtures/source/sczwfw-511602-guanan-items.csv,
1,135 items; from github.com/v-luobo/zwfw, Apache-2.0, licence in
fixtures/source/LICENSE-v-luobo-zwfw.txt) says which 业务办理项 belong together, without any
label of ours:

- its `main_item` column groups items under their 主项 ("未分类": no group);
- each item's 基本编码 (read from `itemCode`) carries a 主项 segment: 511A + 18398 + 00009,
  511A + 09001 + 023 (12-char form), G-000007 + 001, 1J-5100 + 00027.

Each query is a cancelling decision row written from a listed name by national-wording rules
written once (`WORDING_RULES`) and applied to every name, never chosen per name:

- `main`: the row names a 主项; truth = every item of that group.
- `item`: the row names the base name of a grouped item (the name without its trailing notes
  such as （新增）/（补办）); truth = the items of that group with that base name.
- `unclassified`: the row names a 未分类 item's base name; truth = the 未分类 items with that
  base name and the same 主项 code segment (code siblings).
- decoys (`decoy_action`, `decoy_subject`, `decoy_contrast`): the row names a listed name with
  one action word swapped for one its family never lists, one leading character that changes the
  subject added or dropped, or one contrast word swapped (生产/经营, 许可/备案 …) where no listed
  name carries the result; truth = nothing.

A query is dropped, not guessed, when its truth is ambiguous: its target name is also the base
name or 主项 of an item outside its truth (the data do not say which matter a row in that wording
means). Neither the rules nor the truth read anything from catalog_sync: the benchmark scores the
tool's matcher and must not share its vocabulary.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
COUNTY = HERE.parent / "fixtures" / "source" / "sczwfw-511602-guanan-items.csv"
OUT = HERE / "county_decisions.csv"
SEED = 11
UNGROUPED = "未分类"
COLUMNS = ["query_id", "kind", "target", "decision_name", "rules", "department", "truth"]

# --- the data's own structure -------------------------------------------------------------------

_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def key(name: str) -> str:
    """Names compared for equality: NFKC (full-width brackets become ASCII), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def base_name(name: str) -> str:
    """The name without its trailing bracketed notes: 某证发放（补办）（县级） -> 某证发放."""
    name = name.strip()
    while True:
        cut = _TRAILING_NOTE.sub("", name).strip()
        if cut == name or not cut:
            return name
        name = cut


def code_family(item_code: str) -> str:
    """The 主项 segment of an item's 基本编码, read from its itemCode ("" when unreadable).

    511A1839800009 -> 511A18398; 511A09001023 -> 511A09001; G-000007-001 -> G-000007;
    1J-5100-00027 -> 1J-5100."""
    code = item_code.strip().upper()
    m = re.match(r"^([0-9]{3}[0-9A-Z])([0-9A-Z]{5})(?:[0-9A-Z]{5}|[0-9A-Z]{3})-", code)
    if m:
        return m.group(1) + m.group(2)
    m = re.match(r"^([A-Z]-[0-9]{6})-[0-9]{3}-", code) or re.match(
        r"^([0-9][A-Z]-[0-9]{4})-[0-9]{5}-", code
    )
    return m.group(1) if m else ""


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    main: str  # "" when 未分类
    department: str
    family: str

    @property
    def base(self) -> str:
        return base_name(self.name)


def load_items(path: Path = COUNTY) -> list[Item]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Item(
                r["itemCode"],
                r["name"],
                "" if r["main_item"] == UNGROUPED else r["main_item"],
                r["department"],
                code_family(r["itemCode"]),
            )
            for r in csv.DictReader(f)
        ]


# --- national wording, written once -------------------------------------------------------------

_S2T = opencc.OpenCC("s2t")

# (pattern at the end of the name, replacement): grant verbs and certificate phrasing
_GRANT = [
    (r"许可证核发$", "许可"),
    (r"许可$", "许可证核发"),
    (r"证核发$", "证发放"),
    (r"证发放$", "证核发"),
    (r"证办理$", "证核发"),
    (r"发放$", "核发"),
    (r"核发$", "发放"),
    (r"的审核$", "审批"),
    (r"审核$", "审批"),
    (r"的审批$", "审批"),
    (r"审批$", "审核"),
    (r"办理$", "审批"),
]
# scope words a list adds or drops (at the start of the name, or around 重点保护)
_SCOPE = [
    (r"^国家和省", "国家"),
    (r"^国家重点保护", "重点保护"),
    (r"^省重点保护", "重点保护"),
    (r"(?<![国省])重点保护", "国家重点保护"),
    (r"^省级", ""),
    (r"^国家级", ""),
]


def _grant(name: str) -> str | None:
    for pattern, repl in _GRANT:
        if re.search(pattern, name):
            return re.sub(pattern, repl, name)
    return None


def _of(name: str) -> str | None:
    """National phrasing: 对…进行备案 -> …备案; …审批 -> …的审批; …的审批 -> …审批."""
    m = re.match(r"^对(.+)进行(.+)$", name)
    if m:
        return m.group(1) + m.group(2)
    if re.search(r"的(审批|审核|许可|登记|备案)$", name):
        return re.sub(r"的(审批|审核|许可|登记|备案)$", r"\1", name)
    if re.search(r"(审批|审核)$", name):
        return re.sub(r"(审批|审核)$", r"的\1", name)
    return None


def _scope(name: str) -> str | None:
    for pattern, repl in _SCOPE:
        if re.search(pattern, name):
            return re.sub(pattern, repl, name, count=1)
    return None


def _title(name: str) -> str | None:
    """A certificate named as a document: 某某许可证核发 -> 《某某许可证》核发."""
    if "《" in name:
        return name.replace("《", "").replace("》", "")
    m = re.match(r"^(.+(?:许可证|证书|证))(核发|发放|办理|审批|换发|补办|注销|变更|延续)$", name)
    return f"《{m.group(1)}》{m.group(2)}" if m else None


def _traditional(name: str) -> str | None:
    out = _S2T.convert(name)
    return out if out != name else None


WORDING_RULES: dict[str, Callable[[str], str | None]] = {
    "grant": _grant,
    "of": _of,
    "scope": _scope,
    "title": _title,
    "traditional": _traditional,
}


def national_wording(name: str, rng: random.Random) -> tuple[str, list[str]]:
    """The name as a State Council annex might write it, and the rules applied.

    Every applicable rule but `traditional` is applied with probability 1/2 (at least one when
    any applies); `traditional` with probability 1/4, or alone when nothing else applies."""
    applied: list[str] = []
    core = [r for r in ("grant", "of", "scope", "title") if WORDING_RULES[r](name) is not None]
    chosen = [r for r in core if rng.random() < 0.5] or core[:1]
    out = name
    for rule in chosen:
        changed = WORDING_RULES[rule](out)
        if changed is not None:
            out, applied = changed, [*applied, rule]
    if rng.random() < 0.25 or not applied:
        changed = _traditional(out)
        if changed is not None:
            out, applied = changed, [*applied, "traditional"]
    return out, applied


# --- decoys: one change that makes another matter ------------------------------------------------

ACTIONS = [
    "设立", "变更", "注销", "延续", "补办", "换发", "抵押", "注销抵押", "年检", "迁移", "转入",
    "转出", "撤销", "终止",
]  # fmt: skip
CONTRASTS = [
    ["生产", "经营", "销售", "使用", "运输", "储存", "进口", "出口"],
    ["许可", "备案", "核准", "认定"],
    ["一级", "二级", "三级"],
    ["甲级", "乙级", "丙级"],
    ["客运", "货运"],
    ["城市", "农村"],
    ["新建", "改建", "扩建"],
    ["开采", "勘查"],
    ["省内", "跨省"],
]
# one leading character that changes the subject (a branch's registration is not the company's)
SUBJECTS = [
    ("分公司", "公司"),
    ("公司", "分公司"),
    ("非营利", "营利"),
    ("营利", "非营利"),
    ("非机动车", "机动车"),
    ("机动车", "非机动车"),
    ("非煤矿山", "煤矿"),
    ("煤矿", "非煤矿山"),
    ("民办", "公办"),
    ("法人", "非法人"),
    ("外资", "内资"),
    ("中外合资", "中外合作"),
]


def _swap(name: str, words: list[str], family_text: str, rng: random.Random) -> str | None:
    """Swap the first word of `words` found in the name for one the family never writes."""
    for w in sorted(words, key=len, reverse=True):
        if w in name:
            others = [o for o in words if o != w and o not in family_text and w not in o]
            if others:
                return name.replace(w, rng.choice(others), 1)
            return None
    return None


def decoys(name: str, family_text: str, rng: random.Random) -> dict[str, str | None]:
    out: dict[str, str | None] = {"decoy_action": _swap(name, ACTIONS, family_text, rng)}
    contrast = None
    for group in rng.sample(CONTRASTS, len(CONTRASTS)):
        contrast = _swap(name, group, family_text, rng)
        if contrast:
            break
    out["decoy_contrast"] = contrast
    subject = next(((old, new) for old, new in SUBJECTS if old in name), None)
    out["decoy_subject"] = name.replace(*subject, 1) if subject else None
    return out


# --- the queries --------------------------------------------------------------------------------


@dataclass
class Query:
    kind: str
    target: str
    truth: list[Item]


def targets(items: list[Item]) -> list[Query]:
    """Every 主项, every grouped base name, every 未分类 (base name, code family); truth each."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        if i.main:
            groups[i.main].append(i)
    out = [Query("main", m, members) for m, members in groups.items()]
    for m, members in groups.items():
        by_base: dict[str, list[Item]] = defaultdict(list)
        for i in members:
            by_base[key(i.base)].append(i)
        for k, same in by_base.items():
            if k != key(m):
                out.append(Query("item", same[0].base, same))
    loose: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for i in items:
        if not i.main:
            loose[(key(i.base), i.family or i.code)].append(i)
    out += [Query("unclassified", same[0].base, same) for same in loose.values()]
    return out


_T2S = opencc.OpenCC("t2s")


def loose(name: str) -> str:
    """Names a reader takes as one matter's: simplified, no spaces, punctuation or brackets, no
    inclusive notes (（含…）, （包括…）) or trailing notes, no trailing grant verb (a 子项
    某某许可发放 and its 主项 某某许可 name one matter in a decision)."""
    s = _T2S.convert(key(name))
    s = re.sub(r"[（(](?:含|包括)[^（）()]*[）)]", "", s)
    s = base_name(s)
    s = re.sub(r"[\s、，,/·《》“”\"'()（）]", "", s)
    s = re.sub(r"(?:的)?(?:核发|发放|审批|审核|办理|新办)$", "", s)
    return re.sub(r"许可证$", "许可", s)


def wording_class(name: str) -> set[str]:
    """The loose keys of the name and of every rewording by up to two wording rules."""
    found = {name}
    for _ in range(2):
        found |= {
            changed
            for n in found
            for rule in ("grant", "of", "scope", "title")
            if (changed := WORDING_RULES[rule](n)) is not None
        }
    return {loose(n) for n in found}


def claims(items: list[Item]) -> dict[str, set[str]]:
    """Loose key -> codes of the items that carry it as name, base name or 主项."""
    out: dict[str, set[str]] = defaultdict(set)
    for i in items:
        for n in (i.name, i.base, i.main):
            if n:
                out[loose(n)].add(i.code)
    return out


def unambiguous(queries: list[Query], items: list[Item]) -> list[Query]:
    """Queries whose target, in any wording the rules make, names no item outside their truth
    (as name, base name or 主项): e.g. a base name that is its 主项 in other wording is dropped."""
    by_key = claims(items)
    return [
        q
        for q in queries
        if all(by_key.get(k, set()) <= {i.code for i in q.truth} for k in wording_class(q.target))
    ]


_DEPARTMENTS = [
    ("交通运输", "交通运输主管部门"),
    ("人社", "人力资源社会保障部门"),
    ("住建", "住房城乡建设主管部门"),
    ("市场监", "市场监督管理部门"),
    ("卫生", "卫生健康主管部门"),
    ("卫健", "卫生健康主管部门"),
    ("教", "教育行政部门"),
    ("农业", "农业农村主管部门"),
    ("自然资源", "自然资源主管部门"),
    ("林业", "林业主管部门"),
    ("民政", "民政部门"),
    ("公安", "公安机关"),
    ("税务", "税务机关"),
    ("水务", "水行政主管部门"),
    ("文", "文化和旅游主管部门"),
    ("商务", "商务主管部门"),
    ("应急", "应急管理部门"),
    ("生态环境", "生态环境主管部门"),
]


def national_department(department: str) -> str:
    """The approving department as annexes write it (a level and a kind of office)."""
    for word, office in _DEPARTMENTS:
        if word in department:
            return "县级" + office
    return "县级人民政府有关部门"


def _listed(decoy: str, by_key: dict[str, set[str]]) -> bool:
    """Whether the decoy, in any wording, is or is part of a listed name."""
    keys = wording_class(decoy)
    return any(k in by_key for k in keys) or any(k in listed for k in keys for listed in by_key)


def build(items: list[Item], seed: int = SEED) -> list[dict[str, str]]:
    rng = random.Random(seed)
    queries = unambiguous(targets(items), items)
    by_key = claims(items)
    families: dict[str, str] = defaultdict(str)
    for i in items:
        families[i.main or i.family or i.code] += i.name + "|"
    rows = []
    for q in queries:
        dept = national_department(q.truth[0].department)
        name, rules = national_wording(q.target, rng)
        if not by_key.get(loose(name), set()) <= {i.code for i in q.truth}:
            continue  # the rewording names another listed matter
        rows.append(
            {
                "kind": q.kind,
                "target": q.target,
                "decision_name": name,
                "rules": "+".join(rules),
                "department": dept,
                "truth": "|".join(sorted(i.code for i in q.truth)),
            }
        )
        if q.kind == "main":
            continue  # decoys are written from 业务办理项 names
        family = families[q.truth[0].main or q.truth[0].family or q.truth[0].code]
        found = [
            (kind, decoy)
            for kind, decoy in decoys(q.target, family, rng).items()
            if decoy and not _listed(decoy, by_key)
        ]
        if found:  # one decoy per target, so the positives are not outnumbered
            kind, decoy = rng.choice(found)
            rows.append(
                {
                    "kind": kind,
                    "target": q.target,
                    "decision_name": decoy,
                    "rules": "",
                    "department": dept,
                    "truth": "",
                }
            )
    rows.sort(key=lambda r: (r["kind"], r["target"], r["decision_name"]))
    return [{"query_id": f"A{n:04d}", **r} for n, r in enumerate(rows, 1)]


def main(out: Path = OUT) -> None:
    rows = build(load_items())
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["kind"]] += 1
    print(f"{out.name}: {len(rows)} queries", dict(sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
