"""Province-scale benchmark of `catalog-sync diff` without work orders.

    python benchmarks/province.py                     # 50,000 items, one run
    python benchmarks/province.py --items 500000 --runs 3
    python benchmarks/province.py --items 50000,200000,500000 --runs 3 --against ../base

Several sizes (--items a comma-separated list) are measured in one invocation and summed up in
one table at the end: each size's median time, CPU, peak memory and stage shares. --against
names another checkout of catalog-sync (the code before a change): its runs alternate with this
one's, on the same generated files, so before and after are measured in the same hour.

Generates a province (deterministic for a given --items and --seed): a basic catalogue of about
10,000 matters with 主项/子项, implementation lists of province, city, county and township agencies
totalling --items items (one CSV per city, the province's own list as XLSX with a title row, one
city in GB18030), a few hundred decision rows with reworded names and decoys. It then runs the diff
in a fresh child process, in-process there as the CLI does (pipeline.run, then cli.write_result
with csv, xlsx, json, md and ttl), and prints total time, CPU time (all of it, and on the critical
path: what an idle 2-core machine would take), peak memory (each process's RSS, and both together
with the pages they share counted once) and each stage's share. Last, it checks the answers it
planted: the cancellations and delegations it planted are found, its decoys reach nothing, the
local matters it planted are unmatched and the list items it planted for the name and fuzzy tiers
are matched to the right matter. Data and output go to a temporary folder, or --dir (generated
data is reused there).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 1)
DEFAULT_ITEMS = 50_000
FORMATS = ["csv", "xlsx", "json", "md"]

# --- vocabulary

SUBJECTS = (
    "食品 药品 医疗器械 化妆品 特种设备 建筑工程 燃气 供水 排水 城市道路 公路 水运 港口 航道 "
    "道路运输 出租汽车 机动车 驾驶员 危险化学品 烟花爆竹 民用爆炸物品 放射性物品 种子 农药 兽药 "
    "饲料 肥料 林木种苗 野生动物 野生植物 渔业船舶 水产苗种 生猪屠宰 畜禽养殖 动物诊疗 医疗机构 "
    "执业医师 护士 母婴保健 消毒产品 放射诊疗 职业卫生 公共场所 生活饮用水 学校 幼儿园 培训机构 "
    "民办学校 教师 社会组织 养老机构 殡葬设施 户籍 居住证 印章刻制 旅馆业 典当业 保安服务 "
    "互联网上网服务 娱乐场所 营业性演出 文物 广播电视 出版物 印刷 电影放映 体育场馆 "
    "高危险性体育项目 河道采砂 取水 水土保持 水库 建设用地 临时用地 土地复垦 矿产资源 地质灾害 "
    "测绘 排污 环境影响评价 危险废物 辐射安全 森林采伐 林地 草原 城市绿地 古树名木 户外广告 "
    "建筑垃圾 市政设施 房地产开发 商品房预售 物业服务 建筑业企业 工程监理 工程造价 施工图审查 "
    "消防设施 人防工程 气象设施 防雷装置 无线电台 宗教活动场所 慈善组织 劳务派遣 职业技能培训 "
    "人力资源服务 社会保险 失业保险 工伤保险 住房公积金 残疾人 退役军人 律师 公证 司法鉴定 "
    "法律援助 拍卖 成品油 酒类 粮食收购 招标代理 价格评估 计量器具 检验检测机构 认证机构"
).split()
OBJECTS = (
    "- 生产 经营 销售 使用 运输 储存 经营单位 生产企业 从业人员 执业 设立 建设项目 安全 质量 "
    "技术 资质 资格 工程 项目 机构 场所 设施 新建"
).split()
ACTIONS = {  # action -> 事项类型 code
    "许可": "01",
    "审批": "01",
    "核准": "01",
    "核发": "01",
    "处罚": "02",
    "检查": "06",
    "登记": "07",
    "认定": "07",
    "确认": "07",
    "奖励": "08",
    "补贴发放": "05",
    "备案": "10",
    "资格认定": "07",
    "年度检验": "06",
    "注册": "07",
    "证明": "20",
    "鉴定": "20",
}
TYPE_TEXT = {"01": "1", "02": "2", "05": "5", "06": "6", "07": "7", "08": "8", "10": "10"}
NOTE_GROUPS = [
    ["新办", "延续", "变更", "注销", "补办", "换证", "迁移", "首次"],
    ["一级", "二级", "三级"],
    ["甲级", "乙级", "丙级"],
    ["生产", "经营", "销售", "运输", "储存"],
]
DEPTS = [  # national department, local agency suffix
    ("市场监督管理部门", "市场监督管理局"),
    ("交通运输部门", "交通运输局"),
    ("住房城乡建设部门", "住房和城乡建设局"),
    ("自然资源部门", "自然资源和规划局"),
    ("卫生健康部门", "卫生健康局"),
    ("教育部门", "教育和体育局"),
    ("农业农村部门", "农业农村局"),
    ("民政部门", "民政局"),
    ("人力资源社会保障部门", "人力资源和社会保障局"),
    ("公安机关", "公安局"),
    ("生态环境部门", "生态环境局"),
    ("水利部门", "水利局"),
    ("文化和旅游部门", "文化广播电视和旅游局"),
    ("应急管理部门", "应急管理局"),
    ("林业和草原部门", "林业局"),
    ("司法行政部门", "司法局"),
    ("医疗保障部门", "医疗保障局"),
    ("发展改革部门", "发展和改革局"),
    ("商务部门", "商务局"),
    ("体育部门", "体育局"),
    ("退役军人事务部门", "退役军人事务局"),
    ("气象部门", "气象局"),
]
CITIES = (
    "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "
    "阿坝 甘孜 凉山"
).split()
LEVEL_QUALIFIER = {"省级": "（省级）", "市级": "（市级）", "县级": "（县级）", "乡级": "（乡级）"}
# (share of --items, units at 500,000 items)
LEVELS = {"省级": (0.01, 1), "市级": (0.14, 21), "县级": (0.60, 183), "乡级": (0.25, 4000)}


@dataclass
class MatterSpec:
    code: str
    name: str
    base: tuple[str, str, str]  # subject, object, action
    note: str
    type_code: str
    dept: int
    levels: tuple[str, ...]
    parent: str = ""
    children: list[str] = field(default_factory=list)
    state: str = "在用"


def _t2s_free_traditional() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _name(subject: str, obj: str, action: str, note: str = "", filler: str = "") -> str:
    o = "" if obj == "-" else obj
    return f"{subject}{o}{filler}{action}" + (f"（{note}）" if note else "")


# --- generation


def generate(out: Path, items: int, seed: int, guides: bool = False) -> dict[str, Any]:
    """Write the province's files under `out`; return the planted answers. With `guides`, the
    same province with service-guide columns on every list (and the same answers)."""
    from rapidfuzz import fuzz, process

    from catalog_sync.mappings import load_mapping
    from catalog_sync.normalise import name_core, name_key
    from catalog_sync.wording import parts

    rng = random.Random(seed)
    s2t = _t2s_free_traditional()
    mapping = load_mapping()
    lq = mapping.level_qualifiers

    def stem(k: str) -> str:
        """The stem the matcher reads names of one matter by (wording.parts)."""
        return parts(k, mapping.wording).stem

    def key(n: str) -> str:
        return name_key(n, lq)

    # Base names, kept apart from each other so every planted answer has one right matter.
    combos = [(s, o, a) for s in SUBJECTS for o in OBJECTS for a in ACTIONS]
    rng.shuffle(combos)
    bases: list[tuple[str, str, str]] = []
    base_keys: list[str] = []
    seen_keys: set[str] = set()
    seen_stems: set[str] = set()  # names of one stem are one matter for the matcher
    for c in combos:
        n = _name(*c)
        k = key(n)
        if k in seen_keys or len(k) > 16 or stem(k) in seen_stems:
            continue
        if base_keys and process.extractOne(k, base_keys, scorer=fuzz.ratio, score_cutoff=85):
            continue
        bases.append(c)
        base_keys.append(k)
        seen_keys.add(k)
        seen_stems.add(stem(k))
        if len(bases) >= 6000:
            break
    local_bases = bases[4000:]  # names no catalogue matter has: local matters, unmatched
    bases = bases[:4000]

    # Catalogue: 3,000 matters without 子项, 1,000 主项 with 3 to 9 子项 (about 10,000 in all).
    matters: dict[str, MatterSpec] = {}
    level_sets = [
        (("省级",), 10),
        (("省级", "市级"), 15),
        (("市级", "县级"), 35),
        (("县级",), 20),
        (("县级", "乡级"), 15),
        (("乡级",), 5),
    ]

    def levels() -> tuple[str, ...]:
        return rng.choices([ls for ls, _ in level_sets], [w for _, w in level_sets])[0]

    for n, base in enumerate(bases):
        type_code = ACTIONS[base[2]]
        g_layout = n % 10 == 9  # public services in the G- layout
        if g_layout:
            code = f"G-{n:06d}-000"
        else:
            code = f"51{1 + n % 2}{'ABCDEFGHJK'[n % 10]}{n:05d}00000"
        m = MatterSpec(code, _name(*base), base, "", type_code, rng.randrange(len(DEPTS)), levels())
        matters[code] = m
        if n < 1400:
            group = rng.choice(NOTE_GROUPS)
            notes = rng.sample(group, min(len(group), rng.randint(3, 9)))
            if base[1] in group:
                notes = [x for x in notes if x != base[1]] or notes[:1]
            for j, note in enumerate(notes, start=1):
                sub = f"G-{n:06d}-{j:03d}" if g_layout else f"{code[:9]}{j:05d}"
                matters[sub] = MatterSpec(
                    sub, _name(*base, note), base, note, type_code, m.dept, m.levels, parent=code
                )
                m.children.append(sub)
    codes = list(matters)
    for code in rng.sample(codes, 40):  # a few matters out of use in the catalogue
        if not matters[code].children and not matters[code].parent:
            matters[code].state = "停用"

    cat_path = out / "catalogue.csv"
    with cat_path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "基本编码",
                "事项名称",
                "事项类型",
                "主管部门",
                "主项编码",
                "设定依据",
                "行使层级",
                "事项状态",
            ]
        )
        for m in matters.values():
            w.writerow(
                [
                    m.code,
                    m.name,
                    m.type_code,
                    DEPTS[m.dept][0],
                    m.parent,
                    "",
                    "、".join(m.levels),
                    m.state,
                ]
            )

    # Units: province, cities, counties, townships, scaled with --items.
    scale = items / 500_000
    units: dict[str, list[tuple[str, str, str]]] = {}  # level -> (area code, name, city)
    n_cities = max(1, min(len(CITIES), round(LEVELS["市级"][1] * scale)))
    n_counties = max(2, round(LEVELS["县级"][1] * scale))
    n_towns = max(4, round(LEVELS["乡级"][1] * scale))
    units["省级"] = [("510000000000", "四川省", "")]
    units["市级"] = [
        (f"51{c + 1:02d}00000000", f"{CITIES[c]}市", CITIES[c]) for c in range(n_cities)
    ]
    units["县级"] = []
    for k in range(n_counties):
        c = k % n_cities
        units["县级"].append(
            (
                f"51{c + 1:02d}{k // n_cities + 1:02d}000000",
                f"{CITIES[c]}第{k // n_cities + 1}县",
                "",
            )
        )
    units["县级"] = [(a, n, CITIES[int(a[2:4]) - 1]) for a, n, _ in units["县级"]]
    units["乡级"] = []
    for t in range(n_towns):
        a, n, city = units["县级"][t % n_counties]
        units["乡级"].append(
            (f"{a[:6]}{t // n_counties + 1:03d}000", f"{n}第{t // n_counties + 1}镇", city)
        )

    # Quotas: items per unit, summing exactly to --items.
    quotas: list[tuple[str, tuple[str, str, str], int]] = []
    remaining = items
    level_names = list(LEVELS)
    for li, lvl in enumerate(level_names):
        share = LEVELS[lvl][0]
        total = remaining if li == len(level_names) - 1 else round(items * share)
        remaining -= total
        us = units[lvl]
        for ui, u in enumerate(us):
            quotas.append((lvl, u, total // len(us) + (1 if ui < total % len(us) else 0)))

    # Families a level may implement: a matter with no 子项, or a 主项 with all its 子项.
    families: dict[str, list[list[str]]] = defaultdict(list)
    for m in matters.values():
        if m.parent:
            continue
        fam = m.children or [m.code]
        for lvl in m.levels:
            families[lvl].append(fam)
    weights = {lvl: [1.0 / (1 + i) ** 0.35 for i in range(len(f))] for lvl, f in families.items()}
    locals_pool = local_bases[: max(50, round(2000 * scale**0.5))]

    truth_items: dict[str, str] = {}  # task code -> the matter the generator derived it from
    planted_name: dict[str, str] = {}  # task code -> basic code, for items only name can match
    planted_fuzzy: dict[str, str] = {}
    planted_unmatched: set[str] = set()
    planted_code_problem: dict[str, str] = {}  # task code -> the matter its name suggests
    item_state: dict[str, bool] = {}
    item_level: dict[str, str] = {}  # task code -> the level of the list it stands in
    lists_dir = out / "lists"
    lists_dir.mkdir()
    rows_by_file: dict[str, list[list[str]]] = defaultdict(list)
    credit_n = 0
    serial = 0
    for lvl, (area, uname, city), quota in quotas:
        fname = "list-province.xlsx" if lvl == "省级" else f"list-{city}.csv"
        picked: list[str] = []
        seen_fam: set[int] = set()
        fams, ws = families[lvl], weights[lvl]
        n_local = round(quota * 0.015)
        tries = 0
        while len(picked) < quota - n_local and tries < quota * 20:
            tries += 1
            fi = rng.choices(range(len(fams)), ws)[0]
            if fi in seen_fam:
                continue
            seen_fam.add(fi)
            picked.extend(fams[fi][: quota - n_local - len(picked)])
        credits: dict[int, str] = {}
        for code in picked + [""] * (quota - len(picked)):
            serial += 1
            m = matters.get(code)
            dept = m.dept if m else rng.randrange(len(DEPTS))
            if dept not in credits:
                credit_n += 1
                credits[dept] = f"11{area[:6]}MB{credit_n:08d}"
            agency = f"{uname}人民政府" if lvl == "乡级" else f"{uname}{DEPTS[dept][1]}"
            tail = f"{area}-000-{credits[dept]}-1-00"
            roll = rng.random()
            given_basic = ""
            parent_name = ""
            state = "在用"
            if m is None:  # a local matter no catalogue has
                base = rng.choice(locals_pool)
                name = _name(*base)
                type_code = ACTIONS[base[2]]
                task = f"519Z{serial:010d}-{tail}" if roll < 0.5 else f"QT{area}{serial:08d}"
                planted_unmatched.add(task)
            else:
                type_code = m.type_code
                name = m.name
                parent_name = matters[m.parent].name if m.parent else ""
                if roll < 0.02:  # a local code no layout reads: the name tier must find it
                    task = f"ZW{area}{serial:08d}"
                    name = _variant(name, lvl, rng, s2t)
                    planted_name[task] = m.code
                elif roll < 0.025:  # a wrong 基本编码: a code problem, its name the fix
                    task = f"519Z{serial:010d}-{tail}"
                    name = _variant(name, lvl, rng, s2t)
                    planted_code_problem[task] = m.code
                elif roll < 0.03:  # unknown code and national wording: the fuzzy tier
                    task = f"QT{area}{serial:08d}"
                    name = _name(*m.base, m.note, filler="的")
                    planted_fuzzy[task] = m.code
                else:
                    task = f"{m.code}-{tail}"
                    name = _variant(name, lvl, rng, s2t)
                    if roll > 0.8:
                        given_basic = m.code
                    if roll > 0.99:
                        state = "已取消"
                    elif roll > 0.985:
                        state = "停用"
                truth_items[task] = m.code
            item_state[task] = state in ("在用",)
            item_level[task] = lvl
            if rng.random() < 0.02:  # stray and full-width spaces, still the same code
                task_cell = f" {task}\u3000"
            else:
                task_cell = task
            rows_by_file[fname].append(
                [
                    agency,
                    parent_name,
                    name,
                    task_cell,
                    given_basic,
                    TYPE_TEXT.get(type_code, type_code),
                    area,
                    credits[dept],
                    state,
                ]
            )
    header = [
        "实施主体",
        "主项名称",
        "事项名称",
        "实施编码",
        "基本编码",
        "事项类型",
        "行政区划代码",
        "实施主体编码",
        "事项状态",
    ]
    planted_flow: list[str] = []
    if guides:  # a generator of its own: the province itself stays the same
        header += GUIDE_HEADER
        g_rng = random.Random(seed + 14)
        mapping = load_mapping()
        for rows in rows_by_file.values():
            for row in rows:
                cells = _guide_cells(g_rng)
                row += cells
                task = row[3].strip().replace("\u3000", "")
                checked = mapping.task_type(row[5]) not in UNCHECKED_TYPES and mapping.in_use(
                    row[8]
                )
                if cells[GUIDE_HEADER.index("办理流程")] in STEP_ONLY and checked:
                    planted_flow.append(task)
        # the lists carry no 设定依据 (it would change what the name tiers match, and so the
        # run compared against): the elements required are the standard ones but that
        (out / "guides.yaml").write_text(
            "guide:\n  required:\n    default: [accept_condition, legal_time_limit, "
            "promised_time_limit, address, hours, consultation, complaint, flow, fee]\n"
            + "".join(f"    {t}: []\n" for t in UNCHECKED_TYPES),  # a guide key replaces all
            encoding="utf-8",
        )
        # the same files with no element required: the lists are read as wide, nothing checked
        (out / "guides-off.yaml").write_text(
            "guide:\n  required:\n    default: []\n", encoding="utf-8"
        )
    gb_city = f"list-{CITIES[min(13, n_cities - 1)]}.csv"
    for fname, rows in rows_by_file.items():
        path = lists_dir / fname
        if fname.endswith(".xlsx"):
            _write_xlsx(path, "四川省省本级政务服务事项实施清单", header, rows)
            continue
        enc = "gb18030" if fname == gb_city else "utf-8-sig"
        with path.open("w", encoding=enc, newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    # Decisions: cancellations and delegations with reworded names, pending rows, decoys.
    implemented = {c for c in truth_items.values()}
    in_lists = [
        c
        for c in codes
        if (c in implemented or any(ch in implemented for ch in matters[c].children))
    ]
    rng.shuffle(in_lists)
    decisions: list[list[str]] = []
    planted_reach: dict[str, list[str]] = {}  # "doc|seq" -> ["list|code" / "catalogue|code"]
    items_by_matter: dict[str, list[tuple[str, bool, str]]] = defaultdict(list)
    for task, code in truth_items.items():
        items_by_matter[code].append((task, item_state[task], item_level[task]))
    chosen = in_lists[:250]
    plan = ["cancel"] * 180 + ["delegate"] * 50 + ["pending"] * 20
    all_keys = {key(m.name) for m in matters.values()} | {key(_name(*b)) for b in locals_pool}
    all_cores = {name_core(k) for k in all_keys}
    # names equal once the grant wording is read alike (审批 / 许可 / 许可证核发) are one matter for
    # the matcher (docs/definitions.md): a decoy must differ from every name in that reading too
    all_stems = {stem(k) for k in all_keys}
    cat_keys = sorted(all_keys)
    decoy_rows: set[str] = set()
    doc_cancel, doc_delegate, doc_pending = (
        "示例〔2026〕21号",
        "示例〔2026〕22号",
        "示例〔2026〕23号",
    )
    seq = defaultdict(int)
    for code, what in zip(chosen, plan, strict=True):
        m = matters[code]
        doc = {"cancel": doc_cancel, "delegate": doc_delegate, "pending": doc_pending}[what]
        seq[doc] += 1
        r = rng.random()
        if r < 0.3:
            name = m.name
        elif r < 0.55:
            name = m.name + rng.choice(["（省级）", "（省、市、县级）", "（市级/县级）"])
        elif r < 0.75:
            name = s2t.convert(m.name)
        else:
            name = _name(*m.base, m.note, filler="的")
        decisions.append(_decision_row(doc, seq[doc], name, m, what))
        if what == "pending":
            continue
        fam = [code, *_descendants(matters, code)]
        # a cancellation lists what is still in use; a delegation (from 省级, its 审批部门, to
        # 设区的市级) only the items in use at 省级, the level it takes the matter from: one at
        # 市级 is where it puts them, one at 县级 or 乡级 never held the power it moves
        # (docs/definitions.md "Taken from"; other_decision_matches says where it is)
        delegate = what == "delegate"
        reach = [f"catalogue|{c}" for c in fam if matters[c].state == "在用"]
        reach += [
            f"list|{t}"
            for c in fam
            for t, used, level in items_by_matter.get(c, [])
            if used and not (delegate and level != "省级")
        ]
        planted_reach[f"{doc}|{seq[doc]}"] = reach
    # items in use of a matter the catalogue has out of use: catalogue_matter_not_in_use, unless
    # a cancellation in force reaches them (then cancelled_still_listed's)
    cancelled = {t for row, ts in planted_reach.items() if row.startswith(doc_cancel) for t in ts}
    planted_not_in_use = {
        t
        for c, m in matters.items()
        if m.state == "停用"
        for t, used, _ in items_by_matter.get(c, [])
        if used and f"list|{t}" not in cancelled
    }
    # Decoys: one contrast word swapped (生产/经营, 设立/注销 …); no matter has that name.
    swaps = [
        ("生产", "经营"),
        ("经营", "生产"),
        ("设立", "注销"),
        ("许可", "备案"),
        ("备案", "许可"),
        ("登记", "认定"),
        ("销售", "运输"),
        ("储存", "使用"),
        ("一级", "二级"),
        ("新办", "注销"),
        ("甲级", "乙级"),
        ("核准", "登记"),
    ]
    decoys = 0
    for code in in_lists[250:]:
        if decoys >= 50:
            break
        m = matters[code]
        for a, b in swaps:
            if a not in m.name:
                continue
            name = m.name.replace(a, b, 1)
            k = key(name)
            if k in all_keys or name_core(k) in all_cores or stem(k) in all_stems:
                continue
            close = process.extract(k, cat_keys, scorer=fuzz.ratio, score_cutoff=80, limit=3)
            if any(c != key(m.name) for c, _, _ in close):
                continue
            seq[doc_cancel] += 1
            decisions.append(
                _decision_row(doc_cancel, seq[doc_cancel], name, m, "cancel", note="decoy")
            )
            decoy_rows.add(f"{doc_cancel}|{seq[doc_cancel]}")
            decoys += 1
            break
    dec_dir = out / "decisions"
    dec_dir.mkdir()
    with (dec_dir / "decisions-2026.csv").open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "文号",
                "决定名称",
                "发布日期",
                "生效日期",
                "附件",
                "序号",
                "事项名称",
                "审批部门",
                "设定依据",
                "处理决定",
                "下放后审批部门",
            ]
        )
        w.writerows(decisions)
    return {
        "items": items,
        "seed": seed,
        "matters": len(matters),
        "decision_rows": len(decisions),
        "planted_reach": planted_reach,
        "decoys": sorted(decoy_rows),
        "planted_unmatched": sorted(planted_unmatched),
        "planted_not_in_use": sorted(planted_not_in_use),
        "planted_name": planted_name,
        "planted_fuzzy": planted_fuzzy,
        "planted_code_problem": planted_code_problem,
        "planted_flow_only_steps": sorted(planted_flow) if guides else None,
    }


# Service-guide columns (--guides): realistic texts, a quarter of flows only step names and a
# few other defects at the 2017 inspection's rates (see fixtures/demo_guides.py).
GUIDE_HEADER = [
    "受理条件", "法定办结时限", "法定办结时限单位", "承诺办结时限", "承诺办结时限单位", "办理地点",
    "办理时间", "咨询方式", "监督投诉方式", "办理流程", "是否收费", "收费依据", "到办事现场次数",
]  # fmt: skip
FLOW = (
    "1.申请：申请人提交申请材料；2.受理：窗口当场核对材料并受理；3.审查：承办科室审查；"
    "4.决定：作出书面决定"
)
UNCHECKED_TYPES = ("行政处罚", "行政强制", "行政征收", "行政检查")  # mappings/standard.yaml
STEP_ONLY = ("受理→审查→决定→办结", "申请、受理、审核、办结")


def _guide_cells(rng: random.Random) -> list[str]:
    cells = [
        "申请人符合法定条件，申请材料齐全、符合法定形式",
        str(rng.choice([10, 15, 20, 30])),
        "工作日",
        str(rng.choice([1, 3, 5, 7])),
        "工作日",
        f"政务服务中心{rng.randint(1, 4)}楼{rng.randint(1, 40)}号窗口",
        "工作日上午9:00-12:00，下午13:30-17:00",
        f"028-8{rng.randint(1000000, 9999999)}",
        "12345政务服务便民热线",
        FLOW,
        "否",
        "",
        "1",
    ]
    if rng.random() < 0.25:
        cells[9] = rng.choice(STEP_ONLY)
    if rng.random() < 0.33:
        i, text = rng.choice([(1, "按规定时间"), (3, ""), (7, ""), (10, ""), (8, "到窗口")])
        cells[i] = text
    if rng.random() < 0.1:
        cells[5] = "相关部门"
    return cells


def _descendants(matters: dict[str, MatterSpec], code: str) -> list[str]:
    out = []
    for c in matters[code].children:
        out.append(c)
        out.extend(_descendants(matters, c))
    return out


def _variant(name: str, level: str, rng: random.Random, s2t: Any) -> str:
    """How lists write a catalogue name: as is, with a level qualifier, in traditional
    characters, with full-width brackets turned half-width."""
    r = rng.random()
    if r < 0.6:
        return name
    if r < 0.85:
        return name + LEVEL_QUALIFIER[level]
    if r < 0.92:
        return s2t.convert(name)
    return name.replace("（", "(").replace("）", ")")


def _decision_row(
    doc: str, seq: int, name: str, m: MatterSpec, what: str, note: str = ""
) -> list[str]:
    issued, effective = ("2026-09-01", "2027-01-01") if what == "pending" else ("2026-03-01", "")
    action = "下放" if what == "delegate" else "取消"
    annex = (
        "附件2 下放管理层级的行政许可事项目录"
        if what == "delegate"
        else "附件1 取消的行政许可事项目录"
    )
    return [
        doc,
        "（基准测试用，非真实文件）关于取消和下放一批行政许可事项的决定",
        issued,
        effective,
        annex,
        str(seq),
        name,
        f"省级{DEPTS[m.dept][0]}",
        "",
        action,
        "设区的市级" + DEPTS[m.dept][0] if what == "delegate" else "",
    ]


def _write_xlsx(path: Path, title: str, header: list[str], rows: list[list[str]]) -> None:
    import xlsxwriter

    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as wb:
        ws = wb.add_worksheet("实施清单")
        ws.merge_range(0, 0, 0, len(header) - 1, title)
        for c, h in enumerate(header):
            ws.write_string(1, c, h)
        for r, row in enumerate(rows, start=2):
            for c, v in enumerate(row):
                if v:
                    ws.write_string(r, c, v)


# --- the measured run (in a child process)


def _cpu(u: Any) -> float:
    return float(u.ru_utime + u.ru_stime)


class MemorySampler:
    """Samples, every 0.2 s, this process's RSS plus the memory its children do not share
    with it (their private pages: the forked report writer shares the tables copy-on-write),
    so that the peak of both together is measured, not the sum of two RSS that count the
    shared pages twice. Linux /proc only; elsewhere it measures nothing."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    @staticmethod
    def _kb(path: str, fields: tuple[str, ...]) -> int:
        try:
            with open(path) as fh:
                return sum(int(ln.split()[1]) for ln in fh if ln.startswith(fields))
        except (OSError, ValueError, IndexError):
            return 0

    def _sample(self) -> None:
        me = os.getpid()
        while not self._done.wait(0.2):
            total = self._kb(f"/proc/{me}/status", ("VmRSS:",))
            try:
                with open(f"/proc/{me}/task/{me}/children") as fh:
                    children = fh.read().split()
            except OSError:
                children = []
            for pid in children:
                total += self._kb(f"/proc/{pid}/smaps_rollup", ("Private_Clean:", "Private_Dirty:"))
            self.peak_mb = max(self.peak_mb, total / 1024)


