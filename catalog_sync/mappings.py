"""Mapping files (YAML): column aliases, code layouts, type and state dictionaries.

The standard mapping ships in `mappings/standard.yaml`; user files passed with --mapping are
laid over it: their column aliases are tried first, their other keys replace the standard ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import MappingError
from .normalise import simplify
from .wording import Wording

SOURCE_KINDS = ("catalogue", "list", "decisions", "work_orders", "materials")


def standard_mapping_path() -> Path:
    """The bundled standard mapping, in a wheel or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (
        here / "_mappings" / "standard.yaml",
        here.parent / "mappings" / "standard.yaml",
    ):
        if candidate.is_file():
            return candidate
    raise MappingError("the standard mapping (mappings/standard.yaml) is missing from the install")


# A note saying whether a column must be filled: （必填）, (选填), 【必填】, [可选], 〔非必填〕.
# Only these words, bracketed whole, are notes; 基本编码（地方） or 审批（部门） name a column.
_FILL_NOTE = re.compile(r"[(\[【〔](?:非?必填|选填|可选|可填|非?必选)项?[)\]】〕]")


def header_key(text: object) -> str:
    """A header cell as compared with aliases: NFKC, traditional characters as simplified
    (行使層級 is 行使层级, as names are read: a list exported in traditional script heads its
    columns so), no spaces, no required-marks (*, ※) or required/optional notes (（必填）,
    (选填), 【必填】), lower case."""
    return _header_key(str(text or ""))


@lru_cache(maxsize=65536)
def _header_key(text: str) -> str:
    """header_key of a text, once per distinct text (a header repeated on every page, a
    work-order file's cells looked at as a header again)."""
    s = simplify(text)
    s = re.sub(r"[\s*※]+", "", s)
    s = _FILL_NOTE.sub("", s)
    return s.lower()


@lru_cache(maxsize=65536)
def _plain(value: str) -> str:
    """A cell compared with a vocabulary (事项类型, 事项状态): NFKC, traditional characters as
    simplified (行政許可, 廢止), trimmed; once per distinct value."""
    return simplify(value).strip()


# A bracket leaving levels out (（不含省直管县）, （除省直管县外）, （不包括…）) names none of them.
_LEVELS_LEFT_OUT = re.compile(r"[（(](?:不含|不包括|除)[^）)]*[）)]")


@dataclass(frozen=True)
class CodeLayout:
    name: str
    pattern: re.Pattern[str]


# What a 事项类型 spelling may carry after the type's name: 行政许可类, 公共服务类事项.
_TYPE_SUFFIXES = ("类事项", "事项", "类")


