"""Matching names across levels, in tiers, each match with its reason.

Tiers, strongest first (docs/definitions.md has the full text):
  code   the item's 基本编码 (given, or read from its 实施编码) is a catalogue code;
  name   the normalised names are equal (level qualifiers, brackets, punctuation, traditional
         characters do not count), or equal once a parenthetical note present on one side only
         is dropped (a note on the candidate; an inclusive note on the query; any note on a list
         item looking for its catalogue matter); the matter types agree (or one side has none);
  fuzzy  names that differ only in how the grant is worded (居住证核发 / 居住证办理,
         蚕种生产许可 / 蚕种生产许可证核发, 审批 / 许可); else rapidfuzz ratio over blocked
         candidates (shared character bigrams): names that differ only in filler words (的, 和,
         在, 进行 …) or in word order at `fuzzy.supported`; names that differ in content at
         `fuzzy.accept` and only when the department or the legal basis agrees; never across a
         contrast (生产/经营, 设立/注销, 许可/备案, different numbers, a qualifier put in front:
         生育 vs 计划生育).
Pure functions over records: nothing here reads files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from .code_tier import code_tier_positions
from .mappings import Mapping
from .model import ListItem, Match, Matter
from .normalise import act_key, name_core, name_key, simplify

_LAW = re.compile(r"《([^》]{2,60})》")
_DIGITS = re.compile(r"\d+")
# Filler words of more than one character: light verbs and 关于 (对…进行备案, 关于…的审批). The
# mapping's `fuzzy.filler` holds single characters.
FILLER_WORDS = ("进行", "予以", "给予", "加以", "关于")
_DEPT_NOISE = re.compile(
    r"省级|市级|县级|区级|乡级|国家|省|市|县|区|乡|镇|人民政府|政府|行政|主管|管理|部门|机关|机构|"
    r"办公室|委员会|[、,，和及与/]|局|厅|委|部|分局|大队|中心|所"
)


@dataclass(frozen=True)
class NameEntry:
    """One side of a name comparison: what the matcher needs of a matter, item or decision."""

    id: str  # graph node id
    name: str
    key: str
    core: str
    task_type: str = ""
    department: str = ""
    by_law: str = ""
    implementing: bool = False  # a list item looking for the catalogue matter it implements
    own_note_dropped: bool = False  # such an item, compared without its own note

    @property
    def has_note(self) -> bool:
        return self.key != self.core

    @property
    def act(self) -> str:
        """The key without the words that only say how it is granted (normalise.act_key)."""
        return act_key(self.key)


def entry(
    node: str,
    name: str,
    mapping: Mapping,
    *,
    task_type: str = "",
    department: str = "",
    by_law: str = "",
    implementing: bool = False,
) -> NameEntry:
    key = name_key(name, mapping.level_qualifiers)
    return NameEntry(node, name, key, name_core(key), task_type, department, by_law, implementing)


def laws(text: str) -> set[str]:
    """The titles of the laws and regulations a 设定依据 cell cites."""
    return {simplify(t).replace(" ", "") for t in _LAW.findall(text or "")}


def department_words(text: str) -> set[str]:
    """Character bigrams of a department name without its level and office words."""
    core = _DEPT_NOISE.sub(" ", simplify(text or ""))
    grams: set[str] = set()
    for part in core.split():
        grams.update(part[i : i + 2] for i in range(len(part) - 1))
    return grams


def contrast(a: str, b: str, groups: list[list[str]]) -> str:
    """The first contrast between two name keys ("生产≠经营"), or "" when there is none."""
    for group in groups:
        in_a = {w for w in group if w in a}
        in_b = {w for w in group if w in b}
        # words inside longer words of the same group (一类 in 第一类) do not count twice, and
        # an ordinal 第 does not make another class (第三类 is 三类)
        in_a = {w for w in in_a if not any(w != o and w in o for o in in_a)}
        in_b = {w for w in in_b if not any(w != o and w in o for o in in_b)}
        bare_a = {w.removeprefix("第") for w in in_a}
        bare_b = {w.removeprefix("第") for w in in_b}
        only_a = {w for w in in_a if w.removeprefix("第") not in bare_b}
        only_b = {w for w in in_b if w.removeprefix("第") not in bare_a}
        if only_a and only_b:
            return f"{'/'.join(sorted(only_a))}≠{'/'.join(sorted(only_b))}"
    if set(_DIGITS.findall(a)) != set(_DIGITS.findall(b)):
        return "numbers differ"
    short, long = sorted((a, b), key=len)
    if short and len(long) - len(short) >= 2 and long.endswith(short):
        return f"qualifier '{long[: len(long) - len(short)]}' added in front"
    return ""


def differing_text(a: str, b: str) -> str:
    """The characters two names do not share, in edit order ("计划", "客货物")."""
    return "".join(run for run, _ in _differing_runs(a, b))


def _differing_runs(a: str, b: str) -> list[tuple[str, str]]:
    """(text, side) of every run two names do not share, in edit order; side is a or b."""
    out = []
    for op in Indel.opcodes(a, b):
        if op.tag in ("delete", "replace"):
            out.append((a[op.src_start : op.src_end], "a"))
        if op.tag in ("insert", "replace"):
            out.append((b[op.dest_start : op.dest_end], "b"))
    return out


def content_difference(a: str, b: str, filler: frozenset[str]) -> str:
    """What two names do not share once filler words and characters are set aside; nothing
    when the same words only stand in another order (企业注销社会保险登记 /
    企业社会保险注销登记)."""
    runs = _differing_runs(a, b)
    only_a = sorted("".join(run for run, side in runs if side == "a"))
    only_b = sorted("".join(run for run, side in runs if side == "b"))
    if only_a == only_b:
        return ""
    out = []
    for run, _ in runs:
        for word in FILLER_WORDS:
            run = run.replace(word, "")
        out.append("".join(c for c in run if c not in filler))
    return "".join(out)


def types_agree(a: str, b: str) -> bool:
    return not a or not b or a == b


@lru_cache(maxsize=1 << 18)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,))
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


class NameIndex:
    """Names of one side (catalogue matters, list items or list main items), indexed by key,
    by core and by character bigram for blocking.

    Many records share a name (every county lists the same matter), so blocking and scoring
    are done once per distinct key and remembered; postings are numpy arrays, so blocking a
    name costs one weighted count over the index instead of a Python loop per posting.
    """

    def __init__(self, entries: Iterable[NameEntry], mapping: Mapping) -> None:
        self.mapping = mapping
        self.by_key: dict[str, list[NameEntry]] = defaultdict(list)
        self.by_core: dict[str, list[NameEntry]] = defaultdict(list)
        self.by_act_core: dict[str, list[NameEntry]] = defaultdict(list)
        for e in entries:
            if e.key:
                self.by_key[e.key].append(e)
                self.by_core[e.core].append(e)
                if e.act:
                    self.by_act_core[name_core(e.act)].append(e)
        self.keys = list(self.by_key)
        grams: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            for g in _bigrams(k):
                grams[g].append(i)
        # Bigrams in 5,000 keys or more do not block anything; rare bigrams weigh more.
        self._postings = {
            g: (np.asarray(p, dtype=np.int32), 1.0 / len(p) ** 0.5)
            for g, p in grams.items()
            if len(p) < 5000
        }
        self._ranked: dict[str, list[tuple[str, float]]] = {}
        self._contrasts: dict[tuple[str, str], str] = {}

    def candidates(self, key: str, limit: int) -> list[str]:
        """Keys sharing the most bigrams with `key` (rare bigrams weigh more); ties in index
        order."""
        hits = [self._postings[g] for g in _bigrams(key) if g in self._postings]
        if not hits:
            return []
        idx = np.concatenate([p for p, _ in hits])
        weights = np.repeat([w for _, w in hits], [len(p) for p, _ in hits])
        counts = np.bincount(idx, weights=weights, minlength=len(self.keys))
        found = np.flatnonzero(counts)
        if len(found) > limit:  # keep the `limit` best and whatever ties with the last of them
            cut = np.partition(counts[found], len(found) - limit)[len(found) - limit]
            found = found[counts[found] >= cut]
        top = found[np.lexsort((found, -counts[found]))][:limit]
        return [self.keys[i] for i in top]

    def ranked(self, key: str) -> list[tuple[str, float]]:
        """(candidate key, ratio) for the blocked candidates of a key, best first; computed
        once per distinct key."""
        hit = self._ranked.get(key)
        if hit is None:
            cands = self.candidates(key, self.mapping.fuzzy_candidates)
            scores = cdist([key], cands, scorer=fuzz.ratio, dtype=np.float64)[0] if cands else []
            hit = sorted(zip(cands, map(float, scores), strict=True), key=lambda t: -t[1])
            self._ranked[key] = hit
        return hit

    def contrast(self, key: str, other: str) -> str:
        """contrast() of two keys of this index's mapping, remembered per pair."""
        pair = (key, other)
        hit = self._contrasts.get(pair)
        if hit is None:
            hit = self._contrasts[pair] = contrast(key, other, self.mapping.contrast_groups)
        return hit

    def exact(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: equal keys, or equal cores when only one side carries a note."""
        same = [e for e in self.by_key.get(q.key, []) if types_agree(q.task_type, e.task_type)]
        if same:
            return same, Match(
                "name",
                100.0,
                ("事项名称", "事项类型"),
                f"normalised names equal: '{q.key}'" + _type_note(q, same[0]),
            )
        core = [
            e
            for e in self.by_core.get(q.core, [])
            if types_agree(q.task_type, e.task_type) and _note_may_drop(q, e)
        ]
        if core:
            return core, Match(
                "name",
                95.0,
                ("事项名称", "事项类型"),
                f"names equal without the parenthetical note: '{q.core}'" + _type_note(q, core[0]),
            )
        return None

    def scored(self, q: NameEntry) -> list[tuple[str, float, str]]:
        """(key, score, contrast) for the blocked candidates, best first. The contrast is worked
        out for the best candidate and for those the fuzzy tier considers (score at least
        `fuzzy.supported`); it is "" for the others."""
        floor = self.mapping.fuzzy_supported
        return [
            (k, score, self.contrast(q.key, k) if i == 0 or score >= floor else "")
            for i, (k, score) in enumerate(self.ranked(q.key))
        ]

    def issued_alike(self, q: NameEntry) -> list[tuple[str, list[NameEntry]]]:
        """(key, entries) of the names that differ from q only in how the grant is worded: their
        act keys are equal, or their act cores are, with the note rule of the name tier."""
        if not q.act:
            return []
        found: dict[str, list[NameEntry]] = defaultdict(list)
        for e in self.by_act_core.get(name_core(q.act), []):
            if e.key == q.key or not types_agree(q.task_type, e.task_type):
                continue
            if e.act == q.act or _note_may_drop(q, e):
                found[e.key].append(e)
        return [(k, found[k]) for k in sorted(found)]

    def fuzzy(self, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
        """Fuzzy tier: every candidate key accepted by the rules, best first. A list item
        looking for its catalogue matter is compared with its notes too, then without them."""
        accepted: list[tuple[list[NameEntry], Match]] = []
        seen: set[str] = set()
        self._fuzzy(q, "", accepted, seen)
        if q.implementing and q.has_note:
            bare = replace(q, key=q.core, own_note_dropped=True)
            self._fuzzy(bare, "without the list item's note, ", accepted, seen)
        accepted.sort(key=lambda a: -a[1].score)
        return accepted

    def _fuzzy(
        self,
        q: NameEntry,
        prefix: str,
        accepted: list[tuple[list[NameEntry], Match]],
        seen: set[str],
    ) -> None:
        for k, group in self.issued_alike(q):
            if k in seen or contrast(q.core, group[0].core, self.mapping.contrast_groups):
                continue
            seen.add(k)
            score = float(fuzz.ratio(q.key, k))
            why = (
                f"{prefix}names equal once notes and the words that only say how it is granted "
                f"are set aside: '{q.key}' ~ '{k}' ({score:.0f})"
            )
            accepted.append((group, Match("fuzzy", round(score, 1), ("事项名称", "事项类型"), why)))
        for k, score, clash in self.scored(q):
            if score < self.mapping.fuzzy_supported:
                break
            if (
                clash
                or k in seen
                or (q.own_note_dropped and k != name_core(k) and not _inclusive(k))
            ):
                continue
            group = [e for e in self.by_key[k] if types_agree(q.task_type, e.task_type)]
            if not group:
                continue
            diff = differing_text(q.key, k)
            content = content_difference(q.key, k, self.mapping.fuzzy_filler)
            support = supporting_evidence(q, group[0]) if content else []
            why = f"{prefix}similar names ({score:.0f}): '{q.key}' ~ '{k}'"
            if not content:
                why += f"; they differ only in '{diff}'"
            elif score >= self.mapping.fuzzy_accept and support:
                why += f"; they differ in '{diff}'; " + "; ".join(s for _, s in support)
            else:
                continue
            seen.add(k)
            fields = ("事项名称", "事项类型", *(f for f, _ in support))
            accepted.append((group, Match("fuzzy", round(score, 1), fields, why)))

    def best(self, q: NameEntry) -> tuple[NameEntry, float, str] | None:
        """The closest candidate whatever the rules say, to show beside an unmatched item."""
        ranked = self.ranked(q.key)
        if not ranked:
            return None
        k, score = ranked[0]
        return self.by_key[k][0], score, self.contrast(q.key, k)


def supporting_evidence(a: NameEntry, b: NameEntry) -> list[tuple[str, str]]:
    """(field, sentence) for each secondary field that agrees: department, legal basis."""
    found = []
    shared_laws = laws(a.by_law) & laws(b.by_law)
    if shared_laws:
        found.append(("设定依据", f"same legal basis 《{sorted(shared_laws)[0]}》"))
    shared_dept = department_words(a.department) & department_words(b.department)
    if shared_dept:
        found.append(("部门", f"departments agree ({a.department} / {b.department})"))
    return found


def _note_may_drop(q: NameEntry, e: NameEntry) -> bool:
    """Equal cores name the same matter when the candidate carries the only note (it is a
    variant of what q names), or q's only note is inclusive (（含煤层气）): a note on q alone
    that narrows it (（注销）) does not reach the broader candidate, unless q is a list item
    looking for its catalogue matter: 客运车辆道路运输证办理（注销） implements
    客运车辆道路运输证办理. Once a list item's own note is dropped, only an inclusive note on
    the candidate drops too: （其他农药） and （限制使用农药） are two variants."""
    if q.has_note == e.has_note:
        return False
    if e.has_note:
        return _inclusive(e.key) if q.own_note_dropped else True
    return q.implementing or _inclusive(q.key)


def _inclusive(key: str) -> bool:
    """Every note of the name says what the matter includes (（含煤层气）, （包括临时）)."""
    notes = re.findall(r"\(([^()]*)\)", key)
    return bool(notes) and all(n.startswith(("含", "包括", "包含")) for n in notes)


def _type_note(q: NameEntry, e: NameEntry) -> str:
    if q.task_type and e.task_type:
        return f", both {q.task_type}"
    return ", matter type not compared (missing on one side)"


def match_name(
    index: NameIndex, q: NameEntry, exclude: set[str] | frozenset[str] = frozenset()
) -> tuple[list[NameEntry], Match] | None:
    """The strongest name-based match of q in index: name tier, else the best fuzzy group;
    candidates in `exclude` (denied by a reviewer) never match."""
    hit = index.exact(q)
    if hit:
        group = [e for e in hit[0] if e.id not in exclude]
        if group:
            return group, hit[1]
    for group, match in index.fuzzy(q):
        group = [e for e in group if e.id not in exclude]
        if group:
            return group, match
    return None


# --- the tiers applied to whole sources -------------------------------------------------------


def _code_match(item: ListItem, matter: Matter, mapping: Mapping) -> Match:
    """The code tier's Match: the 基本编码, where it came from, and a note when the names differ."""
    how = (
        "given in the list"
        if item.basic_code_origin == "given"
        else f"read from 实施编码 by layout {item.basic_code_origin.split(':', 1)[-1]}"
    )
    score = float(
        fuzz.ratio(
            name_key(item.name, mapping.level_qualifiers),
            name_key(matter.name, mapping.level_qualifiers),
        )
    )
    note = "" if score >= 80 else f"; names differ (similarity {score:.0f})"
    return Match(
        "code",
        100.0,
        ("基本编码",),
        f"基本编码 {item.basic_code} ({how}) is catalogue matter {matter.name}{note}",
    )


def match_items_to_catalogue(
    items: list[ListItem],
    matters: list[Matter],
    catalogue: NameIndex,
    confirmed: dict[str, tuple[str, str]] | None = None,
    denied: dict[str, set[str]] | None = None,
    code_tier: list[int] | None = None,
) -> tuple[dict[str, tuple[Matter, Match]], dict[str, tuple[NameEntry, float, str] | None]]:
    """(item node -> (matter, Match), item node -> closest candidate for the unmatched).

    `confirmed` (item node -> (matter node, evidence)) and `denied` (item node -> matter nodes)
    carry reviewers' judgements: a confirmed pair is tier `reviewed`, a denied one never matches.
    `code_tier` (per item, the position of its matter in `matters`, or -1): the code tier as an
    engine ran it (code_tier.code_tier_positions, on DuckDB when not given).
    """
    confirmed = confirmed or {}
    denied = denied or {}
    if code_tier is None:
        code_tier = code_tier_positions(items, matters, denied)
    by_node = {m.node: m for m in matters}
    matched: dict[str, tuple[Matter, Match]] = {}
    nearest: dict[str, tuple[NameEntry, float, str] | None] = {}
    code_matches: dict[tuple[str, str, str], Match] = {}
    for n, item in enumerate(items):
        if item.node in confirmed and confirmed[item.node][0] in by_node:
            target, why = confirmed[item.node]
            matched[item.node] = (by_node[target], Match("reviewed", 100.0, ("审核",), why))
            continue
        excluded = denied.get(item.node, set())
        if code_tier[n] >= 0:
            matter = matters[code_tier[n]]
            # Agencies repeat code, origin and name: one Match (immutable) serves them all.
            key = (item.basic_code, item.basic_code_origin, item.name)
            match = code_matches.get(key)
            if match is None:
                match = code_matches[key] = _code_match(item, matter, catalogue.mapping)
            matched[item.node] = (matter, match)
            continue
        q = entry(
            item.node,
            item.name,
            catalogue.mapping,
            task_type=item.task_type,
            department=item.agency,
            by_law=item.by_law,
            implementing=True,
        )
        hit = match_name(catalogue, q, excluded)
        if hit is not None:
            group, match = hit
            if len(group) > 1:
                match = replace(
                    match,
                    evidence=f"{match.evidence}; {len(group)} catalogue "
                    f"matters share this name, the first ({group[0].name}) taken",
                )
            matched[item.node] = (by_node[group[0].id], match)
            continue
        nearest[item.node] = catalogue.best(q)
    return matched, nearest