def measured_run(data: Path, out: Path, mapping: Path | None = None) -> dict[str, Any]:
    """`catalog-sync diff --format csv,xlsx,json,md,ttl` as the CLI runs it (pipeline.run, then
    cli.write_result), timed by stage; returns the timings."""
    started = time.perf_counter()
    from catalog_sync.cli import DEFAULT_FORMATS, files_ahead, write_result
    from catalog_sync.gcpause import paused_gc
    from catalog_sync.pipeline import RunConfig, Source, run
    from catalog_sync.reports.output import output_lock
    from catalog_sync.reports.parallel import CPU_AT_FORK

    imported = time.perf_counter()
    config = RunConfig(
        catalogue=Source(data / "catalogue.csv", "catalogue.csv"),
        lists=[Source(data / "lists", "lists")],
        decisions=[Source(data / "decisions", "decisions")],
        as_of=AS_OF,
        mappings=[mapping] if mapping else [],
    )
    formats = [*DEFAULT_FORMATS.split(","), "ttl"]
    sampler = MemorySampler()  # from the start: graph.ttl's writer is forked during the run
    sampler.start()
    # as the CLI does: the collector paused from the run to the last file written, the report
    # folder locked, graph.ttl started on the second core once the graph is final
    with paused_gc(), output_lock(out) as home, files_ahead(config, home, formats) as ahead:
        result = run(config)
        ran = time.perf_counter()
        stages = [(s["stage"], s["seconds"]) for s in result.run_record["stages"]]
        stages.append(("finish (ids, summary)", ran - imported - sum(s for _, s in stages)))
        timings: dict[str, float] = {}
        usage = resource.getrusage
        cpu_before = _cpu(usage(resource.RUSAGE_SELF))
        children_before = _cpu(usage(resource.RUSAGE_CHILDREN))  # the guide checks' child
        write_result(result, out, formats, "zh", timings, ahead=ahead)
        written = time.perf_counter()
    sampler.stop()
    # graph.ttl's child, forked during the run, is waited for while writing: its CPU ran
    # beside the run's last stages, not on the writing's critical path
    ahead_cpu = timings.pop("graph.ttl cpu (written ahead)", 0.0)
    ahead_forked_at = timings.pop("graph.ttl forked at cpu (written ahead)", None)
    stages.append(("write the report (all formats)", written - ran))
    stages.insert(0, ("start-up (imports)", imported - started))
    main_cpu = _cpu(usage(resource.RUSAGE_SELF))
    children_cpu = _cpu(usage(resource.RUSAGE_CHILDREN))
    writer_cpu = children_cpu - children_before - ahead_cpu
    # both writing processes start at the fork: what this one did before it (the scrub) is on
    # the critical path whichever process finishes last
    at_fork = timings.pop(CPU_AT_FORK, cpu_before)
    # graph.ttl's writer on the second core from its fork: what it did beyond this process's
    # CPU until the report's own fork held up the writing (as _beside_excess)
    ahead_excess = (
        0.0 if ahead_forked_at is None else max(0.0, ahead_cpu - (at_fork - ahead_forked_at))
    )
    return {
        "total": written - started,
        "peak_rss_mb": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "writer_rss_mb": usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "combined_mb": max(sampler.peak_mb, usage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu_s": main_cpu + children_cpu,
        # what an idle 2-core machine would take: the work before writing, then the longer of
        # the two writing processes; with the guide checks or graph.ttl on the second core,
        # what of them the main process did not cover meanwhile (it waited for them)
        "critical_cpu_s": at_fork
        + _beside_excess(result.run_record["stages"])
        + ahead_excess
        + max(main_cpu - at_fork, writer_cpu),
        "beside_cpu_s": sum(
            s.get("second_core_cpu_seconds", 0.0) for s in result.run_record["stages"]
        ),
        "ahead_cpu_s": ahead_cpu,
        "stages": stages,
        "writes": sorted(timings.items()),
        "summary": {
            k: result.summary[k] for k in ("catalogue_items", "list_items", "decision_items")
        },
    }


def _beside_excess(stages: list[dict[str, Any]]) -> float:
    """CPU seconds of a stage run on the second core (catalog_sync/beside.py) beyond what the
    main process did meanwhile: on an idle 2-core machine, the time the main process waited."""
    return sum(
        max(0.0, s["second_core_cpu_seconds"] - s["meanwhile_cpu_seconds"])
        for s in stages
        if "second_core_cpu_seconds" in s
    )


# --- checking the planted answers


NOT_IN_USE = "catalogue_matter_not_in_use"  # unmatched_list_items' reason, planted apart


def check_answers(out: Path, truth: dict[str, Any]) -> list[list[Any]]:
    def table(name: str) -> list[dict[str, Any]]:
        return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))

    found_reach: set[str] = set()
    decoy_hits = 0
    decoys = set(truth["decoys"])
    for name in ("cancelled_still_listed", "delegated_items", "other_decision_matches"):
        for r in table(name):
            row = f"{r['decision']}|{r['decision_seq']}"
            code = str(r["item_code"]).strip().replace("\u3000", "")
            if row in decoys:
                decoy_hits += 1
            if name != "other_decision_matches":
                found_reach.add(f"{row}|{r['source']}|{code}")
    planted = {f"{row}|{t}" for row, targets in truth["planted_reach"].items() for t in targets}
    unmatched_rows = {
        str(r["item_code"]).strip().replace("\u3000", ""): r for r in table("unmatched_list_items")
    }
    out_of_use = {t for t, r in unmatched_rows.items() if r["reason"] == NOT_IN_USE}
    unmatched = set(unmatched_rows) - out_of_use
    code_problems = truth.get("planted_code_problem", {})
    suggested = {
        t
        for t, r in unmatched_rows.items()
        if r["reason"] == "basic_code_not_in_catalogue" and "correct its" in r["evidence"]
    }
    right_fix = sum(
        1
        for t, c in code_problems.items()
        if t in suggested and unmatched_rows[t]["best_candidate_code"] == c
    )
    matches = {
        str(r["item_code"]).strip().replace("\u3000", ""): (r["basic_code"], r["match_tier"])
        for r in table("list_catalogue_matches")
    }

    def pr(found: set[str], want: set[str]) -> tuple[str, str]:
        hit = len(found & want)
        p = hit / len(found) if found else 1.0
        r = hit / len(want) if want else 1.0
        return f"{p:.4f}", f"{r:.4f}"

    rows = [
        [
            "cancelled / delegated records (decision, record)",
            len(planted),
            len(found_reach),
            *pr(found_reach, planted),
        ],
        ["decoy decision rows reaching anything", len(decoys), decoy_hits, "", ""],
        [
            "unmatched list items (local matters, wrong 基本编码)",
            len(truth["planted_unmatched"]) + len(code_problems),
            len(unmatched),
            *pr(unmatched, set(truth["planted_unmatched"]) | set(code_problems)),
        ],
        [
            "list items of a matter the catalogue has out of use",
            len(truth.get("planted_not_in_use", [])),
            len(out_of_use),
            *pr(out_of_use, set(truth.get("planted_not_in_use", []))),
        ],
        [
            "wrong 基本编码, the name's matter suggested",
            len(code_problems),
            len(suggested),
            f"{right_fix / len(suggested):.4f}" if suggested else "",
            f"{right_fix / len(code_problems):.4f}" if code_problems else "",
        ],
    ]
    if truth.get("planted_flow_only_steps") is not None:
        want_flow = set(truth["planted_flow_only_steps"])
        flows = {
            str(r["item_code"]).strip().replace("\u3000", "")
            for r in table("guide_elements")
            if r["element"] == "flow"
        }
        rows.append(
            ["guide flows of step names only", len(want_flow), len(flows), *pr(flows, want_flow)]
        )
    for tier in ("name", "fuzzy"):
        want = truth[f"planted_{tier}"]
        right = sum(1 for t, c in want.items() if matches.get(t, ("", ""))[0] == c)
        tiered = {t for t, (_, mt) in matches.items() if mt == tier}
        rows.append(
            [
                f"list items only the {tier} tier can match",
                len(want),
                len(tiered),
                f"{right / len(tiered):.4f}" if tiered else "",
                f"{right / len(want):.4f}",
            ]
        )
    return rows