@dataclass
class Mapping:
    """Everything a run reads from mapping files, typed."""

    columns: dict[str, dict[str, list[str]]]
    required: dict[str, list[str]]
    code_layouts: list[CodeLayout]
    task_types: dict[str, str]
    states_in_use: set[str]
    states_not_in_use: set[str]
    actions: dict[str, list[str]]
    annex_actions: dict[str, list[str]]
    level_chars: dict[str, str]
    level_words: dict[str, list[str]]
    national_pattern: re.Pattern[str] | None
    level_qualifiers: str
    contrast_groups: list[list[str]]
    fuzzy_supported: float
    fuzzy_candidates: int
    fuzzy_filler: frozenset[str]
    fuzzy_accept_weight: float = 6.0
    fuzzy_filler_weight: float = 6.0
    fuzzy_name_weights: tuple[tuple[float, float], ...] = ((95, 4.0), (90, 3.0), (85, 1.5))
    fuzzy_type_weight: float = 1.0
    fuzzy_max_field_weight: float = 3.0
    fuzzy_taken_weight: float = -2.0
    code_families: list[CodeLayout] = field(default_factory=list)
    wording: Wording = field(default_factory=lambda: Wording((), (), (), (), ()))
    files: list[str] = field(default_factory=list)
    guide: dict[str, Any] = field(default_factory=dict)  # compiled by checks.guide.guide_rules
    certificates: dict[str, Any] = field(default_factory=dict)
    _levels: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def aliases(self, kind: str) -> dict[str, list[str]]:
        """Header keys per field, in the mapping's order: a --mapping's names first, then the
        standard element name, then its alternatives (resolve_columns prefers the earlier)."""
        return {
            f: list(dict.fromkeys(header_key(a) for a in names))
            for f, names in self.columns[kind].items()
        }

    def required_alternatives(self, kind: str) -> list[tuple[str, ...]]:
        """The required columns of a source; an entry "a|b" is met by either column."""
        return [tuple(r.split("|")) for r in self.required.get(kind, [])]

    def task_type(self, value: str) -> str:
        """Canonical 事项类型 name, or the value itself (trimmed) when the dictionary lacks it
        (known_task_type tells which). A spelling the dictionary lacks is looked up again in
        capitals (xk is XK), without a trailing 类事项, 事项 or 类 (行政许可类, 公共服务类事项),
        and as the kind of a 行政 type (处罚 is 行政处罚: _administrative_kind)."""
        v = _plain(value or "")
        if not v or v in self._canonical_types:
            return v
        for text in (v, v.upper()):
            bare = next((text[: -len(s)] for s in _TYPE_SUFFIXES if text.endswith(s)), "")
            for spelling in (text, bare) if bare else (text,):
                found = self._spelled(spelling)
                if found:
                    return found
        return v

    def _spelled(self, text: str) -> str:
        """The canonical type `text` spells: a canonical name, a dictionary spelling, or a 行政
        type's kind alone (处罚, 检查, 征收 …: enforcement lists leave 行政 out); "" if none."""
        if text in self._canonical_types:
            return text
        found = self.task_types.get(text)
        if found is None and f"行政{text}" in self._canonical_types:
            found = f"行政{text}"
        return found or ""

    def known_task_type(self, canonical: str) -> bool:
        """A task_type() value the dictionary names (not a spelling it lacks); "" is known."""
        return not canonical or canonical in self._canonical_types

    @cached_property
    def _canonical_types(self) -> frozenset[str]:
        """The names task_types maps to."""
        return frozenset(self.task_types.values())

    def in_use(self, state: str) -> bool:
        s = _plain(state or "")
        if not s:
            return True
        return s not in self.states_not_in_use

    def known_state(self, state: str) -> bool:
        """Empty, or named under `states` (in use or not)."""
        s = _plain(state or "")
        return not s or s in self.states_in_use or s in self.states_not_in_use

    def derive_basic_code(self, task_code: str) -> tuple[str, str]:
        """(basic code, layout name) read from an implementation code, or ("", "")."""
        for layout in self.code_layouts:
            m = layout.pattern.match(task_code)
            if m:
                return m.group("basic"), layout.name
        return "", ""

    def sql_derive_basic_code(self, column: str) -> tuple[str, str] | None:
        """The SQL (DuckDB, RE2) twin of derive_basic_code: the basic code's and the layout
        name's expressions over the text `column`, or None when a layout's pattern may read
        otherwise in RE2. Exact on the texts it is asked about, normalised codes of ASCII
        letters, digits and hyphens: there the classes and anchors of both engines agree, both
        pick the leftmost-first match, and a construct RE2 lacks fails to compile (the caller
        then keeps to Python). `{,n}` is refused here: RE2 reads it as literal text."""
        whens: list[tuple[str, str, str]] = []
        for layout in self.code_layouts:
            pattern = layout.pattern
            if "{," in pattern.pattern or pattern.flags & ~(re.UNICODE | re.IGNORECASE):
                return None
            sql_pattern = _sql_text(f"^(?:{pattern.pattern})")  # as re.match: at the start
            group = pattern.groupindex["basic"]
            whens.append((
                f"regexp_matches({column}, {sql_pattern})",
                f"regexp_extract({column}, {sql_pattern}, {group})",
                _sql_text(layout.name),
            ))  # fmt: skip
        if not whens:
            return "''", "''"
        basic = " ".join(f"WHEN {test} THEN {found}" for test, found, _ in whens)
        name = " ".join(f"WHEN {test} THEN {named}" for test, _, named in whens)
        return f"(CASE {basic} ELSE '' END)", f"(CASE {name} ELSE '' END)"

    def main_code(self, basic_code: str) -> str:
        """The 主项 part of a basic code by `code_families`, or "" when no family matches."""
        for family in self.code_families:
            m = family.pattern.match(basic_code)
            if m:
                return m.group("main")
        return ""

    def levels_in(self, text: str) -> frozenset[str]:
        """The levels named in a 行使层级 or 审批部门 cell ("省、市、县级…" -> 省级, 市级, 县级);
        read once per distinct cell text (a province repeats a handful of them)."""
        hit = self._levels.get(text)
        if hit is None:
            hit = self._levels[text] = self._read_levels(text)
        return hit

    def _read_levels(self, text: str) -> frozenset[str]:
        """Level words first, each read once and set aside (设区市级 is 市级, not 区 and 市); then
        a level character with its places in brackets (县（市、区）, 市（州）: the places of that
        level); then runs of level characters ending in 级, also 两级 / 三级 (市县两级), or in the
        government of that level where no place's name comes before (至市、县人民政府, 各州人民政府,
        盟行政公署; not 义乌市人民政府, a named place, nor 县级市人民政府, read as 县级); and
        single level characters joined by 、/和/及 where a level opens (市、县交通运输主管部门)."""
        t = simplify(text or "")  # 市級 in a list written in traditional script is 市级
        t = _LEVELS_LEFT_OUT.sub("", t)  # 设区的市（不含省直管县）: 市级 alone
        found: set[str] = set()
        rest = t
        for word in sorted(self.level_words, key=len, reverse=True):
            if word in rest:
                found.update(self.level_words[word])
                rest = rest.replace(word, "□")
        chars = "".join(self.level_chars)
        if chars:
            rest = re.sub(rf"([{chars}])\([{chars}、,/]+\)", r"\1级", rest)
            run = rf"((?:[{chars}](?:、|/|,|和|及|或)?)+)(?:(?:两|三|四)?级|{_GOVERNMENT})"
            for m in re.finditer(run, rest):
                if not m.group(0).endswith("级") and not _opens_level(rest, m.start()):
                    continue  # 义乌市人民政府: a named place's government, no level
                found.update(self.level_chars[c] for c in m.group(1) if c in self.level_chars)
            # 市、县交通运输主管部门: single level characters joined so are no place's name
            joined = rf"[{chars}](?:(?:、|/|和|及|或)[{chars}])+"
            for m in re.finditer(joined, rest):
                if _opens_level(rest, m.start()):
                    found.update(self.level_chars[c] for c in m.group(0) if c in self.level_chars)
        if self.national_pattern and self.national_pattern.search(t):
            found.add("国家级")
        return frozenset(found)


