#!/usr/bin/env python3
"""Writes the .eml fixtures with genuine encodings (run once; the files are committed).
Each mail imitates a real client: Outlook (GB2312, encoded-word names), Foxmail (GBK,
RFC 2231 names, inline photos), an HTML-only webmail, a Gmail-style inline forward,
a bounce (multipart/report), an auto-reply, a mail from an unknown sender and one
delivered twice."""
import base64, io, quopri, struct, zipfile, zlib

def b64(data, width=76):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i+width] for i in range(0, len(s), width))

def ew(text, charset):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode())

def rfc2231(text, charset):
    return charset + "''" + "".join(c if c.isalnum() and ord(c) < 128 or c in "._-" else "".join("%%%02X" % b for b in c.encode(charset)) for c in text)

def docx(paragraphs):
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % p for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
    return buf.getvalue()

def png(w=8, h=8):
    raw = b"".join(b"\x00" + bytes([200, 40, 40]) * w for _ in range(h))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

# A tiny baseline JPEG (SOI, JFIF APP0, … EOI): enough for the signature check.
JPEG = bytes.fromhex("FFD8FFE000104A46494600010100000100010000FFDB004300") + bytes(range(1, 65)) + bytes.fromhex("FFC0000B080001000101011100FFC4001F0000010501010101010100000000000000000102030405060708090A0BFFDA0008010100003F00D2CF20FFD9")