# --- command line


def _sizes(text: str) -> list[int]:
    """--items: one size or a comma-separated list of them."""
    try:
        sizes = [int(t.replace("_", "")) for t in text.split(",") if t.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of items: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"no positive number of items in {text!r}")
    return sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--items",
        type=_sizes,
        default=[DEFAULT_ITEMS],
        help="list items in the province; several sizes comma-separated (50000,200000,500000)",
    )
    ap.add_argument(
        "--runs", type=int, default=1, help="measured runs; medians are printed (0: only generate)"
    )
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument(
        "--dir", type=Path, default=None, help="where to generate and keep [a temp folder, removed]"
    )
    ap.add_argument(
        "--guides",
        action="store_true",
        help="also the same province with service-guide columns; runs alternate with and "
        "without them and the medians are compared",
    )
    ap.add_argument(
        "--against",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="another checkout of catalog-sync (the code before a change), measured alternately "
        "with this one on the same files",
    )
    ap.add_argument("--run-only", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--mapping", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))

    if args.run_only:  # the child: one measured run, its figures as JSON on the last line
        import gc

        gc.disable()  # as `catalog-sync diff` under main(): the collector off until the end
        print(json.dumps(measured_run(args.run_only, args.out, args.mapping), ensure_ascii=False))
        from catalog_sync.cli import exit_now  # leaves as `catalog-sync diff` does

        exit_now(0)
    if args.against is not None and not (args.against / "benchmarks" / "province.py").is_file():
        sys.exit(f"--against {args.against}: no benchmarks/province.py there")

    import tempfile

    base = args.dir or Path(tempfile.mkdtemp(prefix="province-"))
    summary: list[list[Any]] = []
    for items in args.items:
        summary.extend(_measure_size(items, args, base))
    if len(summary) > 1:
        _print_sizes(summary)
    if args.dir is None:  # a temporary folder: gigabytes of data and output at 500,000 items
        shutil.rmtree(base, ignore_errors=True)


CODE_VERSIONS = ("this checkout", "--against")


def _measure_size(items: int, args: Any, base: Path) -> list[list[Any]]:
    """Generate (or reuse) the province of `items` items, measure it, print its tables; its rows
    of the table of sizes (one per code version measured)."""
    from tabulate import tabulate

    data, truth = _generated(base / f"province-{items}-{args.seed}", items, args, guides=False)
    if args.guides:
        data_g, truth_g = _generated(
            base / f"province-{items}-{args.seed}-guides", items, args, guides=True
        )
    if args.runs < 1:
        return []
    runs: list[dict[str, Any]] = []
    before: list[dict[str, Any]] = []
    plain_runs: list[dict[str, Any]] = []
    off_runs: list[dict[str, Any]] = []
    out = base / f"out-{items}-{args.seed}"
    for n in range(args.runs):  # with --guides: plain and guides alternate, in the same hour
        if args.guides:
            plain_runs.append(_measured_child(data, out, f"run {n + 1} without guide columns"))
            off = data_g / "guides-off.yaml"
            off_runs.append(
                _measured_child(data_g, out, f"run {n + 1} guide columns, unchecked", off)
            )
            on = data_g / "guides.yaml"
            runs.append(_measured_child(data_g, out, f"run {n + 1} guide columns, checked", on))
        else:
            if args.against is not None:  # before, then after: alternating, same files
                before.append(
                    _measured_child(
                        data, out, f"{items:,} items, run {n + 1}, --against", root=args.against
                    )
                )
            runs.append(_measured_child(data, out, f"{items:,} items, run {n + 1}"))
    if args.guides:
        truth = truth_g
        _print_guides_overhead(plain_runs, off_runs, runs)
    if before:
        print(f"\n--against {args.against}:")
        _print_runs(before)
        print("\nthis checkout:")
    _print_runs(runs)
    print()
    print(
        tabulate(
            check_answers(out, truth),
            headers=["planted answers", "planted", "found", "precision", "recall"],
            tablefmt="github",
        )
    )
    rows = [_size_row(items, CODE_VERSIONS[0] if before else "", runs)]
    if before:
        rows.insert(0, _size_row(items, CODE_VERSIONS[1], before))
    return rows


def _print_runs(runs: list[dict[str, Any]]) -> None:
    """The medians of one province's runs: time, CPU, memory, then each stage's share."""
    from tabulate import tabulate

    med = statistics.median
    total = med(r["total"] for r in runs)
    main_rss = med(r["peak_rss_mb"] for r in runs)
    writer_rss = med(r["writer_rss_mb"] for r in runs)
    combined = med(r["combined_mb"] for r in runs)
    s = runs[0]["summary"]
    load = os.getloadavg()[0]
    print(
        f"\nprovince: {s['catalogue_items']:,} catalogue matters, {s['list_items']:,} list items, "
        f"{s['decision_items']:,} decision rows; {len(runs)} run(s), medians; "
        f"{os.cpu_count()} cores, load average {load:.1f} at the end\n"
    )
    print(
        tabulate(
            [
                ["total time (diff: csv, xlsx, json, md and ttl)", f"{total:.1f} s"],
                [
                    "until the process ended (the interpreter's start and exit too)",
                    f"{med(r['process'] for r in runs):.1f} s",
                ],
                ["CPU time, both processes", f"{med(r['cpu_s'] for r in runs):.1f} s"],
                [
                    "CPU time on the critical path (≈ time on an idle 2-core machine)",
                    f"{med(r['critical_cpu_s'] for r in runs):.1f} s",
                ],
                ["peak memory (RSS), main process", f"{main_rss:,.0f} MB"],
                ["peak memory (RSS), report-writing process", f"{writer_rss:,.0f} MB"],
                ["peak memory, both together (shared pages once)", f"{combined:,.0f} MB"],
            ],
            tablefmt="github",
            headers=["", "median"],
        )
    )
    rows = []
    for i, (name, _) in enumerate(runs[0]["stages"]):
        sec = med(r["stages"][i][1] for r in runs)
        rows.append([name, f"{sec:.2f}", f"{sec / total:.0%}"])
    # the two writing processes take the files as they go: a format's files may be written
    # by either, and by another one in the next run; its seconds are summed over both
    seconds: dict[str, list[float]] = {}  # what was written -> its seconds in each run
    places: dict[str, set[str]] = {}  # what was written -> where, over the runs
    for n, r in enumerate(runs):
        for name, sec in r["writes"]:
            label, where = _write_label(name)
            per_run = seconds.setdefault(label, [0.0] * len(runs))
            per_run[n] += sec
            places.setdefault(label, set()).add(where)
    for label, per_run in seconds.items():
        sec = med(per_run)
        where = " or ".join(sorted(places[label]))
        rows.append([f"  {label}, {where}", f"{sec:.2f}", f"({sec / total:.0%})"])
    print()
    print(tabulate(rows, headers=["stage", "seconds", "share"], tablefmt="github"))
    print("(writing runs on two processes at once: its parts overlap)")


def _write_label(name: str) -> tuple[str, str]:
    """A timing of the writing (reports.write_report's `timings`) as what was written and
    where."""
    label = name.replace(" (second process)", "").replace(" seconds (written ahead)", "")
    where = "second process" if name != label else "main process"
    if name.endswith("(written ahead)"):
        where = "written ahead, from the decisions' end"
    return ("RDF export (ttl)" if label == "graph.ttl" else f"write {label}"), where


# The stages of the table of sizes (pipeline stages as run.json names them; others are 0)
SIZE_STAGES = (
    "load",
    "match lists",
    "match decisions",
    "checks",
    "finish (ids, summary)",
    "write the report (all formats)",
)


def _size_row(items: int, code: str, runs: list[dict[str, Any]]) -> list[Any]:
    med = statistics.median
    total = med(r["total"] for r in runs)
    shares = [
        f"{med(dict(r['stages']).get(stage, 0.0) for r in runs) / total:.0%}"
        for stage in SIZE_STAGES
    ]
    return [
        f"{items:,}",
        code,
        f"{total:.1f} s",
        f"{med(r['process'] for r in runs):.1f} s",
        f"{med(r['critical_cpu_s'] for r in runs):.1f} s",
        f"{med(r['combined_mb'] for r in runs):,.0f} MB",
        *shares,
    ]


def _print_sizes(rows: list[list[Any]]) -> None:
    """One line per size (and code version): medians and the stages' shares of the time."""
    from tabulate import tabulate

    headers = ["list items", "code", "total", "until exit", "CPU, critical path",
               "peak, both processes", "load", "match lists", "match decisions", "checks",
               "finish", "write"]  # fmt: skip
    if not any(r[1] for r in rows):
        headers.pop(1)
        rows = [[r[0], *r[2:]] for r in rows]
    print(f"\nall sizes: medians; load average {os.getloadavg()[0]:.1f} at the end\n")
    print(tabulate(rows, headers=headers, tablefmt="github"))


def _generated(data: Path, items: int, args: Any, guides: bool) -> tuple[Path, dict[str, Any]]:
    """The province's folder, generated unless it already is, and its planted answers."""
    truth_file = data / "planted.json"
    if not truth_file.exists():
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        t = time.perf_counter()
        truth = generate(data, items, args.seed, guides)
        truth_file.write_text(json.dumps(truth, ensure_ascii=False))
        print(f"generated {data} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return data, json.loads(truth_file.read_text(encoding="utf-8"))


def _measured_child(
    data: Path, out: Path, label: str, mapping: Path | None = None, root: Path = ROOT
) -> dict[str, Any]:
    """One measured run in a fresh child process, of the code in checkout `root`; its figures."""
    env = {  # only the checkout measured: not this one's catalog_sync through PYTHONPATH
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(root), *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
                          if p and Path(p).resolve() != ROOT)]
        ),
    }  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    script = root / "benchmarks" / "province.py"
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(script), "--run-only", str(data), "--out", str(out)]
        + (["--mapping", str(mapping)] if mapping else []),
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        sys.exit(f"{label} failed:\n{proc.stderr}")
    run = json.loads(proc.stdout.strip().splitlines()[-1])
    # what a person waits for: the interpreter's start and its exit too (freeing a province's
    # objects on exit took 2.3-2.6 s before cli.exit_now)
    run["process"] = time.perf_counter() - started
    print(
        f"{label}: {run['total']:.1f} s ({run['process']:.1f} s until the process ended), "
        f"{run['peak_rss_mb']:.0f} MB "
        f"+ {run['writer_rss_mb']:.0f} MB (load average {os.getloadavg()[0]:.1f})",
        file=sys.stderr,
    )
    return run


