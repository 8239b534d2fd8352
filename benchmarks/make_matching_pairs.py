"""Build benchmarks/matching_pairs.csv: labelled name pairs for the matching benchmark.

    python benchmarks/make_matching_pairs.py        # rewrite the CSV (deterministic)

Every pair below was written and labelled by hand, by reading both names as a civil servant
checking a list would: 1 when the two name the same matter (or the query, a decision row, reaches
the candidate because it names the candidate's 主项), 0 otherwise. No pair was labelled by
running a matcher.

Where the names come from:
- `county(...)`: a real item of the 广安区 county list (fixtures/source, from v-luobo/zwfw,
  Apache-2.0), with its real department, 事项类型 and 主项 (main_item). The script checks that
  every such name exists verbatim.
- `guofa(...)`: a real State Council decision row (fixtures/source/guofa-*.csv): name,
  approving department, legal basis as published.
- `dec(...)`: a decision row written for the benchmark in the way the annexes word them (name,
  approving department as a level pattern, legal basis). Most name a matter of the county list;
  they are test inputs, not claims that these matters were cancelled.
- `cat(...)`: a basic-catalogue matter in national wording (department as a kind of office, not a
  county bureau). Many are real county names taken as catalogue names; the others are our
  rewordings (older texts in traditional characters, national wording, other notes).
- `source` is `real` when both names occur verbatim in the shared data, else `reworded`.

Roles follow the tool: a list item (query_role `list_item`) is matched against catalogue matters
only; a decision row (query_role `decision`, always a cancellation here) against catalogue
matters, list items and the 主项 names lists group items under.

`split` is fixed by a hash of the query name: about 30 % of the queries (with all their pairs)
were a `holdout`; it was looked at and used to add a rule, so it is `opened` now and counts as dev.
The sealed pairs are another file (sealed_pairs.csv, see README.md).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "fixtures" / "source"
OUT = HERE / "matching_pairs.csv"

COLUMNS = [
    "pair_id",
    "split",
    "query_role",
    "query_name",
    "query_type",
    "query_department",
    "query_basis",
    "candidate_kind",
    "candidate_name",
    "candidate_type",
    "candidate_department",
    "candidate_basis",
    "candidate_main_item",
    "label",
    "kind",
    "category",
    "source",
    "note",
]
KINDS = ("positive", "hard_positive", "hard_negative", "easy_negative")

TYPE_NAME = {
    "1": "行政许可",
    "5": "行政给付",
    "7": "行政确认",
    "8": "行政奖励",
    "9": "行政裁决",
    "10": "其他行政权力",
    "20": "公共服务",
}
XK, QR, QT, GG, CJ, JL, GF = (
    "行政许可",
    "行政确认",
    "其他行政权力",
    "公共服务",
    "行政裁决",
    "行政奖励",
    "行政给付",
)


@dataclass(frozen=True)
class Rec:
    role: str  # decision, list_item, catalogue
    name: str
    type: str = ""
    department: str = ""
    basis: str = ""
    main: str = ""


# --- the real data ----------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


COUNTY = _read(SOURCE / "sczwfw-511602-guanan-items.csv")
GUOFA = [r for p in sorted(SOURCE.glob("guofa-*.csv")) for r in _read(p)]
REAL_NAMES = (
    {r["name"] for r in COUNTY}
    | {r["main_item"] for r in COUNTY if r["main_item"] != "未分类"}
    | {r["item_name"] for r in GUOFA}
)


def county(name: str, department: str = "") -> Rec:
    """A real county list item, with its department, type and 主项."""
    rows = [r for r in COUNTY if r["name"] == name and department in ("", r["department"])]
    if not rows:
        sys.exit(f"not in the county list: {name}")
    r = rows[0]
    main = "" if r["main_item"] == "未分类" else r["main_item"]
    return Rec("list_item", name, TYPE_NAME[r["taskType"]], r["department"], "", main)


def county_query(name: str, department: str = "") -> Rec:
    return county(name, department)


def guofa(doc: str, seq: str) -> Rec:
    """A real decision row, as published."""
    for r in GUOFA:
        if r["doc_no"] == doc and r["seq"].split(" ")[0] == seq:
            return Rec("decision", r["item_name"], "", r["approval_dept"], r["legal_basis"])
    sys.exit(f"no decision row {doc} {seq}")


def dec(name: str, department: str = "", basis: str = "") -> Rec:
    """A decision row worded as the annexes word them (no 事项类型: decisions carry none)."""
    return Rec("decision", name, "", department, basis)


def cat(name: str, type_: str, department: str = "", basis: str = "", main: str = "") -> Rec:
    """A catalogue matter in national wording."""
    return Rec("catalogue", name, type_, department, basis, main)


def item(name: str, type_: str, department: str, main: str = "") -> Rec:
    """A list item worded as a county list words it (not in the real list)."""
    return Rec("list_item", name, type_, department, "", main)


PAIRS: list[tuple[Rec, Rec, int, str, str, str]] = []


def pair(q: Rec, c: Rec, label: int, kind: str, category: str, note: str = "") -> None:
    assert kind in KINDS, kind
    assert (label == 1) == kind.endswith("positive"), (q.name, c.name, label, kind)
    assert q.role in ("decision", "list_item"), q
    assert c.role in ("catalogue", "list_item"), c
    if q.role == "list_item":
        # the tool matches list items against the catalogue only
        assert c.role == "catalogue", (q.name, c.name)
    PAIRS.append((q, c, label, kind, category, note))


def pos(q: Rec, c: Rec, category: str, note: str = "", hard: bool = True) -> None:
    pair(q, c, 1, "hard_positive" if hard else "positive", category, note)


def same(q: Rec, c: Rec, note: str = "") -> None:
    pair(q, c, 1, "positive", SAME, note)


def neg(q: Rec, c: Rec, category: str, note: str = "", hard: bool = True) -> None:
    pair(q, c, 0, "hard_negative" if hard else "easy_negative", category, note)


def easy(q: Rec, c: Rec, note: str = "") -> None:
    pair(q, c, 0, "easy_negative", UNRELATED, note)


# --- categories -------------------------------------------------------------------------------

SAME = "same name"
LEVEL = "level qualifier (（县级）, （市级/县级）, （县级行使）…)"
NOTE_INCL = "inclusive note （含…）/（包括…）"
NOTE_CAND = "note on the candidate: a variant of the matter the decision names"
NOTE_ITEM = "note on the list item: a variant of the catalogue matter"
SUB = "主项 → 子项: the decision names the candidate's 主项"
TRAD = "traditional characters (older documents)"
PUNCT = "brackets and punctuation"
FILLER = "filler words 的/对/关于/进行/在"
VERB = "issuing verb 核发/签发/发放/办理/申领"
WORDING = "national vs local wording"
ORDER = "word order"

PROD = "生产/经营/运输/购买 (what the holder does)"
LIFE = "设立/注销/变更 (lifecycle action)"
LIFE1 = "lifecycle action named on one side only"
KIND = "许可/备案/认定 (kind of act)"
ACTION = "same object, different action"
OBJECT = "same action, different object"
PASS = "客运/货运"
CLASS = "class or grade (第一类/第二类, 甲级/乙级, 一级/二级)"
PERSON = "个人/单位/企业/职工"
PREFIX = "qualifier in front (计划生育/生育, 分公司/公司)"
NUMBER = "numbers differ"
NOTES = "different or excluding notes"
SCOPE = "decision names a narrower or different scope"
REPLACED = "the 备案 that replaced a cancelled 许可"
UNRELATED = "unrelated matter"

# --- departments and legal bases used by the decision rows and catalogue matters ---------------

D_ROAD = "县级以上地方人民政府交通运输主管部门"
D_TAXI = "县级出租汽车行政主管部门"
D_POLICE = "县级公安机关"
D_HEALTH = "县级以上地方人民政府卫生健康主管部门"
D_MARKET = "县级市场监督管理部门"
D_HR = "县级以上地方人民政府人力资源社会保障行政部门"
D_HOUSING = "县级住房城乡建设主管部门"
D_AGRI = "县级以上地方人民政府农业农村主管部门"
D_FOREST = "县级林业和草原主管部门"
D_NATRES = "县级以上地方人民政府自然资源主管部门"
D_WATER = "县级以上地方人民政府水行政主管部门"
D_CULTURE = "县级文化和旅游主管部门"
D_RELIGION = "县级人民政府宗教事务部门"
D_CIVIL = "县级人民政府民政部门"
D_JUSTICE = "县级司法行政部门"
D_EDU = "县级教育行政部门"
D_SPORT = "县级体育主管部门"
D_TOBACCO = "县级烟草专卖局"
D_ENV = "设区的市级生态环境主管部门"
D_PRESS = "县级出版主管部门"
D_RADIO = "县级广播电视主管部门"
D_GRAIN = "县级粮食和物资储备部门"
D_FIRE = "县级消防救援机构"
D_EMERG = "县级应急管理部门"
D_DEV = "县级发展改革部门"

C_ROAD = "交通运输部门"
C_POLICE = "公安机关"
C_HEALTH = "卫生健康部门"
C_MARKET = "市场监督管理部门"
C_HR = "人力资源社会保障部门"
C_MEDINS = "医疗保障部门"
C_TAX = "税务部门"
C_HOUSING = "住房城乡建设部门"
C_AGRI = "农业农村部门"
C_FOREST = "林业和草原部门"
C_NATRES = "自然资源部门"
C_WATER = "水利部门"
C_ENV = "生态环境部门"
C_CULTURE = "文化和旅游部门"
C_RELIGION = "宗教事务部门"
C_CIVIL = "民政部门"
C_JUSTICE = "司法行政部门"
C_EDU = "教育部门"
C_SPORT = "体育部门"
C_EMERG = "应急管理部门"
C_DEV = "发展改革部门"
C_ARCHIVE = "档案部门"
C_WEATHER = "气象部门"
C_FINANCE = "财政部门"
C_DISABLED = "残疾人联合会"
C_MIIT = "工业和信息化部门"

L_ROAD = "《中华人民共和国道路运输条例》"
L_TAXI = "《巡游出租汽车经营服务管理规定》"
L_ONLINE_TAXI = "《网络预约出租汽车经营服务管理暂行办法》"
L_FOOD = "《中华人民共和国食品安全法》"
L_PUBHYG = "《公共场所卫生管理条例》"
L_WATERHYG = "《中华人民共和国传染病防治法》"
L_TOBACCO = "《中华人民共和国烟草专卖法》"
L_GAS = "《城镇燃气管理条例》"
L_BUILD = "《中华人民共和国建筑法》"
L_HAZWASTE = "《中华人民共和国固体废物污染环境防治法》; 《危险废物经营许可证管理办法》"
L_DISPATCH = "《中华人民共和国劳动合同法》; 《劳务派遣行政许可实施办法》"
L_NETBAR = "《互联网上网服务营业场所管理条例》"
L_ENT = "《娱乐场所管理条例》"
L_PUBLISH = "《出版管理条例》"
L_DAIRY = "《乳品质量安全监督管理条例》"
L_ANIMAL = "《中华人民共和国畜牧法》"
L_VETDRUG = "《兽药管理条例》"
L_PESTICIDE = "《农药管理条例》"
L_ANIMALEP = "《中华人民共和国动物防疫法》"
L_WATERDRAW = "《取水许可和水资源费征收管理条例》"
L_RIVER = "《中华人民共和国河道管理条例》"
L_NURSE = "《护士条例》"
L_DOCTOR = "《中华人民共和国医师法》"
L_VILLDOC = "《乡村医生从业管理条例》"
L_NOTARY = "《中华人民共和国公证法》"
L_LEGALSVC = "《基层法律服务工作者管理办法》"
L_RELIG = "《宗教事务条例》"
L_SOCORG = "《社会团体登记管理条例》"
L_NONPROFIT = "《民办非企业单位登记管理暂行条例》"
L_QIGONG = "《健身气功管理办法》"
L_SPORT = "《全民健身条例》"
L_SCHOOLBUS = "《校车安全管理条例》"
L_412 = "《国务院对确需保留的行政审批项目设定行政许可的决定》"
L_FIREWORKS = "《烟花爆竹安全管理条例》"
L_HAZCHEM = "《危险化学品安全管理条例》"
L_PRECURSOR = "《易制毒化学品管理条例》"
L_RADIOACT = "《放射性物品运输安全管理条例》"
L_MASS = "《大型群众性活动安全管理条例》"
L_PRIVEDU = "《中华人民共和国民办教育促进法》"
L_PERFORM = "《营业性演出管理条例》"
L_FILM = "《电影管理条例》"
L_FISH = "《中华人民共和国渔业法》"
L_FOREST = "《中华人民共和国森林法》"
L_FORESTFIRE = "《森林防火条例》"
L_GRASSFIRE = "《草原防火条例》"
L_WILDLIFE = "《中华人民共和国野生动物保护法》"
L_DESERT = "《中华人民共和国防沙治沙法》"
L_PLANTQ = "《植物检疫条例》"
L_PLAN = "《中华人民共和国城乡规划法》"
L_MINE = "《矿产资源开采登记管理办法》"
L_EXPLORE = "《矿产资源勘查区块登记管理办法》"
L_LAND = "《中华人民共和国土地管理法》"
L_ENERGY = "《固定资产投资项目节能审查办法》"
L_CITYLOOK = "《城市市容和环境卫生管理条例》"
L_CITYROAD = "《城市道路管理条例》"
L_GREEN = "《城市绿化条例》"
L_SEWAGE = "《城镇排水与污水处理条例》"
L_REALESTATE = "《中华人民共和国城市房地产管理法》"
L_WATERSUPPLY = "《城市供水条例》"
L_FIRE = "《中华人民共和国消防法》"
L_MEDINST = "《医疗机构管理条例》"
L_MCH = "《中华人民共和国母婴保健法》"
L_RADIOTHERAPY = "《放射诊疗管理规定》"
L_NARC = "《麻醉药品和精神药品管理条例》"
L_TOXIC = "《医疗用毒性药品管理办法》"
L_SPECIAL = "《中华人民共和国特种设备安全法》"
L_METRO = "《中华人民共和国计量法》"
L_SEED = "《中华人民共和国种子法》"
L_ELDER = "《中华人民共和国老年人权益保障法》"
L_GRAIN = "《粮食流通管理条例》"
L_INVEST = "《企业投资项目核准和备案管理条例》"
L_LABOUR = "《中华人民共和国劳动法》"
L_HIGHWAY = "《中华人民共和国公路法》"
L_RADIOTV = "《广播电视管理条例》"
L_RELICS = "《中华人民共和国文物保护法》"
L_SILK = "《蚕种管理办法》"
L_TAX = "《中华人民共和国税收征收管理法》"
L_INVOICE = "《中华人民共和国发票管理办法》"
L_COMPANY = "《中华人民共和国市场主体登记管理条例》"
L_SOCINS = "《中华人民共和国社会保险法》"


# === 1. the real decision rows ================================================================

q = guofa("国发〔2019〕6号", "1")  # 石油天然气（含煤层气）对外合作项目总体开发方案审批
oil_basis = "《中华人民共和国对外合作开采陆上石油资源条例》"
pos(q, cat("石油天然气对外合作项目总体开发方案审批", XK, C_DEV, oil_basis), NOTE_INCL)
pos(q, cat("石油天然气(含煤层气)对外合作项目总体开发方案審批", XK, C_DEV), TRAD)
neg(
    q,
    cat("石油天然气对外合作项目总体开发方案备案", QT, C_DEV, oil_basis),
    KIND,
    "the approval was replaced by a filing: the 备案 must not be reported as cancelled",
)
easy(q, cat("石油天然气管道保护范围内特定施工作业许可", XK, "能源部门"))
easy(q, county("企业投资项目备案"))

q = guofa("国发〔2020〕13号", "1")  # 外商投资经营电信业务审定意见书核发
same(q, cat("外商投资经营电信业务审定意见书核发", XK, C_MIIT, "《外商投资电信企业管理规定》"))
pos(q, cat("外商投资经营电信业务的审定意见书核发", XK, C_MIIT), FILLER)
neg(
    q,
    cat("电信业务经营许可证核发", XK, "通信管理部门", "《中华人民共和国电信条例》"),
    OBJECT,
    "the operating licence itself stays",
)

q = guofa("国发〔2020〕13号", "2")  # 铬化合物生产建设项目审批
pos(q, cat("铬化合物生产建设项目审批（省级）", XK, C_MIIT), LEVEL)
neg(q, cat("铬化合物生产建设项目备案", QT, C_MIIT), KIND)
easy(q, county("金属冶炼建设项目安全设施设计审查"))

q = guofa("国发〔2017〕7号", "1")  # 棉花加工资格认定
pos(q, cat("棉花加工资格认定（省级）", XK, C_MARKET), LEVEL)
pos(q, cat("棉花加工資格認定", XK, C_MARKET), TRAD)
neg(q, cat("粮食收购资格认定", XK, C_DEV, L_GRAIN), OBJECT)
easy(q, county("粮食收购资格备案"))
easy(q, county("教师资格认定"))

q = guofa("国发〔2017〕7号", "2")  # 普通中小学、幼儿园、中等职业学校（含民办）章程核准
pos(q, cat("普通中小学、幼儿园、中等职业学校章程核准", XK, C_EDU), NOTE_INCL)
pos(
    q,
    cat("普通中小学、幼儿园、中等职业学校(含民办)章程核准（市级/县级）", XK, C_EDU),
    LEVEL,
)
neg(q, county("社会团体修改章程核准"), OBJECT)
neg(q, county("民办非企业单位修改章程核准"), OBJECT)
easy(q, county("民办初级中学、小学、幼儿园校（园）长变更审核确认"))
easy(q, county("幼儿园设立审批"))

q = guofa("国发〔2017〕7号", "3")  # 自费出国留学中介服务机构资格认定
pos(q, cat("自费出国留学中介服务机构资格认定（省级）", XK, C_EDU), LEVEL)
pos(q, cat("自費出國留學中介服務機構資格認定", XK, C_EDU), TRAD)
neg(q, cat("因私出入境中介机构资格认定", XK, C_POLICE), OBJECT)
easy(q, county("学校办学基本情况咨询"))

q = guofa("国发〔2016〕9号", "58")  # 安全技术防范产品生产登记批准书核发
pos(q, cat("安全技术防范产品生产登记批准书的核发", XK, C_POLICE, L_412), FILLER)
pos(q, cat("安全技术防范产品生产登记批准书签发", XK, C_POLICE), VERB)
pos(q, cat("安全技術防範產品生產登記批准書核發", XK, C_POLICE), TRAD)
neg(q, county("公章刻制业特种行业许可证核发"), OBJECT)
easy(q, county("旅馆业特种行业许可证核发"))

q = guofa("国发〔2013〕19号", "1")  # 企业投资扩建民用机场项目核准
pos(q, cat("企业投资扩建民用机场项目的核准", XK, C_DEV), FILLER)
neg(q, cat("企业投资新建民用机场项目核准", XK, C_DEV, L_INVEST), "新建/扩建")
easy(q, county("企业投资项目备案（技术改造）（市级/县级）"))

q = guofa("国发〔2013〕19号", "2")  # 企业投资城市轨道交通车辆、信号系统和…制造项目核准
pos(
    q,
    cat("企业投资城市轨道交通车辆，信号系统和牵引传动控制系统制造项目核准", XK, C_DEV),
    PUNCT,
)
neg(q, cat("企业投资城市轨道交通项目核准", XK, C_DEV, L_INVEST), OBJECT)
neg(
    q,
    cat("企业投资城市轨道交通车辆、信号系统和牵引传动控制系统制造项目备案", QT, C_DEV),
    KIND,
)

# === 2. decision rows naming county matters (hypothetical cancellations) =======================

# --- road transport
q = dec("机动车维修经营许可", D_ROAD, L_ROAD)
neg(q, county("机动车维修经营备案"), REPLACED)
neg(q, county("机动车维修经营备案（变更）"), REPLACED)
neg(q, county("机动车维修工时单价备案"), ACTION)

q = dec("机动车驾驶员培训许可", D_ROAD, L_ROAD)
neg(q, county("机动车驾驶员培训备案"), REPLACED)
neg(q, county("机动车驾驶员培训备案（终止）"), REPLACED)
easy(q, county("教练车备案证办理（注销）"))

q = dec("客运车辆道路运输证办理", D_ROAD, L_ROAD)
pos(q, county("客运车辆道路运输证办理（注销）"), SUB)
pos(q, county("客运车辆道路运输证办理（转入）"), SUB)
neg(q, county("货物运输车辆道路运输证办理（转入）"), PASS)
neg(q, county("道路货物运输车辆道路运输证配发"), PASS)

q = dec("道路旅客运输经营许可", D_ROAD, L_ROAD)
pos(q, county("道路旅客运输经营许可（新增）"), SUB)
pos(q, county("道路旅客运输经营许可（注销）"), SUB)
neg(q, county("道路货运经营许可（换发）"), PASS)
neg(q, county("道路货物运输经营许可"), PASS)
neg(q, county("客运站经营许可"), OBJECT)

q = dec("道路货物运输经营许可", D_ROAD, L_ROAD)
same(q, county("道路货物运输经营许可"))
pos(q, county("道路货运经营许可（注销）"), SUB, "the list words its 子项 道路货运")
neg(q, county("道路旅客运输经营许可（换发）"), PASS)
neg(q, cat("道路旅客运输经营许可", XK, C_ROAD, L_ROAD), PASS)
easy(q, county("货运代理和货运配载经营备案"))

q = dec("客运站经营许可", D_ROAD, L_ROAD)
pos(q, county("客运站经营许可（换发）"), SUB)
neg(q, county("汽车客运站的站级核定"), ACTION)

q = dec("网络预约出租汽车运输证核发", D_TAXI, L_ONLINE_TAXI)
pos(q, county("网络预约出租汽车运输证发放（新增）"), VERB, "核发 / 发放, and a 子项")
pos(q, county("网络预约出租汽车运输证发放（注销）"), VERB, "核发 / 发放, and a 子项")
neg(q, county("巡游出租汽车道路运输证核发（新增）"), OBJECT)
neg(q, county("网约车车辆信息备案"), KIND)

q = dec("巡游出租汽车经营许可", D_TAXI, L_TAXI)
same(q, county("巡游出租汽车经营许可"))
pos(q, county("巡游出租汽车经营许可注销"), SUB)
pos(
    q,
    county("巡游出租汽车业户信息变更"),
    SUB,
    "its 主项 巡游出租汽车道路运输经营许可 is the matter the decision names",
)
neg(q, county("网络预约出租汽车经营许可"), OBJECT)
neg(
    q, county("巡游出租汽车车辆经营权变更"), OBJECT, "the vehicle's operating right, another matter"
)

q = dec("网络预约出租汽车经营许可", D_TAXI, L_ONLINE_TAXI)
pos(q, county("网络预约出租汽车经营注销"), SUB)
pos(q, county("网络预约出租汽车经营许可证到期换证"), SUB)
neg(q, county("巡游出租汽车经营许可证到期换证"), OBJECT)

q = dec("道路客运班线经营许可证明办理", D_ROAD, L_ROAD)
pos(q, county("道路客运班线经营许可证明（补发）"), SUB)
neg(q, county("客运班线延续经营许可"), ACTION, "the licence itself, not its certificate")

# --- public security
q = dec("旅馆业特种行业许可证核发", D_POLICE, L_412)
same(q, county("旅馆业特种行业许可证核发"))
neg(q, county("公章刻制业特种行业许可证核发"), OBJECT)
neg(q, county("旅馆业特种行业变更备案"), ACTION)

q = dec("旅館業特種行業許可證核發", D_POLICE, L_412)
pos(q, county("旅馆业特种行业许可证核发"), TRAD)
neg(q, county("公章刻制业特种行业许可证核发"), OBJECT)

q = dec("公章刻制业特种行业许可证核发", D_POLICE, L_412)
same(q, county("公章刻制业特种行业许可证核发"))
neg(q, county("旅馆业特种行业许可证核发"), OBJECT)

q = dec("举办焰火晚会以及其他大型焰火燃放活动许可", D_POLICE, L_FIREWORKS)
same(q, county("举办焰火晚会以及其他大型焰火燃放活动许可"))
neg(q, county("烟花爆竹道路运输许可"), OBJECT)
easy(q, county("举行集会游行示威许可"))

q = dec("剧毒化学品购买许可", D_POLICE, L_HAZCHEM)
same(q, county("剧毒化学品购买许可"))
neg(q, county("剧毒化学品道路运输通行证核发"), PROD)
neg(q, county("民用爆炸物品购买许可"), OBJECT)

q = dec("民用爆炸物品运输许可", D_POLICE, "《民用爆炸物品安全管理条例》")
same(q, county("民用爆炸物品运输许可"))
neg(q, county("民用爆炸物品购买许可"), PROD)
neg(q, county("放射性物品道路运输许可"), OBJECT)

q = dec("第二类易制毒化学品运输许可", D_POLICE, L_PRECURSOR)
same(q, county("第二类易制毒化学品运输许可"))
neg(q, county("第三类易制毒化学品运输备案证明"), CLASS)
neg(q, county("第二类、第三类易制毒化学品购买备案证明"), PROD)
neg(q, cat("第一类易制毒化学品运输许可", XK, C_POLICE, L_PRECURSOR), CLASS)

q = dec("放射性物品道路运输许可", D_POLICE, L_RADIOACT)
same(q, county("放射性物品道路运输许可"))
neg(q, county("烟花爆竹道路运输许可"), OBJECT)

q = dec("预计参加人数在1000人以上5000人以下的大型群众性活动安全许可", D_POLICE, L_MASS)
pos(
    q,
    county("预计参加人数在1000人以上5000人以下的大型群众性活动安全许可或变更"),
    WORDING,
    "或变更 added",
)
neg(q, cat("预计参加人数在5000人以上的大型群众性活动安全许可", XK, C_POLICE, L_MASS), NUMBER)

q = dec("犬类准养证核发", D_POLICE)
same(q, county("犬类准养证核发"))
easy(q, county("养蜂证申领"))

q = dec("户口登记", D_POLICE, "《中华人民共和国户口登记条例》")
pos(q, county("户口恢复"), SUB, "户口登记（包括注销、恢复、变更） groups it")
neg(q, county("注销户口证明"), ACTION)
neg(q, county("户口迁移审批"), ACTION)

# --- health
q = dec("饭馆、咖啡馆、酒吧、茶座等公共场所卫生许可", D_HEALTH, L_PUBHYG)
neg(q, county("公共场所卫生许可新办审批（县级）"), SCOPE, "the licence stays for other venues")
neg(q, county("公共场所卫生许可证注销（县级）"), SCOPE)
easy(q, county("乙类公共场所备案"))

q = dec("公共场所卫生许可", D_HEALTH, L_PUBHYG)
pos(q, county("公共场所卫生许可新办审批（县级）"), SUB)
pos(q, county("公共场所卫生许可延续（县级）"), SUB)
neg(q, county("饮用水供水单位卫生许可新办审批（县级）"), OBJECT)
neg(q, county("乙类公共场所备案"), KIND)

q = dec("公共場所衛生許可", D_HEALTH, L_PUBHYG)
pos(q, county("公共场所卫生许可遗失补办（县级）"), TRAD, "traditional, and a 子项")
neg(q, county("饮用水供水单位卫生许可变更（县级）"), OBJECT)

q = dec("饮用水供水单位卫生许可", D_HEALTH, L_WATERHYG)
pos(q, county("饮用水供水单位卫生许可延续（县级）"), SUB)
pos(q, county("饮用水供水单位卫生许可证遗失补办（县级）"), SUB)
neg(q, county("公共场所卫生许可变更（县级）"), OBJECT)

q = dec("医疗机构执业登记", D_HEALTH, L_MEDINST)
pos(
    q, county("医疗机构执业审批（新办）（县级）"), SUB, "its 主项 carries the note 人体器官移植除外"
)
pos(q, county("医疗机构执业许可证遗失补办（县级）"), SUB)
neg(q, county("内资医疗机构设置审批（县级）"), ACTION, "设置 (setting up) precedes 执业")
easy(q, county("医疗机构申请定点协议管理"))

q = dec("醫療機構執業登記", D_HEALTH, L_MEDINST)
pos(q, county("医疗机构执业审批（注销）（县级）"), TRAD, "traditional, and a 子项")
neg(q, county("医疗机构放射性职业病危害建设项目竣工验收（县级）"), OBJECT)

q = dec("母婴保健技术服务机构执业许可", D_HEALTH, L_MCH)
pos(q, county("母婴保健技术服务执业首次申报（县级）"), SUB)
pos(q, county("母婴保健技术服务机构执业许可校验（县级）"), SUB)
neg(
    q,
    county(
        "母婴保健专项技术服务人员资格首次申报认定（婚前医学检查、助产技术、终止妊娠手术、结扎手术）"
    ),
    OBJECT,
    "the staff's qualification, not the institution's licence",
)

q = dec("放射诊疗许可", D_HEALTH, L_RADIOTHERAPY)
pos(
    q,
    county("放射诊疗许可证遗失补办（县级）"),
    WORDING,
    "the province calls it 放射源诊疗技术和医用辐射机构许可",
)
pos(q, county("放射源诊疗技术和医用辐射机构许可新办审批（县级）"), WORDING)
neg(q, county("放射工作人员证办理"), OBJECT)

q = dec("麻醉药品和第一类精神药品购用许可", D_HEALTH, L_NARC)
pos(q, county("麻醉药品和第一类精神药品购用许可延续"), SUB)
pos(q, county("麻醉药品和第一类精神药品购用许可新办审批"), SUB)
neg(q, cat("麻醉药品和第二类精神药品购用许可", XK, C_HEALTH, L_NARC), CLASS)
neg(q, county("医疗用毒性药品购用审批"), OBJECT)

q = dec("医疗用毒性药品购用审批", D_MARKET, L_TOXIC)
same(q, county("医疗用毒性药品购用审批"))
neg(q, county("科研和教学所需毒性药品购用审批"), OBJECT)

q = dec("护士执业注册", D_HEALTH, L_NURSE)
pos(q, county("护士新办执业注册"), SUB)
pos(q, county("护士执业证书遗失补办"), SUB)
neg(q, county("医师新办执业注册"), OBJECT)
neg(q, county("乡村医生执业再注册"), OBJECT)

q = dec("護士執業註冊", D_HEALTH, L_NURSE)
pos(q, county("护士延续执业注册"), TRAD, "traditional, and a 子项")
neg(q, county("医师执业注销注册"), OBJECT)

q = dec("医师执业注册", D_HEALTH, L_DOCTOR)
pos(q, county("医师执业注销注册"), SUB)
neg(q, county("护士执业注销注册"), OBJECT)
neg(q, county("执业兽医从事动物诊疗活动的执业注册"), OBJECT)

q = dec("乡村医生执业注册", D_HEALTH, L_VILLDOC)
pos(q, county("乡村医生执业注销"), SUB)
pos(q, county("乡村医生执业变更"), SUB)
neg(q, county("医师执业证书变更"), OBJECT)

# --- market regulation, food, measurement, special equipment
q = dec("食品经营许可", D_MARKET, L_FOOD)
pos(q, county("食品(含保健食品)经营许可核发"), SUB)
pos(q, county("食品(含保健食品)经营许可注销"), SUB)
neg(q, cat("食品生产许可", XK, C_MARKET, L_FOOD), PROD)
neg(q, county("食品小作坊备案发放"), KIND)
neg(
    q,
    county("仅销售预包装食品经营者备案信息采集"),
    KIND,
    "sellers of prepackaged food file a 备案 instead",
)

q = dec("食品生产许可", D_MARKET, L_FOOD)
same(q, cat("食品生产许可", XK, C_MARKET, L_FOOD))
pos(q, cat("食品生产许可（新办）", XK, C_MARKET), NOTE_CAND)
neg(q, county("食品(含保健食品)经营许可变更经营项目"), PROD)
neg(q, county("对食品生产者自建网站交易进行备案"), KIND)

q = dec("计量标准器具核准", D_MARKET, L_METRO)
pos(q, county("计量标准器具核准新建"), SUB)
pos(q, county("计量标准封存或撤销"), SUB)
neg(q, county("承担国家法定计量检定机构任务授权"), OBJECT)
neg(q, county("企事业单位计量器具检定授权"), OBJECT)

q = dec("特种设备作业人员资格认定", D_MARKET, L_SPECIAL)
pos(q, county("特种设备作业人员资格认定复审"), SUB)
pos(q, county("特种设备作业人员资格认定取证"), SUB)
neg(q, cat("特种设备检验检测人员资格认定", XK, C_MARKET, L_SPECIAL), OBJECT)

q = dec("烟草专卖零售许可证核发", D_TOBACCO, L_TOBACCO)
pos(q, county("烟草专卖零售许可证新办"), SUB)
pos(q, county("烟草专卖零售许可证歇业"), SUB)
neg(q, county("烟花爆竹经营（零售）许可证核发"), OBJECT)

q = dec("煙草專賣零售許可證核發", D_TOBACCO, L_TOBACCO)
pos(q, county("烟草专卖零售许可证延续"), TRAD, "traditional, and a 子项")
easy(q, county("零售商促销备案"))

# --- housing and urban management
q = dec("燃气经营许可证核发", D_HOUSING, L_GAS)
pos(q, county("燃气经营许可证新办"), SUB)
pos(q, county("燃气经营许可证注销"), SUB)
neg(q, county("燃气经营者改动市政燃气设施审批"), ACTION)
neg(q, county("燃气经营者停业、歇业审批"), ACTION)

q = dec("建筑工程施工许可证核发", D_HOUSING, L_BUILD)
same(q, county("建筑工程施工许可证核发"))
pos(q, county("建筑工程施工许可证变更"), SUB)
neg(q, county("夜间建筑施工许可"), OBJECT)
neg(q, county("普通公路建设项目施工许可"), OBJECT)
easy(q, county("拆除工程施工备案"))

q = dec("建築工程施工許可證核發", D_HOUSING, L_BUILD)
pos(q, county("建筑工程施工许可证核发"), TRAD)
neg(q, county("夜间建筑施工许可"), OBJECT)

q = dec("设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批", D_HOUSING, L_CITYLOOK)
pos(q, county("城市建筑物、设施上张挂、张贴宣传品审批"), SUB)
pos(q, county("设置大型户外广告的审批"), SUB)
neg(q, county("设置非公路标志审批"), OBJECT)

q = dec("城市建筑物、设施上张挂、张贴宣传品的审批", D_HOUSING, L_CITYLOOK)
pos(q, county("城市建筑物、设施上张挂、张贴宣传品审批"), FILLER)
neg(q, county("设置大型户外广告的审批"), OBJECT)

q = dec("占用、挖掘城市道路审批", D_HOUSING, L_CITYROAD)
same(q, county("占用、挖掘城市道路审批"))
neg(q, county("占用、挖掘普通公路、普通公路用地或者使公路改线审批"), OBJECT)

q = dec("特殊车辆在城市道路上行驶审批", D_HOUSING, L_CITYROAD)
pos(q, county("特殊车辆在城市道路上行驶（包括经过城市桥梁）审批"), NOTE_CAND)
neg(q, county("公路超限运输许可"), OBJECT)

q = dec("工程建设涉及城市绿地、树木审批", D_HOUSING, L_GREEN)
same(q, county("工程建设涉及城市绿地、树木审批"))
pos(q, county("古树名木移植审批"), SUB)
neg(q, county("改变绿化规划、绿化用地的使用性质审批"), OBJECT)
neg(q, county("建设项目古树名木保护方案备案"), KIND)

q = dec("城镇污水排入排水管网许可", D_HOUSING, L_SEWAGE)
same(q, county("城镇污水排入排水管网许可"))
neg(q, county("城镇排水与污水处理设施竣工验收备案"), OBJECT)

q = dec("商品房预售许可", D_HOUSING, L_REALESTATE)
same(q, county("商品房预售许可"))
neg(q, cat("商品房现售备案", QT, C_HOUSING, L_REALESTATE), KIND)
easy(q, county("房地产开发项目转让备案"))

q = dec("特殊建设工程消防设计审查", D_HOUSING, L_FIRE)
same(q, county("特殊建设工程消防设计审查"))
neg(q, county("特殊建设工程消防验收"), ACTION)
neg(q, county("其他建设工程消防验收备案"), ACTION)

q = dec("公众聚集场所投入使用、营业前消防安全检查", D_FIRE, L_FIRE)
same(q, county("公众聚集场所投入使用、营业前消防安全检查"))
easy(q, county("建筑起重机械使用登记"))

# --- human resources
q = dec("劳务派遣经营许可", D_HR, L_DISPATCH)
pos(q, county("劳务派遣经营许可注销(县级)"), SUB)
pos(q, county("经营劳务派遣业务（含新增业务、新设公司、分立、合并）许可(县级)"), SUB)
pos(q, county("劳务派遣单位设立分公司书面报告(县级)"), SUB)
neg(q, county("经营性人力资源服务机构从事职业中介活动许可（县级）"), OBJECT)

q = dec("企业实行不定时工作制和综合计算工时工作制审批", D_HR, L_LABOUR)
pos(q, county("企业实行不定时工作制和综合计算工时制审批（县级）"), WORDING, "工时工作制 / 工时制")
neg(
    q,
    county("企业实行不定时工作制和综合计算工时工作制审批意见和制度方案异地备案（县级）"),
    KIND,
    "a filing of an approval made elsewhere",
)

q = dec("养老机构设立许可", D_CIVIL, L_ELDER)
neg(q, county("养老机构设立备案"), REPLACED)
easy(q, county("建设社会公共墓地审批"))

# --- culture, press, radio and television, sport, education
q = dec("演出场所经营单位设立审批", D_CULTURE, L_PERFORM)
neg(q, county("设立演出场所经营单位备案"), REPLACED)
neg(q, county("演出场所经营单位变更事项备案"), REPLACED)

q = dec("互联网上网服务营业场所经营单位设立审批", D_CULTURE, L_NETBAR)
pos(q, county("内资设立互联网上网服务营业场所筹建审批"), SUB)
pos(q, county("互联网上网服务营业场所经营单位注销审批"), SUB)
neg(
    q,
    county("开办互联网上网服务营业场所", "区公安分局"),
    ACTION,
    "the police check of the premises",
)

q = dec("歌舞娱乐场所《娱乐经营许可证》核发", D_CULTURE, L_ENT)
pos(q, county("设立歌舞娱乐场所《娱乐经营许可证》核发"), WORDING, "设立 spelt out by the list")
neg(q, county("设立游艺娱乐场所《娱乐经营许可证》核发"), OBJECT)
neg(
    q,
    county("歌舞娱乐场所改建、扩建营业场所、变更场地审批"),
    ACTION,
    "the decision names the licence only, not the 改扩建 half of the 主项",
)

q = dec("营业性演出审批", D_CULTURE, L_PERFORM)
pos(q, county("举办营业性演出审批"), SUB)
pos(q, county("举办营业性演出变更申请材料所列事项审批"), SUB)
neg(q, county("文艺表演团体《营业性演出许可证》延续审批"), OBJECT)

q = dec("文艺表演团体设立审批", D_CULTURE, L_PERFORM)
pos(
    q,
    county("设立文艺表演团体《营业性演出许可证》核发"),
    WORDING,
    "the older name of the same licence",
)
easy(q, county("个体演员备案"))

q = dec("出版物零售单位和个体工商户设立审批", D_PRESS, L_PUBLISH)
same(q, county("出版物零售单位和个体工商户设立审批"))
neg(q, county("出版物零售单位和个体工商户变更审批"), LIFE)

q = dec("一次性内部资料性出版物准印证核发", D_PRESS, "《内部资料性出版物管理办法》")
pos(q, county("一次性内部资料性出版物准印证核发（县级）"), LEVEL)
neg(q, cat("连续性内部资料性出版物准印证核发", XK, "新闻出版部门"), OBJECT)

q = dec("县级广播电台、电视台变更台名、节目设置范围或节目套数审批", D_RADIO, L_RADIOTV)
pos(q, county("县级广播电台、电视台变更台名审批"), SUB)
pos(q, county("县级广播电台、电视台变更节目套数审批"), SUB)
neg(q, county("广播电台、电视台设立初审"), LIFE)

q = dec("广播电视视频点播业务许可证（乙种）审批", D_RADIO, L_RADIOTV)
same(q, county("广播电视视频点播业务许可证（乙种）审批"))
neg(q, cat("广播电视视频点播业务许可证（甲种）审批", XK, "广播电视部门", L_RADIOTV), CLASS)

q = dec("电影放映单位设立审批", D_CULTURE, L_FILM)
pos(q, county("电影放映单位设立审批（内资）"), NOTE_CAND)
neg(q, cat("电影发行单位设立审批", XK, "电影主管部门", L_FILM), OBJECT)

q = dec("举办健身气功活动及设立站点审批", D_SPORT, L_QIGONG)
pos(q, county("举办健身气功活动审批"), SUB)
pos(q, county("设立健身气功站点审批"), SUB)
easy(q, county("举办高危险性体育赛事活动许可（县级）"))

q = dec("设立健身气功站点审批", D_SPORT, L_QIGONG)
same(q, county("设立健身气功站点审批"))
neg(q, county("举办健身气功活动审批"), OBJECT)

q = dec("经营高危险性体育项目许可", D_SPORT, L_SPORT)
pos(q, county("经营游泳许可"), SUB)
pos(q, county("经营高危险性体育项目变更审批"), SUB)
neg(q, county("举办高危险性体育赛事活动许可（县级）"), OBJECT)

q = dec("校车使用许可", D_EDU, L_SCHOOLBUS)
same(q, county("校车使用许可"))
easy(q, county("民用爆炸物品购买许可"))

q = dec("民办职业培训学校设立、分立、合并、变更及终止审批", D_HR, L_PRIVEDU)
pos(q, county("民办职业培训学校设立审批(县级)"), SUB)
pos(q, county("民办职业培训学校终止审批(县级)"), SUB)
neg(q, county("中等及以下其他教育机构设立审批"), OBJECT)

q = dec(
    "实施中等及中等以下学历教育、学前教育、自学考试助学及其他文化教育的学校设立、变更和终止审批",
    D_EDU,
    L_PRIVEDU,
)
pos(q, county("幼儿园设立审批"), SUB)
pos(q, county("义务教育学校筹设审批"), SUB)
neg(q, county("民办职业培训学校设立审批(县级)"), OBJECT)

# --- justice, religion, civil affairs, grain
q = dec("基层法律服务工作者执业、变更、注销许可", D_JUSTICE, L_LEGALSVC)
pos(q, county("基层法律服务工作者执业变更"), SUB)
pos(q, county("基层法律服务工作者执业注销"), SUB)
neg(q, county("公证员执业变更许可"), OBJECT)

q = dec("公证员执业许可", "省级司法行政部门", L_NOTARY)
same(q, county("公证员执业许可"))
neg(q, county("公证员免职许可"), ACTION)
neg(q, county("基层法律服务工作者执业许可"), OBJECT)

q = dec("设立宗教活动临时地点审批", D_RELIGION, L_RELIG)
same(q, county("设立宗教活动临时地点审批"))
neg(q, county("宗教活动场所登记审批"), OBJECT)
neg(q, county("设立其它固定处所审批"), OBJECT)

q = dec("社会团体成立登记", D_CIVIL, L_SOCORG)
same(q, county("社会团体成立登记"))
neg(q, county("社会团体注销登记"), LIFE)
neg(q, county("民办非企业单位成立登记"), OBJECT)
neg(q, county("文旅类社会团体成立登记前审查"), ACTION, "the culture bureau's prior review")

q = dec("社會團體成立登記", D_CIVIL, L_SOCORG)
pos(q, county("社会团体成立登记"), TRAD)
neg(q, county("社会团体变更登记"), LIFE)

q = dec("民辦非企業單位成立登記", D_CIVIL, L_NONPROFIT)
pos(q, county("民办非企业单位成立登记"), TRAD)
neg(q, county("民办非企业单位注销登记"), LIFE)

q = dec("粮食收购资格认定", D_GRAIN, L_GRAIN)
neg(q, county("粮食收购资格备案"), REPLACED)

# --- agriculture, forestry, water
q = dec("生鲜乳收购站许可", D_AGRI, L_DAIRY)
pos(q, county("生鲜乳收购许可证信息变更"), SUB)
neg(q, county("生鲜乳准运证明核发"), PROD)

q = dec("蚕种生产许可证核发", D_AGRI, L_SILK)
pos(q, county("蚕种生产许可"), WORDING, "许可证核发 / 许可")
neg(q, county("蚕种经营许可"), PROD)

q = dec("种畜禽生产经营许可证核发", D_AGRI, L_ANIMAL)
pos(q, county("家禽孵化场生产经营许可"), SUB, "its 主项 is 种畜禽生产经营许可")
pos(q, county("种畜禽生产经营许可证信息变更"), SUB)
neg(q, county("兽药经营许可证核发（普通兽药）"), OBJECT)

q = dec("兽药经营许可证核发", D_AGRI, L_VETDRUG)
pos(q, county("兽药经营许可证核发（普通兽药）"), NOTE_CAND)
pos(q, county("兽药经营许可证信息变更"), SUB)
neg(q, county("农药经营许可证核发（其他农药）"), OBJECT)

q = dec("农药经营许可证核发", D_AGRI, L_PESTICIDE)
pos(q, county("农药经营许可证核发（其他农药）"), NOTE_CAND)
pos(q, county("农药经营许可证延续（其他农药）"), WORDING, "the renewal of the licence cancelled")
neg(q, county("兽药经营许可证核发（普通兽药）"), OBJECT)
neg(q, cat("农药生产许可证核发", XK, C_AGRI, L_PESTICIDE), PROD)

q = dec("动物诊疗许可证核发", D_AGRI, L_ANIMALEP)
pos(q, county("动物诊疗许可"), WORDING, "许可证核发 / 许可")
pos(q, county("动物诊疗许可证信息变更"), SUB)
easy(q, county("动物防疫条件合格证核发（动物饲养场、养殖小区和动物屠宰加工场）"))

q = dec("动物防疫条件合格证核发", D_AGRI, L_ANIMALEP)
pos(
    q,
    county("动物防疫条件合格证核发（动物隔离场所、动物和动物产品无害化处理场）"),
    NOTE_CAND,
)
pos(q, county("动物防疫条件合格证信息变更"), SUB)
neg(q, county("动物及动物产品检疫合格证核发"), OBJECT)

q = dec("农作物种子生产经营许可证核发", D_AGRI, L_SEED)
pos(
    q,
    county("主要农作物杂交种子及其亲本种子生产经营许可"),
    WORDING,
    "a crop-seed 子项 of 农作物种子、食用菌菌种生产经营许可证核发",
)
neg(
    q,
    county("食用菌菌种生产经营许可证核发（栽培种）"),
    SCOPE,
    "the edible-fungus half of the same 主项 is not named",
)
neg(q, county("农作物种子经营备案"), KIND)
neg(q, county("林草种子生产经营许可证延续（县级）"), OBJECT)

q = dec("林草种子生产经营许可证核发", D_FOREST, L_SEED)
pos(q, county("林草种子生产经营许可证延续（县级）"), SUB)
pos(q, county("普通林草种子生产经营许可新办审批（县级）"), SUB)
neg(q, county("种子生产经营许可变更"), OBJECT, "a 子项 of the crop-seed licence")

q = dec("水产苗种生产审批", D_AGRI, L_FISH)
same(q, county("水产苗种生产审批"))
neg(q, cat("水产苗种进出口审批", XK, C_AGRI, L_FISH), PROD)
easy(q, county("国内异地引进水产苗种检疫"))

q = dec("渔业捕捞许可审批", D_AGRI, L_FISH)
pos(q, county("渔业捕捞许可证变更"), SUB)
easy(q, county("渔业船舶船员证书核发"))

q = dec("林木采伐许可证核发", D_FOREST, L_FOREST)
pos(q, county("林木采伐许可证核发（县级权限）"), LEVEL)
neg(q, county("紧急情况林木采伐备案(县级)"), KIND)
neg(q, county("更新采伐护路林审批"), OBJECT)

q = dec("临时占用林地审批", D_FOREST, L_FOREST)
pos(q, county("临时占用林地审批（县级）"), LEVEL)
neg(q, county("临时用地审批"), OBJECT)
neg(q, county("森林经营单位修筑直接为林业生产服务的工程设施占用林地审批（县级）"), OBJECT)

q = dec("森林防火期内在森林防火区野外用火活动审批", D_FOREST, L_FORESTFIRE)
same(q, county("森林防火期内在森林防火区野外用火活动审批"))
neg(q, county("草原防火期内因生产活动需要在草原上野外用火新办审批"), OBJECT)

q = dec("草原防火期内在草原上进行爆破、勘察和施工等活动审批", D_FOREST, L_GRASSFIRE)
pos(
    q,
    county("草原防火期内在草原上进行爆破、勘察和施工等活动新办审批（县级权限）"),
    LEVEL,
    "新办 and a level qualifier",
)
neg(q, county("森林防火期内在森林防火区野外用火活动审批"), OBJECT)

q = dec("猎捕非国家重点保护陆生野生动物审批", D_FOREST, L_WILDLIFE)
pos(
    q,
    county("猎捕非国家重点保护陆生野生动物新办审批（县级权限）"),
    LEVEL,
    "新办 and a level qualifier",
)
neg(q, county("国家二级和省重点保护水生野生动物猎捕许可"), OBJECT)

q = dec("从事营利性治沙活动许可", D_FOREST, L_DESERT)
pos(q, county("从事营利性治沙活动新办许可（县级权限）"), LEVEL, "新办 and a level qualifier")
easy(q, county("古树名木认定"))

q = dec("省内调运林草植物检疫证书核发", D_FOREST, L_PLANTQ)
pos(q, county("省内调运林草植物检疫证书新办核发（县级权限）"), LEVEL, "新办 and a level qualifier")
neg(q, county("省际间调运林草植物检疫证书新办核发"), OBJECT, "省内 / 省际间")

q = dec("取水许可", D_WATER, L_WATERDRAW)
pos(q, county("取水许可证新办审批"), SUB)
pos(q, county("取水申请批准文件"), SUB)
neg(q, county("河道采砂许可"), OBJECT)

q = dec("河道采砂许可", D_WATER, L_RIVER)
same(q, county("河道采砂许可"))
neg(q, county("河道管理范围内有关活动（不含河道采砂）审批"), NOTES, "the note excludes 河道采砂")

# --- natural resources and planning
q = dec("建设工程规划许可证核发", D_NATRES, L_PLAN)
pos(q, county("建设工程（含临时建设）规划许可证核发"), NOTE_CAND)
neg(q, county("乡村建设规划许可证核发"), OBJECT)
neg(q, county("建设用地规划许可证变更"), OBJECT)

q = dec("乡村建设规划许可证核发", D_NATRES, L_PLAN)
same(q, county("乡村建设规划许可证核发"))
neg(q, county("建设工程（含临时建设）规划许可证核发"), OBJECT)

q = dec("建设用地规划许可证核发", D_NATRES, L_PLAN)
pos(q, county("建设用地（含临时用地）规划许可证核发（出让用地）"), NOTE_CAND)
pos(q, county("建设用地规划许可（划拨用地）"), NOTE_CAND, "许可证核发 / 许可 and a note")
neg(q, county("建设工程（含临时建设）规划许可证核发"), OBJECT)

q = dec("采矿权注销登记", D_NATRES, L_MINE)
same(q, county("采矿权注销登记"))
neg(q, county("探矿权注销登记"), "采矿/探矿")
neg(q, county("采矿权延续登记"), LIFE)

q = dec("採礦權註銷登記", D_NATRES, L_MINE)
pos(q, county("采矿权注销登记"), TRAD)
neg(q, county("探矿权注销登记"), "采矿/探矿")

q = dec("探矿权变更登记", D_NATRES, L_EXPLORE)
pos(q, county("勘查主矿种变更登记"), SUB)
pos(q, county("探矿权转让变更登记"), SUB)
neg(q, county("采矿权转让变更登记"), "采矿/探矿")
neg(q, county("探矿权保留登记"), LIFE)

q = dec("乡（镇）村企业使用集体建设用地审批", D_NATRES, L_LAND)
same(q, county("乡（镇）村企业使用集体建设用地审批"))
neg(q, county("乡（镇）村公共设施、公益事业使用集体建设用地审批"), OBJECT)

q = dec("固定资产投资项目节能审查", D_DEV, L_ENERGY)
pos(q, county("固定资产投资项目节能审查（企业技术改造项目）(县级)"), NOTE_CAND)
pos(q, county("固定资产投资项目节能审查（企业技术改造项目除外）"), NOTE_CAND)

q = dec("固定资产投资项目节能审查（企业技术改造项目）", D_DEV, L_ENERGY)
pos(q, county("固定资产投资项目节能审查（企业技术改造项目）(县级)"), LEVEL)
neg(q, county("固定资产投资项目节能审查（企业技术改造项目除外）"), NOTES, "除外: the other half")

q = dec("企业投资项目核准", D_DEV, L_INVEST)
neg(q, county("企业投资项目备案"), KIND)
neg(q, county("企业投资项目备案（技术改造）（市级/县级）"), KIND)

q = dec("危险废物经营许可证核发", D_ENV, L_HAZWASTE)
pos(q, county("危险废物经营许可申请（市级）"), SUB)
pos(q, county("危险废物经营许可补办(市级)"), SUB)
neg(q, county("贮存危险废物超过一年的批准(市级)"), ACTION)


# === 3. list items against catalogue matters ==================================================


def cq(name: str, department: str = "") -> Rec:
    return county_query(name, department)


# --- level qualifiers, notes, filler words, punctuation
q = cq("举办高危险性体育赛事活动许可（县级）")
pos(q, cat("举办高危险性体育赛事活动许可", XK, C_SPORT, L_SPORT), LEVEL)
neg(q, cat("经营高危险性体育项目许可", XK, C_SPORT, L_SPORT), OBJECT)

q = cq("伐区调查设计材料的审核(县级)")
pos(q, cat("伐区调查设计材料审核", QT, C_FOREST), LEVEL, "的, and a half-width bracket")

q = cq("草原等级评定(县级)")
pos(q, cat("草原等级评定", QR, C_FOREST), LEVEL)
easy(q, cat("古树名木认定", QR, C_FOREST))

q = cq("林木种子采种林的确定（县级）")
pos(q, cat("林木种子采种林确定", QR, C_FOREST), LEVEL, "的")

q = cq("森林植物产地检疫合格证签发（县级）")
pos(q, cat("森林植物产地检疫合格证核发", QT, C_FOREST, L_PLANTQ), VERB)
neg(q, cat("省际间调运林草植物检疫证书核发", XK, C_FOREST, L_PLANTQ), OBJECT)

q = cq("限制类医疗技术临床应用备案管理(县级）")
pos(q, cat("限制类医疗技术临床应用备案", GG, C_HEALTH), WORDING, "备案管理 / 备案")

q = cq("开具税收完税证明（县级行使）")
pos(q, cat("开具税收完税证明", GG, C_TAX, L_TAX), LEVEL)
neg(q, cat("开具无欠税证明", GG, C_TAX, L_TAX), OBJECT)

q = cq("中国税收居民身份证明的开具（县级行使）")
pos(q, cat("中国税收居民身份证明开具", QR, C_TAX), LEVEL, "的")

q = cq("发票领用(县级行使）")
pos(q, cat("发票领用", GG, C_TAX, L_INVOICE), LEVEL, "mixed bracket widths")
neg(q, cat("发票缴销", GG, C_TAX, L_INVOICE), ACTION)

q = cq("注销税务登记（适用于“一照一码”“两证整合”以外的纳税人）（县级行使）")
pos(q, cat("注销税务登记", QT, C_TAX, L_TAX), NOTE_ITEM)
neg(q, cat("注销扣缴税款登记", QT, C_TAX, L_TAX), OBJECT)

q = cq("停业登记(县级行使）")
pos(q, cat("停业登记", QT, C_TAX, L_TAX), LEVEL)
neg(q, cat("复业登记", QT, C_TAX, L_TAX), LIFE)

q = cq("代开增值税专用发票（县级行使）")
pos(q, cat("代开增值税专用发票", QT, C_TAX, L_INVOICE), LEVEL)
neg(q, cat("代开增值税普通发票", QT, C_TAX, L_INVOICE), OBJECT)

q = cq("增值税税控系统专用设备初始发行（县级行使）")
pos(q, cat("增值税税控系统专用设备初始发行", GG, C_TAX), LEVEL)
neg(q, cat("增值税税控系统专用设备注销发行", GG, C_TAX), LIFE)
neg(q, cat("增值税税控系统专用设备变更发行", GG, C_TAX), LIFE)

q = cq("纳税信用修复（县级行使）")
pos(q, cat("纳税信用修复", QR, C_TAX), LEVEL)
neg(q, cat("纳税信用复评", QR, C_TAX), ACTION)

q = cq("纳税信用补评（县级行使）")
neg(q, cat("纳税信用复评", QR, C_TAX), ACTION)

q = cq("跨区域涉税事项报验（县级行使）")
neg(q, cat("跨区域涉税事项报告", QT, C_TAX), ACTION)
neg(q, cat("跨区域涉税事项信息反馈", QT, C_TAX), ACTION)

q = cq("个人所得税递延纳税报告（县级行使）")
pos(q, cat("个人所得税递延纳税报告", GG, C_TAX), LEVEL)
neg(q, cat("个人所得税分期缴纳报告", GG, C_TAX), OBJECT)

q = cq("一照一码户信息变更（县级行使）")
neg(q, cat("一照一码户信息确认", QT, C_TAX), ACTION)
neg(q, cat("两证整合个体工商户信息变更", QT, C_TAX), OBJECT)

q = cq("红字增值税专用发票开具申请（县级行使）")
pos(q, cat("红字增值税专用发票开具", GG, C_TAX, L_INVOICE), WORDING, "申请 suffix")

q = cq("对外国人的住宿登记")
pos(q, cat("外国人住宿登记", QR, C_POLICE), FILLER)

q = cq("对公民法律援助申请的审批")
pos(q, cat("公民法律援助申请审批", GF, C_JUSTICE), FILLER)
easy(q, cat("法律援助补贴发放", GF, C_JUSTICE))

q = cq("对政府采购供应商投诉处理决定")
pos(q, cat("政府采购供应商投诉处理", CJ, C_FINANCE), FILLER, "对, and 决定")

q = cq("对重点建设项目（工程）档案的验收")
pos(q, cat("重点建设项目档案验收", QT, C_ARCHIVE), FILLER, "对, 的 and a note")

q = cq("对国有企业文件材料归档范围和保管期限表的审查")
pos(q, cat("国有企业文件材料归档范围和保管期限表审查", QT, C_ARCHIVE), FILLER)
neg(q, cat("对重大活动档案延期移交的审查", QT, C_ARCHIVE), OBJECT)

q = cq("对在气象工作中做出突出贡献的单位和个人进行奖励")
pos(q, cat("在气象工作中做出突出贡献的单位和个人奖励", JL, C_WEATHER), FILLER, "对…进行")

q = cq("对计量纠纷进行调解及仲裁检定")
pos(q, cat("计量纠纷调解和仲裁检定", CJ, C_MARKET, L_METRO), FILLER, "对…进行, 及/和")

q = cq("企业实行不定时工作制和综合计算工时制审批（县级）")
pos(q, cat("关于企业实行不定时工作制和综合计算工时工作制的审批", XK, C_HR, L_LABOUR), FILLER)
pos(q, cat("企业实行不定时工作制和综合计算工时工作制审批", XK, C_HR, L_LABOUR), WORDING)

q = cq("临时性建筑物搭建、堆放物料、占道施工审批")
pos(q, cat("临时性建筑物搭建、堆放物料、占道施工的审批", XK, C_HOUSING, L_CITYROAD), FILLER)

q = cq("在公路增设或改造平面交叉道口审批")
pos(q, cat("公路增设或改造平面交叉道口审批", XK, C_ROAD, L_HIGHWAY), FILLER, "在")

q = cq("港口内进行危险货物的装卸、过驳作业许可")
pos(q, cat("港口内危险货物装卸、过驳作业许可", XK, C_ROAD), FILLER, "进行, 的")

q = cq("汽车客运站的站级核定")
pos(q, cat("汽车客运站站级核定", QT, C_ROAD, L_ROAD), FILLER)

q = cq("利用堤顶、戗台兼做公路审批")
pos(q, cat("利用堤顶、戗台兼做公路的审批", XK, C_WATER, L_RIVER), FILLER)
neg(q, cat("水库大坝坝顶兼做公路审批", XK, C_WATER, L_RIVER), OBJECT)

q = cq("建设单位进行环境影响后评价的备案(市级)")
pos(q, cat("建设单位环境影响后评价备案", QT, C_ENV), FILLER, "进行, 的, and a level qualifier")

q = cq("贮存危险废物超过一年的批准(市级)")
pos(q, cat("贮存危险废物超过一年批准", XK, C_ENV, L_HAZWASTE), LEVEL, "的")

q = cq("入河排污口设置审批(市级)")
pos(q, cat("入河排污口设置审批", XK, C_WATER), LEVEL)

q = cq("工程竣工结算备案（县级）")
pos(q, cat("工程竣工结算备案", QT, C_HOUSING), LEVEL)

q = cq("最高投标限价（招标控制价）备案（县级）")
pos(q, cat("最高投标限价备案", QT, C_HOUSING), NOTE_ITEM)

q = cq("水利工程建设项目政府验收（含阶段验收、竣工验收）")
pos(q, cat("水利工程建设项目政府验收", QT, C_WATER), NOTE_INCL)

q = cq("娱乐场所补证审批（含中外合资）")
pos(q, cat("娱乐场所补证审批", XK, C_CULTURE, L_ENT), NOTE_INCL)
neg(q, cat("娱乐场所注销审批", XK, C_CULTURE, L_ENT), LIFE)

q = cq("娱乐场所延续审批（含中外合资）")
pos(q, cat("娛樂場所延續審批", XK, C_CULTURE), TRAD, "traditional, and an inclusive note")
neg(q, cat("娱乐场所变更审批", XK, C_CULTURE, L_ENT), LIFE)

q = cq("居民身份证办理（包括临时）")
pos(q, cat("居民身份证办理", GG, C_POLICE, "《中华人民共和国居民身份证法》"), NOTE_INCL)
neg(q, cat("居民身份证挂失申报、丢失招领", GG, C_POLICE), ACTION)

q = cq("电影放映单位设立审批（内资）")
pos(q, cat("电影放映单位设立审批", XK, C_CULTURE, L_FILM), NOTE_ITEM)

q = cq("生产建设项目水土保持方案审批（新办）（据省政府令第349号,部分省级权限下放成都等８市)")
pos(q, cat("生产建设项目水土保持方案审批", XK, C_WATER), NOTE_ITEM, "two notes, full-width ８")
neg(q, cat("生产建设项目水土保持设施自主验收报备", QT, C_WATER), ACTION)

q = cq("水利工程可行性研究报告审查(据省政府令第349号,部分省级权限下放成都等８市)")
pos(q, cat("水利工程可行性研究报告审查", QT, C_WATER), NOTE_ITEM)

q = cq(
    "乡镇设立广播电视站和机关、部队、团体、企业事业单位设立有线广播电视站审批"
    "（根据省政府349号令，该事项办理已委托成都、德阳、绵阳、乐山、南充、泸州、宜宾、达州8个市实施）"
)
pos(
    q,
    cat(
        "乡镇设立广播电视站和机关、部队、团体、企业事业单位设立有线广播电视站审批",
        XK,
        "广播电视部门",
        L_RADIOTV,
    ),
    NOTE_ITEM,
)

q = cq("客运车辆道路运输证办理（注销）")
pos(q, cat("客运车辆道路运输证办理", XK, C_ROAD, L_ROAD), NOTE_ITEM)
neg(q, cat("道路货物运输车辆道路运输证办理", XK, C_ROAD, L_ROAD), PASS)

q = cq("货物运输车辆道路运输证办理（补办）")
pos(q, cat("道路货物运输车辆道路运输证办理", XK, C_ROAD, L_ROAD), NOTE_ITEM, "and 道路 dropped")
neg(q, cat("客运车辆道路运输证办理", XK, C_ROAD, L_ROAD), PASS)

q = cq("道路货运经营许可（换发）")
pos(q, cat("道路货物运输经营许可", XK, C_ROAD, L_ROAD), NOTE_ITEM, "货运 = 货物运输")
neg(q, cat("道路旅客运输经营许可", XK, C_ROAD, L_ROAD), PASS)

q = cq("巡游出租汽车道路运输证核发（信息变更）")
pos(q, cat("巡游出租汽车道路运输证核发", XK, C_ROAD, L_TAXI), NOTE_ITEM)
neg(q, cat("网络预约出租汽车运输证核发", XK, C_ROAD, L_ONLINE_TAXI), OBJECT)

q = cq("个体工商户变更登记（备案）")
pos(q, cat("个体工商户变更登记", XK, C_MARKET, L_COMPANY), NOTE_ITEM)
neg(q, cat("个体工商户注销登记", XK, C_MARKET, L_COMPANY), LIFE)

q = cq("农民专业合作社（联合社）设立登记")
pos(q, cat("农民专业合作社设立登记", XK, C_MARKET, L_COMPANY), NOTE_ITEM)
neg(q, cat("农民专业合作社注销登记", XK, C_MARKET, L_COMPANY), LIFE)

q = cq("农药经营许可证核发（其他农药）")
pos(q, cat("农药经营许可证核发", XK, C_AGRI, L_PESTICIDE), NOTE_ITEM)
neg(q, cat("农药经营许可证核发（限制使用农药）", XK, C_AGRI, L_PESTICIDE), NOTES)
neg(q, cat("农药生产许可证核发", XK, C_AGRI, L_PESTICIDE), PROD)

q = cq("兽药经营许可证核发（普通兽药）")
pos(q, cat("兽药经营许可证核发", XK, C_AGRI, L_VETDRUG), NOTE_ITEM)
neg(q, cat("兽药生产许可证核发", XK, C_AGRI, L_VETDRUG), PROD)

q = cq("食品(含保健食品)经营许可核发")
pos(q, cat("食品经营许可", XK, C_MARKET, L_FOOD), NOTE_INCL, "and 核发")
neg(q, cat("食品生产许可", XK, C_MARKET, L_FOOD), PROD)

# --- traditional characters in an older catalogue
q = cq("采矿权延续登记")
pos(q, cat("採礦權延續登記", XK, C_NATRES), TRAD)
neg(q, cat("探矿权延续登记", XK, C_NATRES, L_EXPLORE), "采矿/探矿")
neg(q, cat("采矿权注销登记", XK, C_NATRES, L_MINE), LIFE)

q = cq("个体工商户注销登记")
pos(q, cat("個體工商戶註銷登記", XK, C_MARKET), TRAD)
neg(q, cat("个体工商户设立登记", XK, C_MARKET, L_COMPANY), LIFE)

q = cq("动物诊疗许可")
pos(q, cat("動物診療許可證核發", XK, C_AGRI), TRAD, "traditional, and 许可证核发 / 许可")

q = cq("残疾人证注销")
pos(q, cat("殘疾人證註銷", QR, C_DISABLED), TRAD)
neg(q, cat("残疾人证换领", QR, C_DISABLED), LIFE)

q = cq("门诊费用报销")
pos(q, cat("門診費用報銷", GG, C_MEDINS), TRAD)
neg(q, cat("住院费用报销", GG, C_MEDINS), OBJECT)

# --- issuing verbs and national wording
q = cq("残疾人证新办")
pos(q, cat("残疾人证核发", QR, C_DISABLED), VERB)
neg(q, cat("残疾人证注销", QR, C_DISABLED), LIFE)

q = cq("残疾人证挂失补办")
neg(q, cat("残疾人证换领", QR, C_DISABLED), LIFE)
neg(q, cat("残疾人证迁移", QR, C_DISABLED), LIFE)

q = cq("养蜂证申领")
pos(q, cat("养蜂证核发", GG, C_AGRI), VERB)
neg(q, cat("养蜂证换证", GG, C_AGRI), LIFE)

q = cq("居住证办理")
pos(q, cat("居住证核发", GG, C_POLICE, "《居住证暂行条例》"), VERB)
neg(q, cat("居民身份证办理", GG, C_POLICE, "《中华人民共和国居民身份证法》"), OBJECT)

q = cq("无犯罪记录证明")
pos(q, cat("无犯罪记录证明开具", GG, C_POLICE), VERB)
easy(q, cat("非正常死亡证明", GG, C_POLICE))

q = cq("亲属关系证明")
pos(q, cat("亲属关系证明出具", GG, C_POLICE), VERB)

q = cq("建设项目用地预审与选址意见书")
pos(q, cat("建设项目用地预审与选址意见书核发", XK, C_NATRES, L_PLAN), VERB)

q = cq("城镇污水排入排水管网许可")
pos(q, cat("城镇污水排入排水管网许可证核发", XK, C_HOUSING, L_SEWAGE), VERB)

q = cq("蚕种生产许可")
pos(q, cat("蚕种生产许可证核发", XK, C_AGRI, L_SILK), VERB)
neg(q, cat("蚕种经营许可证核发", XK, C_AGRI, L_SILK), PROD)

q = cq("设置非公路标志审批")
pos(q, cat("设置非公路标志许可", XK, C_ROAD, L_HIGHWAY), WORDING, "审批 / 许可")

q = cq("通航水域岸线安全适用许可")
pos(q, cat("通航水域岸线安全使用许可", XK, C_ROAD), WORDING, "a typo in the list: 适用 for 使用")

q = cq("乡村医生执业证遗失补办")
pos(q, cat("乡村医生执业证书遗失补办", XK, C_HEALTH, L_VILLDOC), WORDING, "证 / 证书")

q = cq("生育医疗费支付")
pos(q, cat("生育医疗费用支付", GG, C_MEDINS, L_SOCINS), WORDING, "医疗费 / 医疗费用")
neg(q, cat("计划生育医疗费支付", GG, C_MEDINS), PREFIX)

q = cq("计划生育医疗费支付")
neg(q, cat("生育医疗费支付", GG, C_MEDINS, L_SOCINS), PREFIX)

q = cq("生育津贴支付")
same(q, cat("生育津贴支付", GG, C_MEDINS, L_SOCINS))
neg(q, cat("生育医疗费支付", GG, C_MEDINS, L_SOCINS), OBJECT)

q = cq("土地权属争议裁决")
pos(q, cat("土地权属争议行政裁决", CJ, C_NATRES, L_LAND), WORDING, "行政裁决 / 裁决")
easy(q, cat("企业名称争议裁决", CJ, C_MARKET))

q = cq("城乡居民参保登记")
pos(q, cat("城乡居民基本医疗保险参保登记", GG, C_MEDINS, L_SOCINS), WORDING)
neg(q, cat("职工参保登记", GG, C_MEDINS, L_SOCINS), PERSON)

q = cq("设立宗教活动临时地点审批")
pos(q, cat("宗教活动临时地点设立审批", XK, C_RELIGION, L_RELIG), ORDER)

q = cq("护士延续执业注册")
pos(q, cat("护士执业延续注册", XK, C_HEALTH, L_NURSE), ORDER)
neg(q, cat("护士变更执业注册", XK, C_HEALTH, L_NURSE), LIFE)

q = cq("企业注销社会保险登记")
pos(q, cat("企业社会保险注销登记", GG, C_HR, L_SOCINS), ORDER)
neg(q, cat("企业社会保险登记", GG, C_HR, L_SOCINS), LIFE1)

q = cq("网约车车辆信息备案")
pos(
    q, cat("网络预约出租汽车车辆信息备案", QT, C_ROAD, L_ONLINE_TAXI), WORDING, "网约车 abbreviates"
)

q = cq("医师新办执业注册")
pos(q, cat("医师执业注册", XK, C_HEALTH, L_DOCTOR), WORDING, "新办 is the first registration")
neg(q, cat("医师执业注销注册", XK, C_HEALTH, L_DOCTOR), LIFE1)

q = cq("个体工商户设立登记")
pos(q, cat("个体工商户注册登记", XK, C_MARKET), WORDING, "注册 / 设立")
neg(q, cat("个体工商户注销登记", XK, C_MARKET, L_COMPANY), LIFE)

q = cq("县级文物保护单位原址保护措施审批")
pos(q, cat("文物保护单位原址保护措施审批", XK, C_CULTURE, L_RELICS), LEVEL, "县级 in front")

q = cq("县级文物保护单位修缮许可")
pos(q, cat("文物保护单位修缮审批", XK, C_CULTURE, L_RELICS), LEVEL, "县级 in front, 许可 / 审批")
neg(q, cat("对未核定为文物保护单位的不可移动文物修缮许可", XK, C_CULTURE, L_RELICS), OBJECT)

q = cq("普通公路建设项目施工许可")
pos(
    q,
    cat("公路建设项目施工许可", XK, C_ROAD, L_HIGHWAY),
    WORDING,
    "普通公路 is the province's term",
)
neg(q, cat("公路建设项目竣工验收", XK, C_ROAD, L_HIGHWAY), ACTION)

q = cq("突发环境事件应急预案备案")
pos(q, cat("企业事业单位突发环境事件应急预案备案", QT, C_ENV), WORDING)
neg(q, cat("生产经营单位生产安全事故应急预案备案", QT, C_EMERG), OBJECT)

q = cq("一般建设项目环境影响报告表审批（市级）")
pos(
    q, cat("建设项目环境影响报告表审批", XK, C_ENV), WORDING, "一般 in front, and a level qualifier"
)
neg(q, cat("建设项目环境影响报告书审批", XK, C_ENV), OBJECT, "报告表 / 报告书")

q = cq("危险化学品重大危险源备案、核销")
pos(q, cat("危险化学品重大危险源备案", QT, C_EMERG, L_HAZCHEM), WORDING, "and 核销")

q = cq("三类非药品类易制毒化学品经营备案")
pos(
    q, cat("第三类非药品类易制毒化学品经营备案", QT, C_EMERG, L_PRECURSOR), WORDING, "三类 / 第三类"
)
neg(q, cat("第二类非药品类易制毒化学品经营备案", QT, C_EMERG, L_PRECURSOR), CLASS)
neg(q, cat("第三类非药品类易制毒化学品生产备案", QT, C_EMERG, L_PRECURSOR), PROD)

q = item("对食品小作坊、小经营店进行备案", QT, "区市监局")  # the list's 主项 name
pos(q, cat("食品小作坊、小经营店备案", QT, C_MARKET), FILLER, "对…进行")

q = cq("对食品生产经营者自建网站交易进行备案")
pos(q, cat("食品生产经营者自建网站交易备案", QT, C_MARKET, L_FOOD), FILLER, "对…进行")

q = cq("对重大活动档案延期移交的审查")
pos(q, cat("重大活动档案延期移交审查", QT, C_ARCHIVE), FILLER)

# --- hard negatives: registration lifecycles, persons and units, objects
q = cq("单位国际联网备案")
same(q, cat("单位国际联网备案", QR, C_POLICE))
neg(q, cat("个人国际联网备案", QR, C_POLICE), PERSON)

q = cq("个人参保证明查询打印")
same(q, cat("个人参保证明查询打印", GG, C_HR))
neg(q, cat("单位参保证明查询打印", GG, C_HR), PERSON)

q = cq("单位参保登记")
same(q, cat("单位参保登记", GG, C_MEDINS, L_SOCINS))
neg(q, cat("职工参保登记", GG, C_MEDINS, L_SOCINS), PERSON)

q = cq("企业社会保险登记")
neg(q, cat("机关事业单位社会保险登记", GG, C_HR, L_SOCINS), PERSON)
neg(q, cat("企业社会保险注销登记", GG, C_HR, L_SOCINS), LIFE1)

q = cq("机关事业单位社会保险登记")
neg(q, cat("机关事业单位社会保险注销登记", GG, C_HR, L_SOCINS), LIFE1)

q = cq("企业职工参保登记")
neg(q, cat("机关事业单位职工参保登记", GG, C_HR, L_SOCINS), PERSON)

q = cq("企业职工基本养老保险关系转移接续申请")
neg(q, cat("城乡居民基本养老保险关系转移接续申请", GG, C_HR, L_SOCINS), PERSON)
neg(q, cat("机关事业单位基本养老保险关系转移接续申请", GG, C_HR, L_SOCINS), PERSON)

q = cq("企业职工基本养老保险正常退休申请")
neg(q, cat("企业职工基本养老保险提前退休申请", GG, C_HR, L_SOCINS), OBJECT)

q = cq("领取失业保险金期间职业培训补贴申领")
neg(q, cat("领取失业保险金期间职业介绍补贴申领", GG, C_HR, L_SOCINS), OBJECT)

q = cq("社会保障卡密码修改")
neg(q, cat("社会保障卡密码重置", GG, C_HR), ACTION)

q = cq("社会保障卡挂失")
neg(q, cat("社会保障卡解挂", GG, C_HR), ACTION)

q = cq("暂停养老保险待遇申请")
neg(q, cat("恢复养老保险待遇申请", GG, C_HR, L_SOCINS), LIFE)

q = cq("工伤保险定期待遇领取资格认证")
neg(q, cat("养老保险定期待遇领取资格认证", GG, C_HR, L_SOCINS), OBJECT)

q = cq("基本医疗保险定点零售药店费用结算")
neg(q, cat("基本医疗保险定点医疗机构费用结算", GG, C_MEDINS), OBJECT)

q = cq("单位参保信息变更登记")
neg(q, cat("职工参保信息变更登记", GG, C_MEDINS), PERSON)

q = cq("常驻异地工作人员备案")
neg(q, cat("异地安置退休人员备案", GG, C_MEDINS), OBJECT)

q = cq("社会团体注销登记")
neg(q, cat("社会团体成立登记", XK, C_CIVIL, L_SOCORG), LIFE)

q = cq("社会团体变更登记")
neg(q, cat("社会团体注销登记", XK, C_CIVIL, L_SOCORG), LIFE)

q = cq("社会团体修改章程核准")
neg(q, cat("民办非企业单位修改章程核准", XK, C_CIVIL, L_NONPROFIT), OBJECT)

q = cq("民办非企业单位成立登记")
same(q, cat("民办非企业单位成立登记", XK, C_CIVIL, L_NONPROFIT))
neg(q, cat("民办非企业单位注销登记", XK, C_CIVIL, L_NONPROFIT), LIFE)
neg(q, cat("社会团体成立登记", XK, C_CIVIL, L_SOCORG), OBJECT)

q = cq("文旅类社会团体成立登记前审查")
neg(q, cat("文旅类社会团体注销登记前审查", XK, C_CULTURE), LIFE)

q = cq("公司设立登记")
same(q, cat("公司设立登记", XK, C_MARKET, L_COMPANY))
neg(q, cat("分公司设立登记", XK, C_MARKET, L_COMPANY), PREFIX)

q = cq("分公司注销登记")
same(q, cat("分公司注销登记", XK, C_MARKET, L_COMPANY))
neg(q, cat("公司注销登记", XK, C_MARKET, L_COMPANY), PREFIX)

q = cq("合伙企业分支机构注销登记")
same(q, cat("合伙企业分支机构注销登记", XK, C_MARKET, L_COMPANY))
neg(q, cat("合伙企业注销登记", XK, C_MARKET, L_COMPANY), OBJECT)
neg(q, cat("合伙企业分支机构设立登记", XK, C_MARKET, L_COMPANY), LIFE)

q = cq("个人独资企业分支机构设立登记")
neg(q, cat("非公司企业法人分支机构设立登记", XK, C_MARKET, L_COMPANY), OBJECT)
neg(q, cat("个人独资企业设立登记", XK, C_MARKET, L_COMPANY), OBJECT)

q = cq("非公司企业法人变更登记")
same(q, cat("非公司企业法人变更登记", XK, C_MARKET, L_COMPANY))
neg(q, cat("非公司企业法人分支机构变更登记", XK, C_MARKET, L_COMPANY), OBJECT)

q = cq("非公司企业法人注销登记")
neg(q, cat("非公司企业法人分支机构注销登记", XK, C_MARKET, L_COMPANY), OBJECT)

q = cq("股权出质设立登记")
same(q, cat("股权出质设立登记", QR, C_MARKET))
neg(q, cat("股权出质注销登记", QR, C_MARKET), LIFE)

q = cq("宗教活动场所注销登记审批")
neg(q, cat("宗教活动场所变更登记审批", XK, C_RELIGION, L_RELIG), LIFE)
neg(q, cat("宗教活动场所登记审批", XK, C_RELIGION, L_RELIG), LIFE1)

q = cq("宗教活动场所扩建审批")
neg(q, cat("宗教活动场所异地重建审批", XK, C_RELIGION, L_RELIG), ACTION)
neg(q, cat("在宗教活动场所内改建或者新建建筑物审批", XK, C_RELIGION, L_RELIG), OBJECT)

q = cq("互联网上网服务营业场所经营单位补证审批")
neg(q, cat("互联网上网服务营业场所经营单位注销审批", XK, C_CULTURE, L_NETBAR), LIFE)
neg(q, cat("互联网上网服务营业场所经营单位变更审批", XK, C_CULTURE, L_NETBAR), LIFE)

q = cq("内资设立互联网上网服务营业场所筹建审批")
neg(
    q,
    cat("内资设立互联网上网服务营业场所经营活动终审审批", XK, C_CULTURE, L_NETBAR),
    ACTION,
    "筹建 / 终审: two stages",
)

q = cq("护士执业证书遗失补办")
neg(q, cat("医师执业证书遗失补办", XK, C_HEALTH, L_DOCTOR), OBJECT)

q = cq("食品小作坊备案注销")
neg(q, cat("食品小经营店备案注销", QT, C_MARKET), OBJECT)
neg(q, cat("食品小作坊备案变更", QT, C_MARKET), LIFE)

q = cq("食品小经营店备案变更")
neg(q, cat("食品小经营店备案续期", QT, C_MARKET), LIFE)

q = cq("蚕种经营许可")
neg(q, cat("蚕种生产许可证核发", XK, C_AGRI, L_SILK), PROD)

q = cq("主要农作物常规种子或非主要农作物种子生产经营许可")
neg(q, cat("主要农作物杂交种子及其亲本种子生产经营许可", XK, C_AGRI, L_SEED), OBJECT)

q = cq("家禽孵化场生产经营许可")
neg(q, cat("家畜人工授精站生产经营许可", XK, C_AGRI, L_ANIMAL), OBJECT)

q = cq("二级扩繁场种畜禽生产经营许可")
neg(q, cat("一级扩繁场种畜禽生产经营许可", XK, C_AGRI, L_ANIMAL), CLASS)

q = cq("文物保护工程施工二级资质认定或增加二级资质业务范围的审批")
pos(q, cat("文物保护工程施工二级资质认定或增加二级资质业务范围审批", XK, C_CULTURE), FILLER)
neg(q, cat("文物保护工程施工一级资质认定或增加一级资质业务范围的审批", XK, C_CULTURE), CLASS)

q = cq("文物保护工程监理乙级资质认定或增加乙级资质业务范围审批")
neg(q, cat("文物保护工程勘察设计乙级资质认定或增加乙级资质业务范围的审批", XK, C_CULTURE), OBJECT)
neg(q, cat("文物保护工程监理丙级资质认定或增加丙级资质业务范围审批", XK, C_CULTURE), CLASS)

q = cq("内资医疗机构设置审批（县级）")
neg(q, cat("中外合资、合作医疗机构设置审批", XK, C_HEALTH, L_MEDINST), OBJECT)

q = cq("一次性内部资料性出版物准印证核发（县级）")
neg(q, cat("连续性内部资料性出版物准印证核发", XK, "新闻出版部门"), OBJECT)

q = cq("省际间调运林草植物检疫证书新办核发")
neg(q, cat("省内调运林草植物检疫证书新办核发", XK, C_FOREST, L_PLANTQ), OBJECT, "省内 / 省际间")

q = cq("居民身份证跨省异地办理")
neg(q, cat("居民身份证省内异地办理", GG, C_POLICE), OBJECT)

q = cq("户口登记")
neg(q, cat("户口注销", QR, C_POLICE), LIFE)

q = cq("注销户口证明")
neg(q, cat("户口注销", QR, C_POLICE), ACTION, "a certificate, not the deregistration")

q = cq("农村公路建设项目初步设计审批（县级）")
pos(q, cat("农村公路建设项目初步设计审批", XK, C_ROAD, L_HIGHWAY), LEVEL)
neg(q, cat("农村公路建设项目施工图设计审批", XK, C_ROAD, L_HIGHWAY), OBJECT)

q = cq("农村公路建设项目竣工验收审批")
neg(q, cat("农村公路建设项目设计变更审批", XK, C_ROAD, L_HIGHWAY), ACTION)

q = cq("建设工程竣工验收备案")
neg(q, cat("建设工程竣工验收消防备案", QT, C_HOUSING, L_FIRE), OBJECT, "the fire-safety filing")

q = cq("房地产经纪机构备案")
neg(q, cat("房地产估价机构备案", QT, C_HOUSING, L_REALESTATE), OBJECT)

q = cq("物业管理中标结果备案")
neg(q, cat("前期物业管理招标备案", QT, C_HOUSING), ACTION)

q = cq("住宅专项维修资金使用备案")
neg(q, cat("住宅专项维修资金交存", GG, C_HOUSING), ACTION)

q = cq("水利工程管理范围内建设项目审批")
neg(q, cat("河道管理范围内建设项目审批", XK, C_WATER, L_RIVER), OBJECT)

q = cq("河道管理范围内有关活动（不含河道采砂）审批")
neg(q, cat("河道采砂许可", XK, C_WATER, L_RIVER), NOTES, "the note excludes it")

q = cq("金属冶炼建设项目安全设施设计审查")
neg(q, cat("非煤矿矿山建设项目安全设施设计审查", XK, C_EMERG), OBJECT)
neg(q, cat("危险化学品生产建设项目安全设施设计审查", XK, C_EMERG, L_HAZCHEM), OBJECT)

q = cq("医疗用毒性药品购用审批")
neg(q, cat("科研和教学所需毒性药品购用审批", XK, C_MARKET, L_TOXIC), OBJECT)

q = cq("企事业单位计量器具检定授权")
neg(q, cat("承担国家法定计量检定机构任务授权", XK, C_MARKET, L_METRO), OBJECT)

q = cq("临时用地审批")
same(q, cat("临时用地审批", XK, C_NATRES, L_LAND))
neg(q, cat("临时占用林地审批", XK, C_FOREST, L_FOREST), OBJECT)

q = cq("企业名称争议裁决")
same(q, cat("企业名称争议裁决", CJ, C_MARKET))
easy(q, cat("土地权属争议裁决", CJ, C_NATRES, L_LAND))

q = cq("建筑起重机械使用登记")
same(q, cat("建筑起重机械使用登记", QT, C_HOUSING, L_SPECIAL))
easy(q, cat("建筑起重机械安装、拆卸告知", QT, C_HOUSING))

q = cq("公路超限运输许可")
same(q, cat("公路超限运输许可", XK, C_ROAD, L_HIGHWAY))
easy(q, cat("城市公共汽电车线路运营权特许经营", QT, C_ROAD))

q = cq("大型设施、移动式平台、超限物体水上拖带审批")
same(q, cat("大型设施、移动式平台、超限物体水上拖带审批", XK, C_ROAD))

q = cq("城市公共汽电车线路运营权特许经营")
same(q, cat("城市公共汽电车线路运营权特许经营", QT, C_ROAD))

q = cq("生产经营单位生产安全事故应急预案备案")
same(q, cat("生产经营单位生产安全事故应急预案备案", QT, C_EMERG))
neg(q, cat("突发环境事件应急预案备案", QT, C_ENV), OBJECT)

q = cq("残疾人证迁移")
same(q, cat("残疾人证迁移", QR, C_DISABLED))

# --- brackets, slashes, quotes and punctuation as lists write them
q = cq("拖拉机联合收割机驾驶证补换证")
pos(q, cat("拖拉机/联合收割机驾驶证补换证", XK, C_AGRI), PUNCT)

q = cq("拖拉机\\联合收割机检验合格标志核发")
pos(q, cat("拖拉机/联合收割机检验合格标志核发", GG, C_AGRI), PUNCT, "a backslash for the slash")

q = cq("拖拉机联合收割机临时号牌核发")
pos(q, cat("拖拉机／联合收割机临时号牌核发", XK, C_AGRI), PUNCT, "a full-width slash")

q = cq("食品(含保健食品)经营许可延续")
pos(q, cat("食品（含保健食品）经营许可延续", XK, C_MARKET, L_FOOD), PUNCT)

q = cq("医疗机构执业审批（新办）（县级）")
pos(q, cat("医疗机构执业审批(新办)", XK, C_HEALTH, L_MEDINST), PUNCT, "and a level qualifier")

q = cq("伤残证件换发、补发")
pos(q, cat("伤残证件换发，补发", GG, "退役军人事务部门"), PUNCT)

q = cq("临时占用公共体育场（馆）设施审批（县级）")
pos(q, cat("临时占用公共体育场〔馆〕设施审批", XK, C_SPORT, L_SPORT), PUNCT)

q = cq("建筑工程竣工规划土地核实“多验合一”")
pos(q, cat('建筑工程竣工规划土地核实"多验合一"', QT, C_NATRES, L_PLAN), PUNCT)

q = dec(
    "互联网上网服务营业场所经营单位变更营业场所地址、改建、扩建，变更计算机数量或其他重要事项",
    D_POLICE,
    L_NETBAR,
)
pos(
    q,
    county(
        "互联网上网服务营业场所经营单位变更营业场所地址，改建、扩建，变更计算机数量或其他重要事项"
    ),
    PUNCT,
)

q = dec("文艺表演团体“营业性演出许可证”注销审批", D_CULTURE, L_PERFORM)
pos(q, county("文艺表演团体《营业性演出许可证》注销审批"), PUNCT)
neg(q, county("文艺表演团体《营业性演出许可证》补证审批"), LIFE)

q = dec("慈善组织公开募捐资格证书补发、换发", D_CIVIL)
pos(q, county("《慈善组织公开募捐资格证书》补发、换发"), PUNCT)

q = dec("拖拉机 / 联合收割机登记", "县级农业机械化主管部门")
pos(q, county("拖拉机/联合收割机注销登记"), PUNCT, "spaces and a slash; a 子项")
neg(q, county("拖拉机/联合收割机驾驶证转入"), OBJECT, "the driving licence, another 主项")


# --- easy negatives: other matters of the same office
q = cq("临时救助")
easy(q, cat("临时用地审批", XK, C_NATRES, L_LAND))
easy(q, cat("特困人员救助供养", GG, C_CIVIL))

q = cq("最低生活保障")
easy(q, cat("家庭经济困难儿童提供最低生活保障", GG, C_CIVIL))

q = cq("结婚登记预约")
easy(q, cat("离婚登记预约", GG, C_CIVIL))
easy(q, cat("中国公民收养子女登记", QR, C_CIVIL))

q = cq("供水报装")
easy(q, cat("供气报装", GG, C_HOUSING))
easy(q, cat("供电报装", GG, C_DEV))

q = cq("失业登记")
easy(q, cat("就业登记", GG, C_HR))

q = cq("创业担保贷款申请")
easy(q, cat("创业补贴申请", GG, C_HR))
easy(q, cat("在校大学生创业担保贷款贴息申请", GG, C_HR))

q = cq("档案接收")
easy(q, cat("档案转出", GG, C_HR))

q = cq("教师资格认定")
easy(q, cat("教师资格证书补发、换发", GG, C_EDU))
easy(q, cat("三级社会体育指导员技术等级称号认定", QR, C_SPORT))

q = cq("慈善组织认定")
easy(q, cat("慈善组织公开募捐资格审批", XK, C_CIVIL))

q = cq("文物认定")
easy(q, cat("文物定级", QR, C_CULTURE))

q = cq("医院评审")
easy(q, cat("义诊活动备案", GG, C_HEALTH))

q = cq("无公害农产品认定")
easy(q, cat("农业机械事故认定", QR, C_AGRI))

q = cq("雷电灾害鉴定")
easy(q, cat("雷电防护装置设计审核", XK, C_WEATHER))

q = cq("古树名木认定")
easy(q, cat("古树名木移植审批", XK, C_HOUSING, L_GREEN))

q = cq("中国内地公民婚姻登记")
easy(q, cat("中国公民收养子女登记", QR, C_CIVIL))

q = cq("就业困难人员认定")
easy(q, cat("零就业家庭认定申请", GG, C_HR))

q = cq("统计严重失信企业名单信用修复")
easy(q, cat("社会组织活动异常名录信用修复", GG, C_CIVIL))

q = cq("企业经营异常名录信息核查")
easy(q, cat("企业严重违法失信名单信息核查", GG, C_MARKET))

q = cq("开锁业备案")
easy(q, cat("旧货业备案", GG, C_POLICE))

q = cq("旧手机交易业备案")
easy(q, cat("生产性废旧金属收购业备案", QT, C_POLICE))

q = cq("供养亲属抚恤金申领")
easy(q, cat("遗属待遇申领", GG, C_HR, L_SOCINS))

q = cq("职业指导")
easy(q, cat("职业介绍", GG, C_HR))

q = cq("住房保障家庭租赁补贴发放")
easy(q, cat("公租房租金缴纳", GG, C_HOUSING))


# === write ====================================================================================


def split_of(query_name: str) -> str:
    h = int(hashlib.sha256(query_name.encode("utf-8")).hexdigest(), 16)
    return "opened" if h % 100 < 30 else "dev"


def main(out: Path = OUT) -> None:
    seen: set[tuple[str, str, str, str]] = set()
    rows = []
    for i, (q, c, label, kind, category, note) in enumerate(PAIRS, start=1):
        key = (q.role, q.name, c.role, c.name)
        if key in seen:
            sys.exit(f"duplicate pair: {q.name} / {c.name}")
        seen.add(key)
        real = q.name in REAL_NAMES and c.name in REAL_NAMES
        rows.append(
            {
                "pair_id": f"P{i:04d}",
                "split": split_of(q.name),
                "query_role": q.role,
                "query_name": q.name,
                "query_type": q.type,
                "query_department": q.department,
                "query_basis": q.basis,
                "candidate_kind": c.role,
                "candidate_name": c.name,
                "candidate_type": c.type,
                "candidate_department": c.department,
                "candidate_basis": c.basis,
                "candidate_main_item": c.main,
                "label": label,
                "kind": kind,
                "category": category,
                "source": "real" if real else "reworded",
                "note": note,
            }
        )
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
    print(f"{len(rows)} pairs written to {out}: {by_kind}")


if __name__ == "__main__":
    main()