_GOVERNMENT = "(?:人民)?政府|行政公署"
# what may stand before a level's government (至市、县人民政府, 各州人民政府): no place's name
_BEFORE_LEVEL = set("至到给各、,，（(□") | {""}


def _opens_level(text: str, at: int) -> bool:
    """Whether a run of level characters at `at` opens a level, not a place's name: it starts
    the text or follows 至, 各, a comma or a level word read (□)."""
    return text[at - 1 : at] in _BEFORE_LEVEL


# what a type label may add after the type's name: 【行政许可类】, （公共服务事项）
_TYPE_LABEL_TAILS = "(?:类|事项)?"


def _with_type_labels(qualifiers: str, task_types: dict[str, Any]) -> str:
    """The qualifiers set aside from names, with the 事项类型 labels a list puts in brackets
    around a name or in front of it before a colon or dash (【行政许可】举办健身气功活动及设立
    站点审批, …（公共服务）, 行政许可：…): the label says which kind of power the item is, as the
    事项类型 column does, and is no part of what the matter is. Only a type's whole name (a
    `task_types` value: 行政许可, 其他行政权力, 公共服务 …) is one; （行政许可中介服务）, （许可）
    and 行政许可事项… without a colon are no label."""
    names = sorted({str(v) for v in task_types.values() if len(str(v)) >= 4}, key=len, reverse=True)
    if not names:
        return qualifiers
    kinds = f"(?:{'|'.join(map(re.escape, names))}){_TYPE_LABEL_TAILS}"
    label = f"[（(【\\[]{kinds}[）)】\\]]|^{kinds}[:：\\-－—]+"
    return f"{qualifiers}|{label}" if qualifiers else label


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise MappingError(f"{path}: cannot read the mapping file ({e.strerror})") from e
    except UnicodeDecodeError as e:
        raise MappingError(f"{path}: the mapping file is not UTF-8") from e
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise MappingError(f"{path}: not valid YAML ({e})") from e
    if not isinstance(data, dict):
        raise MappingError(f"{path}: a mapping file must be a YAML mapping of keys")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any], path: Path) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if key == "columns":
            if not isinstance(value, dict):
                raise MappingError(f"{path}: 'columns' must map source kinds to fields")
            cols = {k: dict(v) for k, v in base.get("columns", {}).items()}
            for kind, fields in value.items():
                if kind not in SOURCE_KINDS:
                    raise MappingError(
                        f"{path}: unknown source kind '{kind}' under columns "
                        f"(expected one of {', '.join(SOURCE_KINDS)})"
                    )
                if not isinstance(fields, dict):
                    raise MappingError(f"{path}: columns.{kind} must map fields to header names")
                for fname, aliases in fields.items():
                    if fname not in cols.get(kind, {}):
                        raise MappingError(
                            f"{path}: columns.{kind}.{fname} is not a field catalog-sync reads "
                            f"(known: {', '.join(cols.get(kind, {}))})"
                        )
                    if isinstance(aliases, str):
                        aliases = [aliases]
                    cols[kind][fname] = list(aliases) + cols[kind][fname]
            merged["columns"] = cols
        elif key == "wording" and isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _extend_wording(base[key], value, path)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    return merged