def write(name, text):
    with open(name, "wb") as f:
        f.write(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii"))

# 1. Outlook, GB2312, the report only as a .docx with a Chinese encoded-word name.
report_paras = ["埇桥区人大常委会推进代表联络站建设的做法", "今年以来，区人大常委会把代表联络站建设作为联系群众的重要平台，建成标准化联络站二十个。", "一是完善制度。二是丰富活动。三是强化保障，全年接待群众一千二百余人次。"]
name = "代表联络站建设经验.docx"
OUTLOOK_NOTE = b64("研究室：\r\n    稿件见附件，请审阅。\r\n杨帆\r\n".encode("gb2312"))
write("outlook-gb2312-docx.eml", f"""Received: from mail.example.org (mail.example.org [203.0.113.5]) by mx.inbound.example.org
From: {ew("杨帆", "gb2312")} <yang.fan@example.org>
To: "xinxi" <xinxi@inbound.example.org>
Subject: {ew("【典型经验】区人大代表联络站建设经验", "gb2312")}
Date: Mon, 9 Mar 2026 09:12:31 +0800
Message-ID: <000001dab1c2$7f1e2a40$7d5a7ec0$@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed;
\tboundary="----=_NextPart_000_0001_01DAB1C2.7F1E2A40"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: AdqxwnvqJ3mFqgW3Qk2XKs1n0Jd5Ng==
Content-Language: zh-cn

This is a multi-part message in MIME format.

------=_NextPart_000_0001_01DAB1C2.7F1E2A40
Content-Type: text/plain;
\tcharset="gb2312"
Content-Transfer-Encoding: base64

{OUTLOOK_NOTE}

------=_NextPart_000_0001_01DAB1C2.7F1E2A40
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
\tname="{ew(name, "gb2312")}"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename="{ew(name, "gb2312")}"

{b64(docx(report_paras))}

------=_NextPart_000_0001_01DAB1C2.7F1E2A40--
""")

# 2. Foxmail, GBK (砀 is GBK but not GB2312), text+html, two photos with RFC 2231 names.
body = "砀山县人大常委会组织部分代表对全县梨园产业发展情况开展专题调研。\r\n调研组实地察看了三个乡镇的梨园和加工企业，召开座谈会听取意见。\r\n"
html = "<html><body><p>砀山县人大常委会组织部分代表对全县梨园产业发展情况开展专题调研。</p><p>调研组实地察看了三个乡镇的梨园和加工企业，召开座谈会听取意见。</p><img src=\"cid:photo1@foxmail\"></body></html>"
write("foxmail-gbk-photos.eml", f"""Received: from qq.example.net by mx.inbound.example.org
Date: Tue, 10 Mar 2026 16:45:02 +0800
From: "{ew("秦浩宇", "GBK")}" <qin.haoyu@example.org>
To: "xinxi" <xinxi@inbound.example.org>
Subject: {ew("【日常动态】砀山县人大开展梨园产业调研", "GBK")}
X-Priority: 3
X-GUID: 5C1B2A6E-8B0C-4E71-9D3C-0A7F66E0B9A1
X-Has-Attach: yes
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Message-ID: <202603101645017465523@example.org>
Content-Type: multipart/mixed;
\tboundary="----=_001_NextPart843521776412_=----"

This is a multi-part message in MIME format.

------=_001_NextPart843521776412_=----
Content-Type: multipart/related;
\tboundary="----=_002_NextPart517345627120_=----"

------=_002_NextPart517345627120_=----
Content-Type: multipart/alternative;
\tboundary="----=_003_NextPart106285413537_=----"

------=_003_NextPart106285413537_=----
Content-Type: text/plain;
\tcharset="GBK"
Content-Transfer-Encoding: base64

{b64(body.encode("gbk"))}

------=_003_NextPart106285413537_=----
Content-Type: text/html;
\tcharset="GBK"
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring(html.encode("gbk")).decode("ascii")}

------=_003_NextPart106285413537_=------

------=_002_NextPart517345627120_=----
Content-Type: image/jpeg;
\tname*={rfc2231("砀山梨园调研现场1.jpg", "GBK")}
Content-Transfer-Encoding: base64
Content-ID: <photo1@foxmail>
Content-Disposition: inline;
\tfilename*={rfc2231("砀山梨园调研现场1.jpg", "GBK")}

{b64(JPEG)}

------=_002_NextPart517345627120_=------

------=_001_NextPart843521776412_=----
Content-Type: image/png;
\tname*={rfc2231("座谈会现场.png", "GBK")}
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename*={rfc2231("座谈会现场.png", "GBK")}

{b64(png())}

------=_001_NextPart843521776412_=------
""")

# 3. HTML only, UTF-8, with style, script and entities.
html = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>邮件</title><style>p{font-size:14px}</style></head>
<body><script>alert('x')</script>
<div>萧县人大常委会召开代表座谈会</div>
<p>3月12日，萧县人大常委会召开部分省、市人大代表座谈会，听取代表对政府工作的意见建议。</p>
<p>与会代表围绕乡村振兴、教育&amp;医疗等议题发言&nbsp;12&nbsp;人次，提出建议&lt;30&gt;条。</p>
</body></html>"""
HTML_QP = quopri.encodestring(html.encode("utf-8").replace(b"\n", b"\r\n")).decode("ascii")
write("html-only-utf8.eml", f"""From: {ew("许振宇", "UTF-8")} <xu.zhenyu@example.org>
To: xinxi@inbound.example.org
Subject: {ew("萧县人大召开代表座谈会", "UTF-8")}
Date: Thu, 12 Mar 2026 10:02:11 +0800
Message-ID: <CAF3x9=html-only-7d1e@mail.example.org>
MIME-Version: 1.0
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{HTML_QP}
""")

# 4. Gmail-style inline forward.
fwd = """转给研究室。

---------- Forwarded message ---------
发件人：何梦洁 <he.mengjie@example.org>
Date: 2026年3月11日周三 下午3:20
Subject: 关于加强乡镇人大主席团建设的建议
To: 萧县人大 <xx@example.org>

建议进一步明确乡镇人大主席团的工作职责，配备专职工作人员。
各乡镇应每季度召开一次代表活动，保障代表履职经费。
"""
write("forwarded.eml", f"""From: {ew("何梦洁", "UTF-8")} <he.mengjie@example.org>
To: xinxi@inbound.example.org
Subject: {ew("Fwd: 【建议】关于加强乡镇人大主席团建设的建议", "UTF-8")}
Date: Fri, 13 Mar 2026 08:30:00 +0800
Message-ID: <CAF3x9=forward-5521@mail.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: base64

{b64(fwd.replace(chr(10), chr(13)+chr(10)).encode("utf-8"))}
""")

# 5. A bounce: empty return path, multipart/report.
write("bounce.eml", f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: xinxi@inbound.example.org
Subject: Undelivered Mail Returned to Sender
Date: Fri, 13 Mar 2026 09:00:00 +0800
Message-ID: <20260313010000.ABC123@mx.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="bounce-boundary-1"

--bounce-boundary-1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org.
I'm sorry to have to inform you that your message could not be delivered.

--bounce-boundary-1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Final-Recipient: rfc822; nobody@example.org
Action: failed
Status: 5.1.1

--bounce-boundary-1
Content-Type: text/rfc822-headers

From: xinxi@inbound.example.org
To: nobody@example.org
Subject: =?UTF-8?B?5pS256i/5Zue5omn?=

--bounce-boundary-1--
""")