def _print_guides_overhead(
    plain: list[dict[str, Any]], off: list[dict[str, Any]], on: list[dict[str, Any]]
) -> None:
    """Medians without guide columns, with them unchecked, with them checked; ratios of the
    checked run to the unchecked one (what the checks add) and to the plain one."""
    from tabulate import tabulate

    med = statistics.median

    def figure(runs: list[dict[str, Any]], key: str) -> float:
        if key in runs[0]:
            return med(r[key] for r in runs)
        return med(dict(r["stages"]).get(key, 0.0) for r in runs)

    rows = []
    for label, key, unit in (
        ("total time", "total", "s"),
        ("CPU time, both processes", "cpu_s", "s"),
        ("CPU on the critical path", "critical_cpu_s", "s"),
        ("  load", "load", "s"),
        ("  guide checks", "guide checks", "s"),
        ("  guide checks on the second core (CPU)", "beside_cpu_s", "s"),
        ("  finish (ids, summary)", "finish (ids, summary)", "s"),
        ("  write the report (all formats)", "write the report (all formats)", "s"),
        ("peak memory (RSS), main process", "peak_rss_mb", "MB"),
    ):
        a, b, c = figure(plain, key), figure(off, key), figure(on, key)
        rows.append(
            [label, f"{a:,.1f} {unit}", f"{b:,.1f} {unit}", f"{c:,.1f} {unit}",
             f"{c / b:.3f}" if b else "", f"{c / a:.3f}" if a else ""]
        )  # fmt: skip
    print(f"\nguide checks: {len(on)} run(s) of each, alternating, medians\n")
    headers = ["", "no guide columns", "guide columns, unchecked", "checked",
               "checked ÷ unchecked", "checked ÷ no columns"]  # fmt: skip
    print(tabulate(rows, headers=headers, tablefmt="github"))


if __name__ == "__main__":
    main()