# wording sections mapping a word to a list of words, extended word by word
_WORD_LISTS = ("act_kinds", "act_tails", "action_kinds", "object_acts")


def _extend_wording(base: dict[str, Any], over: dict[str, Any], path: Path) -> dict[str, Any]:
    """A user's `wording` adds to the standard vocabulary: new actions and spellings, more grant,
    licence and scope words (a vocabulary is extended far more often than replaced)."""
    out = dict(base)
    for key, value in over.items():
        old = base.get(key)
        dicts = (
            "actions",
            "synonyms",
            "scope_levels",
            "place_suffixes",
            "level_prefixes",
            *_WORD_LISTS,
        )
        if key in dicts and isinstance(value, dict) and isinstance(old, dict):
            if key not in ("actions", *_WORD_LISTS):
                out[key] = {**old, **value}
                continue
            out[key] = {**old, **{k: [*(old.get(k) or []), *(v or [])] for k, v in value.items()}}
        elif isinstance(value, list) and isinstance(old, list):
            out[key] = [*old, *(w for w in value if w not in old)]
        else:
            raise MappingError(
                f"{path}: wording.{key} must be a list of words (actions: a mapping)"
            )
    return out


def load_mapping(extra: list[Path] | tuple[Path, ...] = ()) -> Mapping:
    """The standard mapping with the user's files laid over it, in order."""
    std = standard_mapping_path()
    data = _read_yaml(std)
    files = ["standard.yaml (bundled)"]
    for path in extra:
        data = _merge(data, _read_yaml(Path(path)), Path(path))
        files.append(str(path))
    try:
        layouts = _code_patterns(data.get("code_layouts", []), "basic", "code layout", files[-1])
        families = _code_patterns(
            data.get("code_families", []) or [], "main", "code family", files[-1]
        )
        states = data.get("states", {})
        levels = data.get("levels", {})
        fuzzy = data.get("fuzzy", {})
        norm = data.get("name_normalisation", {})
        qualifiers = str(norm.get("level_qualifiers", ""))
        if qualifiers:
            re.compile(qualifiers)
        qualifiers = _with_type_labels(qualifiers, data.get("task_types", {}))
        return Mapping(
            columns={
                k: {f: [str(a) for a in v] for f, v in fs.items()}
                for k, fs in data["columns"].items()
            },
            required={k: list(v) for k, v in data.get("required", {}).items()},
            code_layouts=layouts,
            task_types={str(k): str(v) for k, v in data.get("task_types", {}).items()},
            states_in_use={str(s) for s in states.get("in_use", [])},
            states_not_in_use={str(s) for s in states.get("not_in_use", [])},
            actions={k: [str(w) for w in v] for k, v in data.get("actions", {}).items()},
            annex_actions={
                k: [str(w) for w in v] for k, v in data.get("annex_actions", {}).items()
            },
            level_chars={str(k): str(v) for k, v in levels.get("chars", {}).items()},
            level_words={str(k): [str(x) for x in v] for k, v in levels.get("words", {}).items()},
            national_pattern=re.compile(str(levels["national"]))
            if levels.get("national")
            else None,
            level_qualifiers=qualifiers,
            contrast_groups=[[str(w) for w in g] for g in data.get("contrast_groups", [])],
            fuzzy_supported=float(fuzzy.get("supported", 80)),
            fuzzy_candidates=int(fuzzy.get("candidates", 25)),
            fuzzy_filler=frozenset("".join(str(w) for w in fuzzy.get("filler", []))),
            **_fuzzy_weights(fuzzy.get("weights", {})),
            code_families=families,
            wording=_wording(data.get("wording", {}), files[-1], data.get("task_types", {})),
            files=files,
            guide=dict(data.get("guide") or {}),
            certificates=dict(data.get("certificates") or {}),
        )
    except MappingError:
        raise
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise MappingError(f"{files[-1]}: mapping is ill-formed ({e})") from e