# 6. An auto-reply from a known officer.
write("auto-reply.eml", f"""From: {ew("杨帆", "UTF-8")} <yang.fan@example.org>
To: xinxi@inbound.example.org
Subject: {ew("自动回复: 收稿回执", "UTF-8")}
Date: Sat, 14 Mar 2026 11:00:00 +0800
Message-ID: <autoreply-2026-0314-1100@example.org>
Auto-Submitted: auto-replied
X-Autoreply: yes
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: base64

{b64("您好，我正在休假，3月20日返回。".encode("utf-8"))}
""")

# 7. From an unknown address: goes to quarantine.
write("unknown-sender.eml", f"""From: {ew("王小明", "UTF-8")} <wang.xiaoming@unknown.example.com>
To: xinxi@inbound.example.org
Subject: {ew("灵璧县某镇人大开展代表述职活动", "UTF-8")}
Date: Sun, 15 Mar 2026 09:00:00 +0800
Message-ID: <unknown-sender-0315@unknown.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: base64

{b64("某镇人大组织十二名代表向选民述职，接受选民评议。".encode("utf-8"))}
""")

# 8. Delivered twice (the test posts it twice, and once more with another Received line).
write("twice.eml", f"""Received: from mail.example.org by mx.inbound.example.org; Mon, 16 Mar 2026 10:00:00 +0800
From: {ew("施雨晴", "UTF-8")} <shi.yuqing@example.org>
To: xinxi@inbound.example.org
Subject: {ew("泗县人大常委会开展执法检查", "UTF-8")}
Date: Mon, 16 Mar 2026 09:58:00 +0800
Message-ID: <twice-0316-0958@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset="GB18030"
Content-Transfer-Encoding: base64

{b64("泗县人大常委会组成执法检查组，对《中华人民共和国食品安全法》贯彻实施情况开展执法检查。".encode("gb18030"))}
""")

# 9. Foxmail from a county office: every label says gb2312, but the text holds 㮾 (U+3BBE, CJK Extension A),
#    which only GB18030 has (a 4-byte sequence). Subject, body (QP), HTML, an inline photo and an RFC 2231 name.
def ew_gb(text):
    return "=?gb2312?B?%s?=" % base64.b64encode(text.encode("gb18030")).decode()

def rfc2231_gb(text):
    return "gb2312''" + "".join(c if c.isalnum() and ord(c) < 128 or c in "._-" else "".join("%%%02X" % b for b in c.encode("gb18030")) for c in text)

ext_body = ("3月18日，埇桥区㮾塘社区人大代表联络站开展集中接访活动，区人大代表杨帆等五名代表接待居民二十余人次，"
            "收集道路维修、停车管理等意见建议八条，现场答复三条，其余转交相关部门办理并限期反馈。\r\n"
            "图为㮾塘社区人大代表联络站接访现场。\r\n")
