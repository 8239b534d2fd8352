"""Decision documents built for the tests: a DOCX (python-docx), an XLSX (openpyxl), a GBK page.

Content: real rows from shared/data/guofa-*.csv; rows marked 测试用虚构行 or 重构行 are invented or
reconstructed for the tests (see tests/documents/README.md).
"""

from __future__ import annotations

from pathlib import Path

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def gbk_page(meta: bool = True) -> bytes:
    """The 2019-6 gov.cn page encoded as GBK, declaring gb2312 in a <meta> tag (or not at all)."""
    text = (DOCUMENTS / "guofa-2019-6.html").read_text(encoding="utf-8")
    declared = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' if meta else ""
    )
    text = text.replace('<meta charset="utf-8">', declared)
    return text.encode("gbk")


def docx_2019_6(path: Path) -> Path:
    """国发〔2019〕6号 as a Word file: 附件1 with a merged title row, 附件2 with a two-row header
    whose 审批部门 cell is merged over 下放前 / 下放后."""
    import docx

    d = docx.Document()
    d.core_properties.title = "国务院关于取消和下放一批行政许可事项的决定"
    d.add_paragraph("国务院关于取消和下放一批行政许可事项的决定")
    d.add_paragraph("国发〔2019〕6号")
    d.add_paragraph("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    d.add_paragraph("经研究论证，国务院决定取消25项行政许可事项，下放6项行政许可事项的管理层级。")
    d.add_paragraph("国务院")
    d.add_paragraph("2019年2月27日")
    d.add_paragraph("附件1")
    t = d.add_table(rows=3, cols=5)
    title = t.cell(0, 0).merge(t.cell(0, 4))
    title.text = "国务院决定取消的行政许可事项目录（共25项）"
    for i, h in enumerate(["序号", "事项名称", "审批部门", "设定依据", "加强事中事后监管措施"]):
        t.cell(1, i).text = h
    row = [
        "1",
        "石油天然气（含煤层气）对外合作项目总体开发方案审批",
        "国家发展改革委",
        "《中华人民共和国对外合作开采陆上石油资源条例》\n《中华人民共和国对外合作开采海洋石油资源条例》",
        "取消审批后，改为备案管理。",
    ]
    for i, v in enumerate(row):
        t.cell(2, i).text = v
    d.add_paragraph("附件2")
    d.add_paragraph("国务院决定下放管理层级的行政许可事项目录")
    d.add_paragraph("（共6项）")
    t2 = d.add_table(rows=3, cols=6)
    for col, h in ((0, "序号"), (1, "事项名称"), (4, "设定依据"), (5, "加强事中事后监管措施")):
        t2.cell(0, col).merge(t2.cell(1, col)).text = h
    t2.cell(0, 2).merge(t2.cell(0, 3)).text = "审批部门"
    t2.cell(1, 2).text = "下放前"
    t2.cell(1, 3).text = "下放后"
    row = [
        "1",
        "安全评价机构资质认可",
        "应急管理部",
        "省级人民政府应急管理部门、煤矿安全监管部门",
        "重构行，非附件原文：《中华人民共和国安全生产法》",
        "重构行，非附件原文：加强指导和监督。",
    ]
    for i, v in enumerate(row):
        t2.cell(2, i).text = v
    d.save(str(path))
    return path


def xlsx_2016_9(path: Path) -> Path:
    """国发〔2016〕9号's annex as an office keeps it: merged title rows, then the table (no 措施
    column in this annex), no date anywhere."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件"
    ws.append(["国务院关于第二批取消152项中央指定地方实施的行政审批事项的决定（国发〔2016〕9号）"])
    ws.merge_cells("A1:D1")
    ws.append(["附件"])
    ws.append(["国务院决定第二批取消中央指定地方实施的行政审批事项目录（共计152项）"])
    ws.merge_cells("A3:D3")
    ws.append(["序号", "项目名称", "审批部门", "设定依据"])
    ws.append(
        [
            58,
            "安全技术防范产品生产登记批准书核发",
            "省级公安机关",
            "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）\n"
            "《国务院关于第六批取消和调整行政审批项目的决定》（国发〔2012〕52号）",
        ]
    )
    wb.save(str(path))
    return path


def csv_2013_19(path: Path) -> Path:
    """国发〔2013〕19号 附件1 as a GBK CSV: one table mixing 取消 and 下放 in a 处理决定 column."""
    rows = [
        ["附件1", "", "", "", ""],
        ["取消和下放管理层级的行政审批项目目录（共计91项，其中取消71项、下放20项）"],
        ["序号", "项目名称", "审批部门", "设定依据", "处理决定"],
        ["1", "企业投资扩建民用机场项目核准", "", "测试用虚构行：原文处理决定未收录", "下放"],
        [
            "2",
            "企业投资城市轨道交通车辆、信号系统和牵引传动控制系统制造项目核准",
            "",
            "《国务院关于投资体制改革的决定》（国发〔2004〕20号）",
            "取消",
        ],
    ]  # fmt: skip
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\r\n"
    path.write_bytes(text.encode("gbk"))
    return path