def _code_patterns(
    entries: list[dict[str, Any]], group: str, kind: str, file: str
) -> list[CodeLayout]:
    """The named patterns of `code_layouts` or `code_families`, each with its named group
    (`file`: the last mapping file read, named in the error)."""
    found = [CodeLayout(str(e["name"]), re.compile(str(e["pattern"]))) for e in entries]
    for lay in found:
        if group not in lay.pattern.groupindex:
            raise MappingError(f"{file}: {kind} '{lay.name}' has no (?P<{group}>...) group")
    return found


def _wording(data: object, file: str, task_types: dict[str, Any]) -> Wording:
    """The `wording` section: actions map a canonical word to its spellings, the rest are lists.
    The kinds of act the 行政 事项类型 name (行政裁决: 裁决) are read from `task_types`."""
    if not isinstance(data, dict):
        raise MappingError(f"{file}: 'wording' must be a mapping of word lists")
    actions = data.get("actions", {}) or {}
    if not isinstance(actions, dict) or not all(
        isinstance(v, list) or v is None for v in actions.values()
    ):
        raise MappingError(f"{file}: wording.actions must map each action to a list of spellings")
    lists = ("grant_verbs", "licence_words", "scope_prefixes", "scope_words", "subject_words")
    lists = (*lists, "default_qualifiers", "generic_subjects", "generic_words", "negations")
    lists = (*lists, "inner_subjects", "business_words", "population_words", "money_words")
    lists = (*lists, "leading_verbs", "benefit_ends")
    lists = (*lists, "request_words")
    lists = (*lists, "act_words", "agency_suffixes", "not_places", "plain_agency_suffixes")
    lists = (*lists, "named_place_suffixes", "place_subjects", "place_governments")
    lists = (*lists, "province_scoped")
    stages = ("stage_words", "act_stage_words", "stage_agents", "not_agents", "lowest_grades")
    stages = (*stages, "remark_openers", "remark_sources", "delegation_words", "law_titles")
    stages = (*stages, "law_title_leads")
    stages = (*stages, "decision_issuers")
    for key in (
        *lists,
        "initial_actions",
        "licence_term_acts",
        "jurisdiction_prefixes",
        "holding_verbs",
        *stages,
        "grade_subjects",
    ):
        if not isinstance(data.get(key, []) or [], list):
            raise MappingError(f"{file}: wording.{key} must be a list of words")
    for key in ("grade_scales", "part_groups"):
        groups = data.get(key, []) or []
        if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
            raise MappingError(f"{file}: wording.{key} must be a list of lists of words")
    for key in _WORD_LISTS:
        kinds = data.get(key, {}) or {}
        if not isinstance(kinds, dict) or not all(
            isinstance(v, list) or v is None for v in kinds.values()
        ):
            raise MappingError(f"{file}: wording.{key} must map each word to a list of words")
    for key in ("synonyms", "scope_levels", "place_suffixes", "repeated_leads", "level_prefixes"):
        if not isinstance(data.get(key, {}) or {}, dict):
            raise MappingError(f"{file}: wording.{key} must map each word to another")
    administrative = [str(t)[2:] for t in task_types.values() if re.fullmatch("行政..", str(t))]
    return Wording.from_mapping(
        {
            **data,
            "actions": {k: v or [] for k, v in actions.items()},
            "administrative_acts": administrative,
        }
    )


def _fuzzy_weights(data: dict[str, Any]) -> dict[str, Any]:
    """fuzzy.weights: the evidence weights (bits) of the fuzzy tier; missing ones keep defaults."""
    out: dict[str, Any] = {}
    simple = {
        "accept": "fuzzy_accept_weight",
        "filler_only": "fuzzy_filler_weight",
        "same_type": "fuzzy_type_weight",
        "max_field": "fuzzy_max_field_weight",
        "already_implemented": "fuzzy_taken_weight",
    }
    for key, attr in simple.items():
        if key in data:
            out[attr] = float(data[key])
    if "name" in data:
        bands = sorted(((float(k), float(v)) for k, v in dict(data["name"]).items()), reverse=True)
        out["fuzzy_name_weights"] = tuple(bands)
    return out
