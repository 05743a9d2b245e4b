#!/usr/bin/python3
"""The python-docx baseline of `make bench`: the edit docattr makes, done the
usual way with python-docx (Debian's python3-docx).

usage: bench_pydocx.py INPUT OUTPUT

Opens INPUT, inserts a 秘密★1年 line as the first paragraph and the note
（此件公开发布） after the 成文日期 paragraph (the last paragraph that is a
date, else after the last paragraph), sets a custom document property and
saves to OUTPUT.
"""

import re
import sys
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

SECRECY = "秘密★1年"
NOTE = "（此件公开发布）"
PROP_NAME, PROP_VALUE = "docattr.attribute", "public"
DATE = re.compile(r"^(\d{4}|[〇零○一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def style_run(run, font):
    run.font.size = Pt(16)
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def compact(text):
    return re.sub(r"[\s\u3000]", "", text)


def set_custom_property(document, name, value):
    pkg = document.part.package
    prop = ('<property fmtid="%s" pid="%%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>'
            % (FMTID, escape(name), escape(value)))
    for rel in pkg.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            part = rel.target_part
            xml = part.blob.decode("utf-8")
            pid = max([int(p) for p in re.findall(r'pid="(\d+)"', xml)] + [1]) + 1
            end = xml.rindex("</")
            part._blob = (xml[:end] + prop % pid + xml[end:]).encode("utf-8")
            return
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="%s" xmlns:vt="%s">%s</Properties>' % (NS_CUSTOM, NS_VT, prop % 2))
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml.encode("utf-8"), pkg)
    pkg.relate_to(part, RT.CUSTOM_PROPERTIES)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    document = docx.Document(argv[1])
    paragraphs = document.paragraphs
    after = None
    for p in reversed(paragraphs):
        if DATE.match(compact(p.text)):
            after = p
            break
    if after is None:
        after = paragraphs[-1]
    new = OxmlElement("w:p")
    after._p.addnext(new)
    style_run(Paragraph(new, after._parent).add_run(NOTE), "仿宋_GB2312")
    style_run(paragraphs[0].insert_paragraph_before().add_run(SECRECY), "黑体")
    set_custom_property(document, PROP_NAME, PROP_VALUE)
    document.save(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