ext_html = "<html><body><p>%s</p><img src=\"cid:photo-langtang@foxmail\"></body></html>" % ext_body.replace("\r\n", "</p><p>")
write("foxmail-gb2312-extension-a.eml", f"""Received: from gov.example.net by mx.inbound.example.org
Date: Wed, 18 Mar 2026 17:02:44 +0800
From: "{ew_gb("杨帆")}" <yang.fan@example.org>
To: "xinxi" <xinxi@inbound.example.org>
Subject: {ew_gb("信息报送：【日常动态】埇桥区㮾塘社区人大代表联络站开展接访活动")}
X-Priority: 3
X-Has-Attach: yes
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Message-ID: <202603181702441234567@example.org>
Content-Type: multipart/mixed;
\tboundary="----=_001_NextPart572016394871_=----"

This is a multi-part message in MIME format.

------=_001_NextPart572016394871_=----
Content-Type: multipart/related;
\tboundary="----=_002_NextPart208713645527_=----"

------=_002_NextPart208713645527_=----
Content-Type: multipart/alternative;
\tboundary="----=_003_NextPart394415367821_=----"

------=_003_NextPart394415367821_=----
Content-Type: text/plain;
\tcharset="gb2312"
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring(ext_body.encode("gb18030")).decode("ascii")}

------=_003_NextPart394415367821_=----
Content-Type: text/html;
\tcharset="gb2312"
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring(ext_html.encode("gb18030")).decode("ascii")}

------=_003_NextPart394415367821_=------

------=_002_NextPart208713645527_=----
Content-Type: image/jpeg;
\tname="{ew_gb("㮾塘接访.jpg")}"
Content-Transfer-Encoding: base64
Content-ID: <photo-langtang@foxmail>
Content-Disposition: inline;
\tfilename="{ew_gb("㮾塘接访.jpg")}"

{b64(JPEG)}

------=_002_NextPart208713645527_=------

------=_001_NextPart572016394871_=----
Content-Type: image/png;
\tname*={rfc2231_gb("㮾塘社区座谈会.png")}
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename*={rfc2231_gb("㮾塘社区座谈会.png")}

{b64(png())}

------=_001_NextPart572016394871_=------
""")

# 10. Outlook forwarding a township's mail as an attachment (message/rfc822), every part labelled gb2312.
inner_body = ("3月17日，萧县黄口镇人大主席团组织辖区内县、镇两级人大代表开展“代表进站”活动，"
              "围绕农村人居环境整治听取群众意见，收集建议十二条，已梳理交镇政府研究办理。\r\n"
              "图为代表在联络站接待群众。\r\n")
inner = f"""From: {ew_gb("黄口镇人大")} <hk@township.example.net>
To: {ew_gb("何梦洁")} <he.mengjie@example.org>
Subject: {ew_gb("黄口镇人大组织开展“代表进站”活动")}
Date: Tue, 17 Mar 2026 11:20:05 +0800
Message-ID: <inner-hk-0317@township.example.net>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="inner-b"

--inner-b
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: base64

{b64(inner_body.encode("gb18030"))}

--inner-b
Content-Type: image/jpeg; name="{ew_gb("代表进站.jpg")}"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="{ew_gb("代表进站.jpg")}"

{b64(JPEG)}

--inner-b--
"""
write("outlook-forward-attached.eml", f"""Received: from mail.example.org by mx.inbound.example.org
From: {ew_gb("何梦洁")} <he.mengjie@example.org>
To: "xinxi" <xinxi@inbound.example.org>
Subject: {ew_gb("转发: 黄口镇人大组织开展“代表进站”活动")}
Date: Wed, 18 Mar 2026 08:40:12 +0800
Message-ID: <000201dab8a1$2c4e9b10$84ebd130$@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed;
\tboundary="----=_NextPart_000_0002_01DAB8A1.2C4E9B10"
X-Mailer: Microsoft Outlook 16.0
Content-Language: zh-cn

This is a multi-part message in MIME format.

------=_NextPart_000_0002_01DAB8A1.2C4E9B10
Content-Type: text/plain;
\tcharset="gb2312"
Content-Transfer-Encoding: base64

{b64("研究室：转来黄口镇信息一篇，请审阅。".encode("gb18030"))}

------=_NextPart_000_0002_01DAB8A1.2C4E9B10
Content-Type: message/rfc822
Content-Disposition: attachment;
\tfilename="{ew_gb("黄口镇人大组织开展“代表进站”活动.eml")}"

{inner}
------=_NextPart_000_0002_01DAB8A1.2C4E9B10--
""")
