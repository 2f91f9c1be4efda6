"""Metadata parsing: a table written from the numbering and layout rules, then properties.

Each row is a document head or tail as real dispatches write it, and the fields it must give.
Only the listed fields are checked; every row also checks that nothing crashes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive.parse import parse_date, parse_document
from vanthu.vietnamese.text import prepare

D = dt.date
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
UBND_DUC_THO = "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ\n"


def parse(raw: str):
    return parse_document(prepare(raw))


NUMBERS = [
    (UBND_DUC_THO + "Số: 123/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác",
     {"number": "123/QĐ-UBND", "doc_type": "Quyết định", "subject": "thành lập Tổ công tác"}),  # state form, title
    ("Số:45/TB-UBND\nThông báo kết luận", {"number": "45/TB-UBND", "doc_type": "Thông báo"}),  # no space after colon
    ("HUYỆN ỦY XUÂN TRƯỜNG\nSố 288 - CV/HU", {"number": "288-CV/HU", "doc_type": "Công văn"}),  # Party, spaced hyphen
    ("CHÍNH PHỦ\nSố: 117/2020/NĐ-CP", {"number": "117/2020/NĐ-CP", "doc_type": "Nghị định", "year": 2020}),  # normative: year in number
    ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 23/2021/QĐ-TTg", {"number": "23/2021/QĐ-TTg", "doc_type": "Quyết định", "year": 2021}),  # normative QĐ-TTg
    ("TỈNH ỦY HÀ TĨNH\nSố 05-CT/TU", {"number": "05-CT/TU", "doc_type": "Chỉ thị"}),  # Party directive keeps leading zero
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 02-KL/TW", {"number": "02-KL/TW", "doc_type": "Kết luận"}),  # Party conclusion
    ("Số: 12/KH-UBND", {"number": "12/KH-UBND", "doc_type": "Kế hoạch"}),  # plan
    ("Số: 15/CĐ-UBND", {"number": "15/CĐ-UBND", "doc_type": "Công điện"}),  # official telegram
    ("SỞ Y TẾ\nSố: 30/HD-SYT", {"number": "30/HD-SYT", "doc_type": "Hướng dẫn"}),  # guidance of a department
    ("Số: 101/BC-UBND", {"number": "101/BC-UBND", "doc_type": "Báo cáo"}),  # report
    ("Số: 77/TTr-UBND", {"number": "77/TTr-UBND", "doc_type": "Tờ trình"}),  # mixed-case type code
    ("Số: 8/CT-UBND", {"number": "8/CT-UBND", "doc_type": "Chỉ thị"}),  # one-digit serial
    ("Số: 1187 /UBND-NNPTNT\nV/v chống hạn", {"number": "1187/UBND-NNPTNT", "doc_type": "Công văn"}),  # stray space before slash
    ("Số: 14-QĐi/TW", {"number": "14-QĐi/TW", "doc_type": "Quy định"}),  # Party QĐi = Quy định
    ("Số 03-HD/TU", {"number": "03-HD/TU", "doc_type": "Hướng dẫn"}),  # Party guidance
    ("Số 25-TB/HU", {"number": "25-TB/HU", "doc_type": "Thông báo"}),  # Party notice
    ("Số: 09/GM-UBND", {"number": "09/GM-UBND", "doc_type": "Giấy mời"}),  # invitation
    ("QUỐC HỘI\nLuật số: 59/2020/QH14", {"number": "59/2020/QH14", "year": 2020,
                                        "doc_type": "Luật"}),  # a law's letterhead names its type: "Luật số:"
    ("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nNghị quyết số: 1021/2024/UBTVQH15",
     {"number": "1021/2024/UBTVQH15", "issuer": "Ủy ban Thường vụ Quốc hội",
      "issuer_level": "central"}),  # "Nghị quyết số:" with the colon; the standing committee over two lines
    ("Căn cứ Luật số 59/2020/QH14 của Quốc hội;", {"number": None}),  # a law cited in the body is not the number
    ("Số: …/KH-UBND", {"number": None, "doc_type": "Kế hoạch"}),  # ellipsis placeholder: unnumbered copy
    ("Số:      /QĐ-UBND", {"number": None, "doc_type": "Quyết định"}),  # blank số keeps the type
    ("Số: 12/UBND-VP", {"number": "12/UBND-VP", "doc_type": "Công văn"}),  # state ký hiệu without type code
    ("Số: 10/UBND-VX\nKẾ HOẠCH\nTriển khai tiêm vắc xin phòng Covid-19 năm 2021",
     {"doc_type": "Kế hoạch", "subject": "Triển khai tiêm vắc xin phòng Covid-19 năm 2021"}),  # title line wins over ký hiệu
    ("Thực hiện Quyết định số 12/QĐ-UBND của UBND tỉnh, Sở chỉ đạo như sau",
     {"number": None, "doc_type": None, "issuer": None}),  # a cited number is not the document's own
    ("SỐ: 56/QĐ-UBND", {"number": "56/QĐ-UBND"}),  # label in capitals
    ("Số: 56 / QĐ - UBND", {"number": "56/QĐ-UBND"}),  # spaces all around
    ("Số: 2345/SYT-NVY\nV/v tăng cường giám sát", {"number": "2345/SYT-NVY", "doc_type": "Công văn"}),  # department công văn
    ("Số: 01/2021/NQ-HĐND", {"number": "01/2021/NQ-HĐND", "doc_type": "Nghị quyết", "year": 2021}),  # normative resolution
    ("Số: 44/NQ-CP", {"number": "44/NQ-CP", "doc_type": "Nghị quyết"}),  # non-normative resolution
    ("Số: 05/PA-UBND", {"number": "05/PA-UBND", "doc_type": "Phương án"}),  # plan of action
]

DATES = [
    ("Hà Nội, ngày 15 tháng 7 năm 2021", {"place": "Hà Nội", "date": D(2021, 7, 15), "year": 2021}),  # written out
    ("Mai Sơn, ngày 09/9/2021", {"place": "Mai Sơn", "date": D(2021, 9, 9)}),  # slashes
    ("Tân Uyên, ngày 05-10-2022", {"date": D(2022, 10, 5), "year": 2022}),  # hyphens
    ("Vĩnh Yên, ngày 05.10.2022", {"date": D(2022, 10, 5)}),  # dots
    ("Bình Xuyên, ngày tháng năm 2021", {"place": "Bình Xuyên", "date": None, "year": 2021}),  # blank day and month
    ("Đức Thọ, ngày    tháng 9 năm 2021", {"date": None, "year": 2021}),  # blank day only
    ("Xuân Trường, ngày ... tháng ... năm 2021", {"date": None, "year": 2021}),  # dotted placeholders
    ("Hà Tĩnh, ngày 31 tháng 2 năm 2021", {"date": None, "year": 2021}),  # impossible day: year kept
    ("TP. Hồ Chí Minh, ngày 1 tháng 10 năm 2021", {"place": "TP. Hồ Chí Minh", "date": D(2021, 10, 1)}),  # abbreviated city
    ("Ngày 20 tháng 12 năm 2019", {"place": None, "date": D(2019, 12, 20)}),  # date without place
    ("Số: 12/UBND-VP\nMai Sơn, ngày 9 tháng 9 năm 2021\nV/v tiêm vắc xin",
     {"place": "Mai Sơn", "date": D(2021, 9, 9), "subject": "tiêm vắc xin"}),  # date between number and V/v
    ("V/v phòng, chống dịch\nKính gửi: UBND các xã\nNgày 22/7/2022 trên địa bàn có 17 ca",
     {"date": None, "year": None}),  # a date in the body is not the document's
    ("Số: 12/UBND-VP Mai Sơn, ngày 09 tháng 9 năm 2021",
     {"number": "12/UBND-VP", "place": "Mai Sơn", "date": D(2021, 9, 9)}),  # flattened number and date line
]

URGENCY = [
    ("Số: 12/UBND-VP\nKHẨN", {"urgency": "Khẩn"}),  # urgent
    ("Số: 12/UBND-VP\nTHƯỢNG KHẨN", {"urgency": "Thượng khẩn"}),  # very urgent
    ("Số: 12/UBND-VP\nHỎA TỐC", {"urgency": "Hỏa tốc"}),  # express
    ("Số: 12/UBND-VP\nHỎA TỐC HẸN GIỜ", {"urgency": "Hỏa tốc hẹn giờ"}),  # express, timed
    ("Số: 12/UBND-VP\nHOẢ TỐC", {"urgency": "Hỏa tốc"}),  # old tone placement
    ("Số: 12/UBND-VP\nĐộ khẩn: Khẩn", {"urgency": "Khẩn"}),  # labelled
    ("Số: 12/UBND-VP\nV/v khẩn trương tiêm vắc xin", {"urgency": None}),  # "khẩn trương" is not a mark
]

SIGNATURES = [
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An",
     {"signer": "Nguyễn Văn An", "signer_title": "TM. Ủy ban nhân dân, Chủ tịch"}),  # on behalf of the committee
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nLê Thị Hoa",
     {"signer": "Lê Thị Hoa", "signer_title": "KT. Chủ tịch, Phó Chủ tịch"}),  # "(Đã ký)" between title and name
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nTrần Thị Diễm",
     {"signer_title": "TL. Chủ tịch, KT. Chánh Văn phòng, Phó Chánh Văn phòng"}),  # three-level delegation
    ("TUQ. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ PHÁP CHẾ\n\nPhan Văn Bình",
     {"signer": "Phan Văn Bình", "signer_title": "TUQ. Bộ trưởng, Vụ trưởng Vụ Pháp chế"}),  # authorised
    ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nHoàng Văn Nam",
     {"signer_title": "T/M Ban Thường vụ, Bí thư"}),  # Party form of TM.
    ("K/T CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐinh Văn Tâm", {"signer_title": "K/T Chủ tịch, Phó Chủ tịch"}),  # K/T
    ("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nVũ Thị Lan",
     {"signer": "Vũ Thị Lan", "signer_title": "T/L Ban Thường vụ, Chánh Văn phòng"}),  # T/L
    ("Q. GIÁM ĐỐC\n\nNgô Quang Huy", {"signer": "Ngô Quang Huy", "signer_title": "Q. Giám đốc"}),  # acting director
    ("CHỦ TỊCH\n\n\n\nNguyễn Thanh Văn", {"signer": "Nguyễn Thanh Văn", "signer_title": "Chủ tịch"}),  # no prefix
    ("Nơi nhận: KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLại Như Long",
     {"signer": "Lại Như Long", "signer_title": "KT. Chủ tịch, Phó Chủ tịch"}),  # flattened with "Nơi nhận"
    ("Yêu cầu các đơn vị triển khai thực hiện./.\n\nNơi nhận:\n- Như trên.",
     {"signer": None, "signer_title": None}),  # truncated copy: no signature block
    ("Đề nghị các xã báo cáo.\nTrần Văn Bình", {"signer": None}),  # a name with no title above is not a signer
    ("thực hiện./.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Hùng\n\nNơi nhận:\n- Như trên;\nBan Tiếp Dân\n- Lưu: VT.",
     {"signer": "Lê Văn Hùng", "signer_title": "KT. Chủ tịch, Phó Chủ tịch"}),  # signature above the recipients
    ("ĐẢNG ỦY XÃ TÂN LẬP\nSố 15-NQ/ĐU", {"issuer": "Đảng ủy xã Tân Lập", "issuer_level": "commune",
                                          "doc_type": "Nghị quyết"}),  # commune Party committee
    ("THỊ ỦY HƯƠNG THỦY\nSố 7-KH/TU", {"issuer": "Thị ủy Hương Thủy", "issuer_level": "district"}),  # town committee
]

RECIPIENTS = [
    ("Kính gửi: Ủy ban nhân dân các xã, thị trấn.", {"recipients": ("Ủy ban nhân dân các xã, thị trấn",)}),  # inline
    ("Kính gửi:\n\n- Các Phòng, ban thuộc UBND huyện;\n- Trung tâm Y tế huyện;\n- Công an huyện; Ban Chỉ huy Quân sự huyện;",
     {"recipients": ("Các Phòng, ban thuộc UBND huyện", "Trung tâm Y tế huyện", "Công an huyện",
                     "Ban Chỉ huy Quân sự huyện")}),  # bullets, two on one line
    ("- Kính gửi: - Ủy ban nhân dân huyện,\n- Các phòng, ban, ngành huyện,",
     {"recipients": ("Ủy ban nhân dân huyện", "Các phòng, ban, ngành huyện")}),  # inline first bullet
    ("Kính gửi:\n+ Sở Y tế;\n+ Sở Tài chính.\n\nThực hiện Công văn số 12/UBND-VX",
     {"recipients": ("Sở Y tế", "Sở Tài chính")}),  # plus bullets, body follows
    ("Kính gửi: Bộ Y tế\n\nThực hiện chỉ đạo của Thủ tướng Chính phủ", {"recipients": ("Bộ Y tế",)}),  # one body
    ("Kính gửi:\nThường trực Huyện ủy\n\nỦy ban nhân dân huyện báo cáo như sau",
     {"recipients": ("Thường trực Huyện ủy",)}),  # unbulleted line
    ("V/v tiêm vắc xin\n\nThực hiện Kế hoạch số 5/KH-UBND", {"recipients": ()}),  # no Kính gửi
    ("KÍNH GỬI: Các sở, ban, ngành tỉnh", {"recipients": ("Các sở, ban, ngành tỉnh",)}),  # capitals
]

ISSUERS = [
    ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH PHÚC", {"issuer": "Ủy ban nhân dân tỉnh Vĩnh Phúc", "issuer_level": "province"}),  # province
    ("UBND TỈNH LAI CHÂU\nSỞ Y TẾ\nSố: 30/SYT-NV",
     {"issuer": "Sở Y tế tỉnh Lai Châu", "parent_body": "Ủy ban nhân dân tỉnh Lai Châu",
      "issuer_level": "province"}),  # department under its province
    ("UBND TỈNH\nSỞ Y TẾ\nSố: 30/SYT-NV", {"issuer": "Sở Y tế", "parent_body": "Ủy ban nhân dân tỉnh",
                                           "issuer_level": "province"}),  # province not named: none added
    ("UBND HUYỆN ĐỨC THỌ\nPHÒNG Y TẾ\nSố: 3/PYT", {"issuer": "Phòng Y tế huyện Đức Thọ",
                                                 "issuer_level": "district"}),  # district department
    ("UBND TỈNH LAI CHÂU\nCÔNG AN TỈNH\nSố: 281/CAT-PC07", {"issuer": "Công an tỉnh Lai Châu",
                                                        "issuer_level": "province"}),  # place from the parent
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 44-NQ/TW\nNGHỊ QUYẾT\ncủa Bộ Chính trị\nvề xây dựng nông thôn mới",
     {"issuer": "Bộ Chính trị", "parent_body": "Ban Chấp hành Trung ương", "issuer_level": "central",
      "subject": "xây dựng nông thôn mới"}),  # Politburo under the Central Committee's letterhead
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 29-CT/TW\nCHỈ THỊ\nVề việc cách ly y tế\n\nNội dung.\n\nT/M BAN BÍ THƯ\n\nPhạm Trọng Thịnh",
     {"issuer": "Ban Bí thư", "parent_body": "Ban Chấp hành Trung ương"}),  # Secretariat, named by its signature
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", {"issuer": "Ủy ban nhân dân thành phố Hà Nội", "issuer_level": "province"}),  # province-level city
    ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 05-CT/TW\nHà Nội, ngày 15 tháng 5 năm 2016\n"
     "CHỈ THỊ\ncủa Bộ Chính trị\nvề đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     {"issuer": "Bộ Chính trị", "parent_body": "Ban Chấp hành Trung ương", "issuer_level": "central",
      "subject": "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}),  # "… TRUNG ƯƠNG ĐẢNG" letterhead
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 146-KL/TW\nHà Nội, ngày 31 tháng 1 năm 2020\n"
     "KẾT LUẬN\nCỦA BỘ CHÍNH TRỊ\nvề tiếp tục thực hiện Nghị quyết số 33-NQ/TW\n\nNội dung.\n\nTM. BỘ CHÍNH TRỊ\n\nNguyễn Văn An",
     {"issuer": "Bộ Chính trị", "parent_body": "Ban Chấp hành Trung ương", "issuer_level": "central",
      "subject": "tiếp tục thực hiện Nghị quyết số 33-NQ/TW"}),  # the author line in capitals
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 146-KL/TW\nHà Nội, ngày 31 tháng 1 năm 2020\n"
     "KẾT LUẬN\nvề tiếp tục thực hiện\n\nNội dung.\n\nT/M BỘ CHÍNH TRỊ\nTỔNG BÍ THƯ\n\n\nNguyễn Văn An",
     {"issuer": "Bộ Chính trị", "parent_body": "Ban Chấp hành Trung ương", "issuer_level": "central",
      "signer_title": "T/M Bộ Chính trị, Tổng Bí thư"}),  # named by the signature alone
    ("Số 29-CT/TW\nHà Nội, ngày 5 tháng 1 năm 2023\nCHỈ THỊ\nvề tăng cường công tác\n\nNội dung.\n\nT/M BAN BÍ THƯ\n\nVõ Văn An",
     {"issuer": "Ban Bí thư", "parent_body": "Ban Chấp hành Trung ương", "issuer_level": "central"}),  # a copy without letterhead: "/TW" and the signature
    ("Số 29-CT/TW\nHà Nội, ngày 5 tháng 1 năm 2023\nCHỈ THỊ\nvề tăng cường công tác\n\nNội dung.",
     {"issuer": "Ban Chấp hành Trung ương", "parent_body": None, "issuer_level": "central"}),  # "/TW" alone: the committee
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 18-NQ/TW\nHà Nội, ngày 25 tháng 10 năm 2017\nNGHỊ QUYẾT\n"
     "HỘI NGHỊ LẦN THỨ SÁU\nBAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XII\n\nNội dung.\n\nT/M BAN CHẤP HÀNH TRUNG ƯƠNG\nTỔNG BÍ THƯ\n\nNguyễn Văn An",
     {"issuer": "Ban Chấp hành Trung ương", "parent_body": None, "issuer_level": "central"}),  # a plenum's own resolution
    ("ĐẢNG BỘ TỈNH ĐẮK NÔNG\nHUYỆN ỦY ĐẮK R'LẤP\n*\nSố 12-CV/HU",
     {"issuer": "Huyện ủy Đắk R'Lấp", "parent_body": "Đảng bộ tỉnh Đắk Nông"}),  # capitals restored from the gazetteer
    ("ỦY BAN NHÂN DÂN\nHUYỆN CAO LÃNH\nSố: 12/UBND-VP", {"issuer": "Ủy ban nhân dân huyện Cao Lãnh",
                                                       "issuer_level": "district"}),  # Cao Lãnh: a huyện and a city
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ TÂN UYÊN", {"issuer_level": "district"}),  # district-level city (Bình Dương)
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ", {"issuer_level": "province"}),  # Mekong province-level city
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP", {"issuer": "Ủy ban nhân dân xã Tân Lập", "issuer_level": "commune"}),  # commune
    ("ỦY BAN NHÂN DÂN\nQUẬN 3", {"issuer": "Ủy ban nhân dân quận 3", "issuer_level": "district"}),  # numbered district
    ("ỦY BAN NHÂN DÂN\nĐẶC KHU CÔN ĐẢO\nSố: 12/UBND-VP\nCôn Đảo, ngày 2 tháng 9 năm 2025",
     {"issuer": "Ủy ban nhân dân đặc khu Côn Đảo", "issuer_level": "commune"}),  # a special zone of the 2025 map
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH HÀ TĨNH", {"issuer": "Hội đồng nhân dân tỉnh Hà Tĩnh", "issuer_level": "province"}),  # council
    ("THỦ TƯỚNG CHÍNH PHỦ\n" + MOTTO, {"issuer": "Thủ tướng Chính phủ", "issuer_level": "central"}),  # central
    ("BỘ Y TẾ\n" + MOTTO, {"issuer": "Bộ Y tế", "issuer_level": "central"}),  # ministry
    ("TỈNH ỦY HÀ TĨNH\nĐẢNG CỘNG SẢN VIỆT NAM", {"issuer": "Tỉnh ủy Hà Tĩnh", "issuer_level": "province"}),  # Party province
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM", {"issuer": "Ban Chấp hành Trung ương", "issuer_level": "central"}),  # Central Committee
    ("HUYỆN ỦY CHÂU THÀNH\nBAN TUYÊN GIÁO\nSố 12-HD/BTGHU",
     {"issuer": "Ban Tuyên giáo Huyện ủy Châu Thành", "parent_body": "Huyện ủy Châu Thành",
      "issuer_level": "district"}),  # Party board under its committee
    ("ĐẢNG BỘ TỈNH NAM ĐỊNH\nHUYỆN ỦY XUÂN TRƯỜNG\n*\nSố 288 - CV/HU",
     {"issuer": "Huyện ủy Xuân Trường", "parent_body": "Đảng bộ tỉnh Nam Định", "issuer_level": "district"}),  # Party letterhead
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN MAI SƠN Độc lập - Tự do - Hạnh phúc\n"
     "Số: 12/UBND-VP Mai Sơn, ngày 09 tháng 9 năm 2021",
     {"issuer": "Ủy ban nhân dân huyện Mai Sơn", "number": "12/UBND-VP", "place": "Mai Sơn",
      "date": D(2021, 9, 9)}),  # flattened two-column letterhead
    (unicodedata.normalize("NFD", UBND_DUC_THO + "Số: 5/QĐ-UBND"),
     {"issuer": "Ủy ban nhân dân huyện Đức Thọ", "number": "5/QĐ-UBND"}),  # NFD input
    ("UỶ BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     {"issuer": "Ủy ban nhân dân huyện Đức Thọ"}),  # old tone placement in the letterhead
    ("UBND HUYỆN BÌNH XUYÊN\nSố: 5/UBND-VP", {"issuer": "Ủy ban nhân dân huyện Bình Xuyên"}),  # abbreviated letterhead
    ("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH\nCOVID-19 TỈNH\nSố: 7/BCĐ",
     {"issuer": "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh", "issuer_level": "province"}),  # wrapped name
    ("Số: /UBND-VP\nĐức Thọ, ngày tháng năm 2021\nV/v phòng, chống dịch\n\nUBND huyện yêu cầu các xã thực hiện.",
     {"issuer": "Ủy ban nhân dân huyện Đức Thọ", "issuer_level": "district", "parent_body": None}),  # no letterhead: ký hiệu + self-reference + place
    ("Số: 12/UBND-VP\nHà Nội, ngày 5 tháng 5 năm 2021\nV/v dịch bệnh\n\nUBND huyện yêu cầu các xã.",
     {"issuer": "Ủy ban nhân dân huyện", "place": "Hà Nội"}),  # the place is no huyện: not glued on
    ("Số 506-CV/HU\nVề việc phòng, chống dịch\n\nKính gửi: Ủy ban nhân dân huyện\n\ntrong đó có tỉnh Trà Vinh",
     {"issuer": "Huyện ủy", "issuer_level": "district", "place": None, "year": None}),  # Party code only, no guessing
    ("Số: 45/TB-VP\nV/v lịch làm việc", {"issuer": None, "issuer_level": None}),  # unknown code: no issuer
]

SUBJECTS = [
    ("Số 288-CV/HU\nV/v tăng cường lãnh đạo, chỉ đạo công\ntác phòng, chống dịch Covid-19\n\nKính gửi: Ban Thường vụ",
     {"subject": "tăng cường lãnh đạo, chỉ đạo công tác phòng, chống dịch Covid-19"}),  # wrapped V/v
    ("Số 506-CV/HU\nVề việc tiếp tục tăng cường chỉ đạo", {"subject": "tiếp tục tăng cường chỉ đạo", "doc_type": "Công văn"}),  # "Về việc"
    ("Số: 3/UBND-TH\nV/v: báo cáo kết quả tiêm chủng.", {"subject": "báo cáo kết quả tiêm chủng"}),  # colon and final dot
    ("NGHỊ QUYẾT\nVề việc thông qua Kế hoạch đầu tư công\n\nHỘI ĐỒNG NHÂN DÂN TỈNH",
     {"doc_type": "Nghị quyết", "subject": "thông qua Kế hoạch đầu tư công"}),  # title with "Về việc"
    ("CHỈ THỊ\nVề tăng cường công tác phòng cháy\n\nCăn cứ Luật Phòng cháy",
     {"doc_type": "Chỉ thị", "subject": "Về tăng cường công tác phòng cháy"}),  # title under type name
    ("CÔNG ĐIỆN\nVề việc chủ động ứng phó với bão số 3", {"doc_type": "Công điện",
                                                        "subject": "chủ động ứng phó với bão số 3"}),  # telegram
    ("Trích yếu: Kế hoạch kiểm tra năm 2022", {"subject": "Kế hoạch kiểm tra năm 2022", "doc_type": None}),  # trích yếu
    ("v/v tiêm vắc xin mũi 3", {"subject": "tiêm vắc xin mũi 3", "doc_type": "Công văn"}),  # lower-case v/v
    ("Số: 64/UBND-VP\nV/v bảo đảm an toàn tiêm chủng vắc xin phòng\nCOVID-19\n\nKHẨN",
     {"subject": "bảo đảm an toàn tiêm chủng vắc xin phòng COVID-19", "urgency": "Khẩn"}),  # capital word wraps
    ("Số: 14/UBND\nV/v thực hiện Chương trình Mỗi xã một sản phẩm\n(OCOP)",
     {"subject": "thực hiện Chương trình Mỗi xã một sản phẩm (OCOP)"}),  # parenthesis wraps
    ("Số 2133-CV/HU\nV/v rà soát thủ tục hành chính năm\n2020", {"subject": "rà soát thủ tục hành chính năm 2020"}),  # year wraps
    ("THÔNG BÁO\nThực hiện giãn cách xã hội trên địa bàn xã\n\nMột bộ phận người dân còn chủ quan.",
     {"doc_type": "Thông báo", "subject": "Thực hiện giãn cách xã hội trên địa bàn xã"}),  # title opening like a paragraph
    ("QUYẾT ĐỊNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n", {"subject": None}),  # no title: a basis is no subject
    ("KẾT LUẬN\ncủa Ban Thường vụ Đảng ủy xã\nvề tổ chức cách ly y tế tập trung",
     {"doc_type": "Kết luận", "subject": "tổ chức cách ly y tế tập trung"}),  # Party: author, then "về"
]

WEB_PAGES = [
    ("# NGHỊ QUYẾT\n\n## CĂN CỨ PHÁP LUẬT\n\n- Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
     {"doc_type": "Nghị quyết", "issuer": None, "date": None}),  # Markdown heading as title; a cited date is not its own
    ("# Nghị định số 233/2026/NĐ-CP\n\n## VĂN BẢN\n\nCHÍNH PHỦ\n" + MOTTO + "Số: 233/2026/NĐ-CP",
     {"issuer": "Chính phủ", "parent_body": None, "number": "233/2026/NĐ-CP"}),  # web section heading is no parent body
    ("Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh", {"issuer": None}),  # chapter title is no issuer
    ("NGHỊ ĐỊNH\n## Quy định về xử lý kỷ luật viên chức\n──────────",
     {"doc_type": "Nghị định", "subject": "Quy định về xử lý kỷ luật viên chức"}),  # heading marks and rule stripped
]

# Real layouts of the letterhead (issue 12): each must give the issuer, number, place and date.
LAYOUTS = [
    ("| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| TỈNH ĐIỆN BIÊN | Độc lập - Tự do - Hạnh phúc |\n"
     "| Số: 88/KH-UBND | Điện Biên, ngày 4 tháng 3 năm 2022 |",
     {"issuer": "Ủy ban nhân dân tỉnh Điện Biên", "issuer_level": "province", "number": "88/KH-UBND",
      "place": "Điện Biên", "date": D(2022, 3, 4)}),  # "| … |" cells of a web copy
    ("SỞ Y TẾ\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố:\n17/SYT-NV\n|\nĐà Nẵng, ngày\n2 tháng 8 năm 2021\n|",
     {"issuer": "Sở Y tế", "number": "17/SYT-NV", "place": "Đà Nẵng",
      "date": D(2021, 8, 2)}),  # cells closed by "|" lines, number and date broken over lines
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH KON TUM Độc Lập - Tự Do - Hạnh Phúc\n"
     "Số: 42/2013/QĐ-UBND Kon Tum, ngày 09 tháng 10 năm 2013",
     {"issuer": "Ủy ban nhân dân tỉnh Kon Tum", "issuer_level": "province", "number": "42/2013/QĐ-UBND",
      "date": D(2013, 10, 9)}),  # flattened, with the motto in title case
    ("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH YÊN BÁI\nĐỘC LẬP - TỰ DO - HẠNH PHÚC\n"
     "Số: 9/CT-UBND\nYên Bái, ngày 3 tháng 5 năm 2016",
     {"issuer": "Ủy ban nhân dân tỉnh Yên Bái", "issuer_level": "province",
      "place": "Yên Bái"}),  # a PDF's columns interleaved line by line, the motto in capitals
    ("ỦY\nBAN NHÂN DÂN\nTỈNH SƠN LA\nSố:\n42/QĐ-UBND\nSơn\nLa, ngày 13\ntháng 01 năm 2020\n\nThực hiện Quyết định "
     "số 12/QĐ-TTg", {"issuer": "Ủy ban nhân dân tỉnh Sơn La", "number": "42/QĐ-UBND", "place": "Sơn La",
                     "date": D(2020, 1, 13)}),  # "ỦY" alone, "Số:" alone, place and date broken
    ("ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "Số: 8/2016/QĐ-UBND Bạc Liêu, ngày 9 tháng 5 năm 2016\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\nCăn cứ",
     {"issuer": "Ủy ban nhân dân tỉnh Bạc Liêu", "number": "8/2016/QĐ-UBND", "place": "Bạc Liêu",
      "date": D(2016, 5, 9), "subject": "ban hành quy chế"}),  # both columns flattened onto one line
    ("BỘ TƯ PHÁP          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/BTP-VP          Hà Nội, ngày 2 tháng 3 năm 2021",
     {"issuer": "Bộ Tư pháp", "issuer_level": "central", "number": "5/BTP-VP",
      "date": D(2021, 3, 2)}),  # a PDF text layer: columns far apart on one line
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n|\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHoàng Văn Chất\n|",
     {"signer": "Hoàng Văn Chất", "signer_title": "TM. Ủy ban nhân dân, Chủ tịch"}),  # signature in table cells
    ("Nơi nhận:                       GIÁM ĐỐC\n- Như trên;                     (đã ký)\n- Lưu: VT.      Trịnh Văn Lâm",
     {"signer": "Trịnh Văn Lâm", "signer_title": "Giám đốc"}),  # a PDF's signature columns side by side
    ("Quyết định có hiệu lực từ ngày ký.\n\nPhó Chủ tịch\n\n(Đã ký)\n\nHà Văn Khiêm",
     {"signer": "Hà Văn Khiêm", "signer_title": "Phó Chủ tịch"}),  # the title in sentence case
    ("| HUYỆN ỦY BẮC MÊ<br>* | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|---|\n| Số 45-CV/HU<br>V/v tổ chức hội nghị | "
     "Bắc Mê, ngày 3 tháng 6 năm 2021 |\n\nNội dung.\n\n| **Nơi nhận:**<br>- Như trên,<br>- Lưu VPHU. | "
     "T/M BAN THƯỜNG VỤ<br>PHÓ BÍ THƯ<br><br>Thào Mí Sính |",
     {"issuer": "Huyện ủy Bắc Mê", "number": "45-CV/HU", "subject": "tổ chức hội nghị", "place": "Bắc Mê",
      "signer": "Thào Mí Sính", "signer_title": "T/M Ban Thường vụ, Phó Bí thư"}),  # cells' lines as "<br>"
    ("| Nơi nhận: - Như trên; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Mừng |",
     {"signer": "Lò Văn Mừng", "signer_title": "KT. Chủ tịch, Phó Chủ tịch"}),  # each cell flattened on one line
]

# Titles in capitals, over lines, with or without "VỀ VIỆC": the subject as written, lines joined.
TITLES = [
    ("Số: 31/KH-UBND\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN NGHỊ\nQUYẾT SỐ 15/NQ-CP CỦA CHÍNH PHỦ\nCăn cứ Luật",
     {"doc_type": "Kế hoạch", "subject": "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 15/NQ-CP CỦA CHÍNH PHỦ"}),  # no "VỀ VIỆC"
    ("Số: 7/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP BAN CHỈ ĐẠO\nCHUYỂN ĐỔI SỐ TỈNH\n\nỦY BAN NHÂN DÂN TỈNH",
     {"subject": "THÀNH LẬP BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH"}),  # "VỀ VIỆC" taken off, capitals kept
    ("ỦY BAN NHÂN DÂN\nHUYỆN KIM BÔI\nSố: 2/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ\nVIỆC GIAO CHỈ TIÊU NĂM 2020\n"
     "ỦY BAN NHÂN DÂN HUYỆN KIM BÔI\nCăn cứ", {"subject": "GIAO CHỈ TIÊU NĂM 2020"}),  # "VỀ" alone; enacting line ends it
    ("BỘ TÀI CHÍNH\nSố: 3/2018/TT-BTC\nTHÔNG TƯ\nHƯỚNG DẪN QUẢN LÝ KINH PHÍ\nBỘ TRƯỞNG BỘ TÀI CHÍNH\nCăn cứ",
     {"subject": "HƯỚNG DẪN QUẢN LÝ KINH PHÍ"}),  # the minister's enacting line ends the title
    ("Số: 5/NQ-HĐND\nNGHỊ QUYẾT\nVỀ PHÁT TRIỂN DU LỊCH NĂM 2021 -\n2025\nHỘI ĐỒNG NHÂN DÂN TỈNH NINH BÌNH\nCăn cứ",
     {"subject": "VỀ PHÁT TRIỂN DU LỊCH NĂM 2021 - 2025"}),  # "VỀ" without "VIỆC" stays; a year line ends it
    ("Số: 8/NQ-HĐND\nNGHỊ QUYẾT\nQUY ĐỊNH MỨC CHI HỖ TRỢ\n(Áp dụng từ năm 2022)\n\nCăn cứ",
     {"subject": "QUY ĐỊNH MỨC CHI HỖ TRỢ (Áp dụng từ năm 2022)"}),  # a line in parentheses belongs to it
    ("HỘI ĐỒNG NHÂN DÂN\nHUYỆN ĐÔNG ANH\nSố: 4/NQ-HĐND\nNGHỊ QUYẾT\nVỀ DỰ TOÁN NGÂN SÁCH HỘI ĐỒNG NHÂN DÂN "
     "HUYỆN ĐÔNG ANH KHÓA XX\nCăn cứ", {"subject": "VỀ DỰ TOÁN NGÂN SÁCH"}),  # the enacting body glued on
    ("Số: 6/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIỆC GIAO ĐẤT CHO HỘ GIA ĐÌNH VÀ\nỦY BAN NHÂN DÂN XÃ TÂN LẬP QUẢN LÝ\nCăn cứ",
     {"subject": "GIAO ĐẤT CHO HỘ GIA ĐÌNH VÀ ỦY BAN NHÂN DÂN XÃ TÂN LẬP QUẢN LÝ"}),  # "VÀ" runs on
    ("Số: 3/QĐ-UBND\nQUYẾT ĐỊNH CỦA UBND TỈNH BẮC KẠN\nVề việc ban hành Quy chế\n\nlàm việc của Ủy ban",
     {"doc_type": "Quyết định", "subject": "ban hành Quy chế làm việc của Ủy ban"}),  # author on the type line;
    # a line in lower case after a blank line still continues the title
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nQUY CHẾ LÀM\nVIỆC CỦA ỦY BAN NHÂN DÂN XÃ\nChương I",
     {"doc_type": "Quy chế", "subject": "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ"}),  # the title runs on after the type
    ("Số: 9/QĐ-UB\nQUYẾT ĐỊNH\nCỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V PHÊ DUYỆT QUY HOẠCH\nCăn cứ",
     {"subject": "PHÊ DUYỆT QUY HOẠCH"}),  # "CỦA <body> V/V": the author, then the subject
    ("QUỐC HỘI\nNGHỊ QUYẾT\n\nNGHỊQUYẾT\n\nVỀ VIỆC PHÊ CHUẨN ĐIỀU ƯỚC",
     {"subject": "PHÊ CHUẨN ĐIỀU ƯỚC"}),  # a web page repeats the title line
    ("ỦY BAN NHÂN DÂN\nHUYỆN LỤC NAM\nSố: 2/2017/QĐ-UBND\nLục Nam, ngày 1 tháng 2 năm 2017\n"
     "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN HUYỆN\nỦY BAN NHÂN DÂN HUYỆN LỤC NAM\nCăn cứ",
     {"doc_type": "Quyết định", "subject": "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN HUYỆN"}),  # no type line
    ("Số: 2865/SGDĐT-VP\nVề: góp ý dự thảo quy chế thi\nKính gửi: các trường",
     {"doc_type": "Công văn", "subject": "góp ý dự thảo quy chế thi"}),  # "Về:" for V/v
    ("Số: 4/CT-UBND\nCHỈ THỊ\nVỀVIỆC TĂNG CƯỜNG PHÒNG CHÁY\nCăn cứ",
     {"subject": "TĂNG CƯỜNG PHÒNG CHÁY"}),  # "VỀVIỆC": a web copy lost the space
    ("Số: 12/KH-UBND\nKẾ HOẠCH\nĐại hội thể dục thể thao huyện năm 2022\n\nThực hiện Kế hoạch số 3/KH-UBND",
     {"subject": "Đại hội thể dục thể thao huyện năm 2022"}),  # a mixed-case title: as before
]

TITLES += [
    ("UBND HUYỆN CAO PHONG\nCao Phong, ngày 2 tháng 1 năm 2020\nTHƯ NGỎ\nVận động ủng hộ Quỹ vì người nghèo\n\nTrong",
     {"doc_type": "Thư ngỏ", "subject": "Vận động ủng hộ Quỹ vì người nghèo"}),  # an open letter
    ("HỘI ĐỒNG NHÂN DÂN QUẬN 5\nSố: 2/NQ-HĐND\nVỀ KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2020\n"
     "HỘI ĐỒNG NHÂN DÂN QUẬN 5 KHÓA X - KỲ HỌP THỨ 9\nCăn cứ", {"subject": "VỀ KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2020"}),  # the
    # enacting line with its session ends the title
]

TITLES += [
    ("TỈNH ỦY NINH THUẬN\nSố 12-KL/TU\nPhan Rang, ngày 3 tháng 3 năm 2021\nKẾT LUẬN\nHỘI NGHỊ LẦN THỨ NĂM BAN CHẤP HÀNH\n"
     "về phát triển du lịch đến năm 2025,\nđịnh hướng đến năm 2030\nHội nghị lần thứ năm đã thảo luận",
     {"subject": "phát triển du lịch đến năm 2025, định hướng đến năm 2030"}),
    # the conference names the author (round 3: as "CỦA … VỀ"); the title runs on in lower case
]

# A portal's caption stands in place of the letterhead.
CAPTIONS = [
    ("Công văn số 88-CV/TU ngày 12/3/2019 của Thành ủy TPHCM về việc tổ chức Tết Trồng cây.\n\nThực hiện chỉ đạo",
     {"number": "88-CV/TU", "doc_type": "Công văn", "date": D(2019, 3, 12),
      "issuer": "Thành ủy thành phố Hồ Chí Minh", "issuer_level": "province",
      "subject": "tổ chức Tết Trồng cây"}),  # every field from the caption line
    ("Thực hiện Công văn số 88-CV/TU ngày 12/3/2019 của Thành ủy về việc tổ chức Tết Trồng cây.",
     {"number": None, "issuer": None}),  # a sentence citing a document is no caption
]

# Numbers as real letterheads write them.
OWN_NUMBERS = [
    ("CHÍNH PHỦ\nSố: 36a/NQ-CP", {"number": "36a/NQ-CP", "doc_type": "Nghị quyết"}),  # a letter after the serial
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nSố: 522b/NQ-UBTVQH13", {"number": "522b/NQ-UBTVQH13"}),  # standing committee
    ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 01/1999/QĐ.UB", {"number": "01/1999/QĐ.UB", "doc_type": "Quyết định",
                                                         "year": 1999}),  # old dotted form kept whole
    ("VĂN PHÒNG CHÍNH PHỦ\nSố: 1023/VPCP-V.I", {"number": "1023/VPCP-V.I", "doc_type": "Công văn"}),  # dotted unit
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 41-NQ/TƯ", {"number": "41-NQ/TƯ", "issuer": "Ban Chấp hành Trung ương",
                                            "doc_type": "Nghị quyết"}),  # "TƯ" written for "TW"
    ("Số 41-NQ/TƯ", {"issuer": "Ban Chấp hành Trung ương", "issuer_level": "central"}),  # "TƯ" names the committee
]

# Copies that lost the letterhead, or whose letterhead names the body without its place.
UNPLACED = [
    ("NGHỊ QUYẾT\nVề quy hoạch chung quận 4\n\nHỘI ĐỒNG NHÂN DÂN QUẬN 4\nKHÓA X, KỲ HỌP THỨ 5\n\nCăn cứ Luật",
     {"issuer": "Hội đồng nhân dân quận 4", "issuer_level": "district"}),  # no letterhead: the enacting line
    ("Số: 15/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc khen thưởng\nỦY BAN NHÂN DÂN HUYỆN KIM SƠN\nCăn cứ Luật",
     {"issuer": "Ủy ban nhân dân huyện Kim Sơn", "issuer_level": "district"}),  # the enacting line says more
    # than the ký hiệu's "UBND"
    ("THÔNG BÁO\nLịch tiếp công dân năm 2026\nCăn cứ Luật Tiếp công dân;\n"
     "Ủy ban nhân dân xã Tân Đoàn thông báo lịch tiếp công dân như sau:",
     {"issuer": "Ủy ban nhân dân xã Tân Đoàn", "issuer_level": "commune"}),  # the body names itself
    ("KẾ HOẠCH\nRà soát hộ nghèo\nỦy ban nhân dân huyện Xây dựng Kế hoạch như sau:",
     {"issuer": None}),  # "huyện Xây dựng" is no district: nothing is guessed
    ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 7/2017/QĐ-UBND |\n"
     "Lục Ngạn, ngày 2 tháng 3 năm 2017 |\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ LÀM VIỆC\nỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN\nCăn cứ",
     {"issuer": "Ủy ban nhân dân huyện Lục Ngạn", "issuer_level": "district"}),  # the letterhead's cell lost
    # the place: the enacting line names the body in full (and so its level)
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 5/2025/QĐ-CTUBND |\n"
     "Lâm Đồng, ngày 3 tháng 9 năm 2025 |\nCăn cứ Luật", {"issuer": "Chủ tịch Ủy ban nhân dân",
                                                       "issuer_level": "province"}),  # the place names a province
    ("HỘI ĐỒNG NHÂN DÂN\nSố: 9/NQ-HĐND\nMai Sơn, ngày 3 tháng 9 năm 2021\nCăn cứ Luật",
     {"issuer": "Hội đồng nhân dân", "issuer_level": None}),  # a huyện and a xã Mai Sơn: level not stated
]

# Cut-short copies and flattened headers with no title: what they state, and null for the rest.
CUT_SHORT = [
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN VĂN YÊN Độc lập - Tự do - Hạnh phúc\n"
     "Số: 310/UBND-NV Văn Yên, ngày 4 tháng 8 năm 2022\nKính gửi: UBND các xã, thị trấn\nThực hiện chỉ đạo",
     {"issuer": "Ủy ban nhân dân huyện Văn Yên", "number": "310/UBND-NV", "doc_type": "Công văn",
      "subject": None, "signer": None}),  # no V/v, no title: no subject; cut before the signature
    ("ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: 9/KH-UBND\nHòa Bình, ngày 5 tháng 1 năm 2023\nKẾ HOẠCH\n"
     "TRIỂN KHAI CÔNG TÁC PHÒNG CHỐNG THIÊN TAI\nCăn cứ Luật Phòng, chống thiên tai; Nghị định số 66/2021/NĐ-CP "
     "ngày 6 tháng 7 năm 2021 của Chính phủ quy định chi tiết thi hành",
     {"subject": "TRIỂN KHAI CÔNG TÁC PHÒNG CHỐNG THIÊN TAI", "signer": None,
      "signer_title": None}),  # the text stops inside the preamble
]

# Layout classes the first held-out set showed (issue 12): each a rule, each row a new sentence.
HELD_OUT_CLASSES = [
    ("HỘI ĐỒNG BỘ TRƯỞNG\nSố: 138-HĐBT\nHà Nội, ngày 12 tháng 9 năm 1983",
     {"number": "138-HĐBT", "issuer": "Hội đồng Bộ trưởng", "issuer_level": "central"}),  # no slash before 1992
    ("HỘI ĐỒNG CHÍNH PHỦ\nSố: 173-CP\nHà Nội, ngày 4 tháng 9 năm 1975",
     {"number": "173-CP", "issuer": "Hội đồng Chính phủ", "issuer_level": "central"}),  # the Government before 1981
    ("HỘI ĐỒNG NHÀ NƯỚC\nSố: 12-LCT/HĐNN\nQUYẾT ĐỊNH\nVỀ VIỆC ĐỔI TÊN HUYỆN THANH SƠN\nHỘI ĐỒNG NHÀ NƯỚC\nCăn cứ",
     {"issuer_level": "central", "subject": "ĐỔI TÊN HUYỆN THANH SƠN"}),  # its enacting line ends the title
    ("Số: 64B-HĐBT\nCăn cứ Luật", {"number": "64B-HĐBT", "issuer": "Hội đồng Bộ trưởng"}),  # a capital letter
    # after the serial; no letterhead: the code names the body
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1021/BGDĐT-GDTrH\nV/v hướng dẫn dạy thêm",
     {"number": "1021/BGDĐT-GDTrH", "doc_type": "Công văn", "issuer_level": "central"}),  # lower case in the code
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố:. 215/SGDĐT-GDTrH\nV/v: tuyển sinh lớp 10",
     {"number": "215/SGDĐT-GDTrH", "subject": "tuyển sinh lớp 10"}),  # a stray dot after "Số:"
    ("ỦY BAN NHÂN DÂN\nHUYỆN CẨM XUYÊN\nSố: 41/KH-UBND-VX\nKẾ HOẠCH\nTổ chức Ngày Sách Việt Nam\n\nThực hiện",
     {"number": "41/KH-UBND-VX", "doc_type": "Kế hoạch"}),  # the drafting unit after the issuer code
    ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 7/QĐ-UBND\nQuảng\nTrị , ngày 5 tháng 6 năm 2019\nQUYẾT ĐỊNH",
     {"place": "Quảng Trị", "date": D(2019, 6, 5)}),  # the place broken, a space before its comma
    ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 7/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN DU LỊCH TỈNH\n"
     "QUẢNG TRỊ ĐẾN NĂM 2030\nỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật",
     {"subject": "PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN DU LỊCH TỈNH QUẢNG TRỊ ĐẾN NĂM 2030"}),  # an enacting line without
    # its place ends the title
    ("ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\nSố: 9/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIỆC GIAO ĐẤT NĂM 2022 CHỦ TỊCH ỦY BAN NHÂN "
     "DÂN HUYỆN ĐÔNG SƠN\nCăn cứ", {"subject": "GIAO ĐẤT NĂM 2022"}),  # the office and body glued onto the title
    ("BCĐ XD NÔNG THÔN MỚI\nXÃ KỲ PHONG\nKỳ Phong, ngày 3 tháng 4 năm 2019\nBÁO CÁO",
     {"issuer": "Ban Chỉ đạo xây dựng nông thôn mới xã Kỳ Phong", "issuer_level": "commune"}),  # "XD" written out
    ("UBND TỈNH HÀ TĨNH\nSỞ NN&PTNT\nSố: 12/SNN-KH",
     {"issuer": "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Tĩnh"}),  # a department's short name
    ("UBND XÃ AN HÒA\nSố: 3/BC-UBND\nAn Hòa, ngày 2 tháng 3 năm 2020\nBÁO CÁO NHANH\nTình hình thiệt hại do bão số 2\n\n"
     "1. Thiệt hại", {"doc_type": "Báo cáo", "subject": "Tình hình thiệt hại do bão số 2"}),  # a qualified type
    ("Số: 4/KH-MTTQ-UBND\nKẾ HOẠCH LIÊN TỊCH\nPhối hợp tuyên truyền bầu cử năm 2021\n\nCăn cứ",
     {"doc_type": "Kế hoạch", "subject": "Phối hợp tuyên truyền bầu cử năm 2021"}),  # a joint plan
    ("BAN CHỈ ĐẠO\nBÁO CÁO TUẦN\nTiến độ làm đường giao thông nông thôn\nKết quả trong tuần:\n- Đổ bê tông",
     {"doc_type": "Báo cáo", "subject": "Tiến độ làm đường giao thông nông thôn"}),  # a heading with ":" is body
    ("Số: 9/TB-UBND\nTHÔNG BÁO\nVề viêc tạm dừng họp chợ phiên\n\nThực hiện",
     {"subject": "tạm dừng họp chợ phiên"}),  # a typo in the marker
    ("Số: 9/UBND-VP\nV.v tăng cường phòng cháy rừng\nKính gửi: các xã", {"subject": "tăng cường phòng cháy rừng"}),
    ("Số: 9/UBND-VP\nV/V: kiểm tra an toàn thực phẩm\nKính gửi: các xã",
     {"subject": "kiểm tra an toàn thực phẩm", "doc_type": "Công văn"}),  # capital V/V with a colon
    ("Số: 9/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIÊC THÀNH LẬP TỔ CÔNG TÁC\nCăn cứ", {"subject": "THÀNH LẬP TỔ CÔNG TÁC"}),
    ("QUYẾT ĐỊNH\nCỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 20-HĐBT NGÀY 3-2-1984 VỀ VIỆC CHIA HUYỆN ĐỒNG XUÂN\nHỘI ĐỒNG BỘ TRƯỞNG",
     {"subject": "CHIA HUYỆN ĐỒNG XUÂN"}),  # a title naming issuer, number and date: the subject after "VỀ VIỆC"
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nSố 102-CV/TƯ\nNghệ An, ngày 3 tháng 3 năm 2021\nV/v tổ chức hội nghị",
     {"issuer": "Tỉnh ủy Nghệ An", "issuer_level": "province"}),  # "TƯ" dated in a province: an OCR'd "TU"
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nSố 102-CV/TƯ\nHà Nội, ngày 3 tháng 3 năm 2021\nV/v tổ chức hội nghị",
     {"issuer": "Ban Chấp hành Trung ương", "issuer_level": "central"}),  # in Hà Nội: the Central Committee
]

# Classes the second held-out set showed (issue 12): each row a new sentence of that class.
SECOND_SET_CLASSES = [
    ("Điều 3. Các cơ quan thi hành.\n\nBỘ TRƯỞNG BỘ NỘI VỤNguyễn Văn Tường",
     {"signer": "Nguyễn Văn Tường"}),  # a signature cell whose line break was lost: title glued to the name
    ("Điều 2. Ủy ban nhân dân tỉnh thi hành quyết định này.\n\nTrần Đức Lương\n\n(Đã ký)",
     {"signer": "Trần Đức Lương", "signer_title": None}),  # an old copy: the name and "(Đã ký)", no title
    ("Điều 2. Giao các sở thi hành.\n\nNguyễn Thị Hà\n\n(Đã ký và đóng dấu)",
     {"signer": "Nguyễn Thị Hà"}),  # the same with "và đóng dấu"
    ("Điều 3. Thi hành.\nPhạm Văn Sơn\nĐề nghị các xã báo cáo kết quả.",
     {"signer": None}),  # a name inside the text, no "(Đã ký)" and no title: not a signer
    ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 7/QĐ-UBND\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ\n"
     + "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n" * 12 + "QUYẾT ĐỊNH:\n"
     "Điều 3. Thi hành./.\n|\nTM.\nỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Ngọc Hiền\n|\nQUY CHẾ\n"
     + "Điều 1. Phạm vi điều chỉnh của quy chế này.\n" * 70,
     {"signer": "Đỗ Ngọc Hiền", "signer_title": "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch"}),
    # the signature cell before a long annex; "TM." alone on its line
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 12/2025/NQ-HĐND\nĐồng Tháp, ngày 3 tháng 12 năm 2025\n\nNGHỊ\nQUYẾT\n\n"
     "QUY ĐỊNH MỨC CHI HỖ TRỢ HỌC SINH\n\nCăn cứ Luật",
     {"doc_type": "Nghị quyết", "subject": "QUY ĐỊNH MỨC CHI HỖ TRỢ HỌC SINH"}),  # the type name broken over two lines
    ("UBND HUYỆN ĐÔNG HÒA\nSố: 4/KH-UBND\nĐông Hòa, ngày 2 tháng 3 năm 2019\nKẾ\nHOẠCH\nTRIỂN KHAI TIÊM CHỦNG\nCăn cứ",
     {"doc_type": "Kế hoạch", "subject": "TRIỂN KHAI TIÊM CHỦNG"}),  # "KẾ" / "HOẠCH"
    ("BỘ TÀI CHÍNH -------- Số: 51/QĐ-BTC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "-------- Hà Nội, ngày 5 tháng 1 năm 2016 |\nQUYẾT ĐỊNH\n-----------\nBỘ TRƯỞNG BỘ TÀI CHÍNH\nCăn cứ Luật",
     {"issuer": "Bộ Tài chính", "subject": None}),  # a flattened cell keeps its rule; a rule under the type
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 120-HD/BTGTW\n"
     "Hà Nội, ngày 2 tháng 4 năm 2019\nHƯỚNG DẪN\nTUYÊN TRUYỀN KỶ NIỆM NGÀY THÀNH LẬP ĐẢNG",
     {"issuer": "Ban Tuyên giáo Trung ương", "issuer_level": "central"}),  # an organ of the Central Committee
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 45-CV/VPTW\nHà Nội, ngày 2 tháng 4 năm 2019",
     {"issuer": "Văn phòng Trung ương Đảng", "issuer_level": "central"}),  # its office
    ("BẢO HIỂM XÃ HỘI\nVIỆT NAM\nSố: 880/BHXH-CSYT\nHà Nội, ngày 2 tháng 4 năm 2015\nV/v thẻ bảo hiểm y tế",
     {"issuer": "Bảo hiểm xã hội Việt Nam", "issuer_level": "central"}),  # a body named for the country
    ("PHỦ THỦ TƯỚNG\nSố: 12-BT\nHà Nội, ngày 3 tháng 4 năm 1978\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP XÃ MỚI",
     {"issuer": "Phủ Thủ tướng", "issuer_level": "central"}),  # the Prime Minister's Office before 1981
    ("ỦY BAN NHÂN DÂN\nTHIỆU LONG\nSố: 15/KH-UBND\nThiệu Long, ngày 5 tháng 1 năm 2018\nKẾ HOẠCH\n"
     "Tổ chức Tết Nguyên đán\n\nUBND xã Thiệu Long xây dựng kế hoạch như sau:",
     {"issuer": "Ủy ban nhân dân xã Thiệu Long", "issuer_level": "commune"}),  # no unit word: the text names it
    ("ỦY BAN NHÂN DÂN\nHOẰNG ĐẠT\nSố: 3/TB-UBND\nHoằng Đạt, ngày 5 tháng 1 năm 2021\nTHÔNG BÁO\nLịch trực Tết",
     {"issuer": "Ủy ban nhân dân xã Hoằng Đạt", "issuer_level": "commune"}),  # the one unit of that name
    ("ỦY BAN NHÂN DÂN\nMAI SƠN\nSố: 3/TB-UBND\nTHÔNG BÁO\nLịch trực Tết",
     {"issuer": "Ủy ban nhân dân Mai Sơn", "issuer_level": None}),  # a huyện and a xã: the unit stays unstated
    ("SỞ Y TẾ\nSố: 12/SYT-NV\nPhan Thiết, ngày 05 tháng11 năm 2010 V/v phòng chống dịch sốt xuất huyết. ̉ ̀ ́ ̣ "
     "Kính gửi: - Các bệnh viện; - Trung tâm y tế các huyện.",
     {"date": D(2010, 11, 5), "place": "Phan Thiết", "subject": "phòng chống dịch sốt xuất huyết",
      "recipients": ("Các bệnh viện", "Trung tâm y tế các huyện")}),  # a PDF head on one line, loose tone marks
    ("UBND TX. BÌNH LONG\nPHÒNG TÀI CHÍNH - KẾ HOẠCH\nSố: 33/TCKH\nBình Long, ngày 2 tháng 5 năm 2012\n"
     "V/v quyết toán ngân sách",
     {"issuer": "Phòng Tài chính - Kế hoạch thị xã Bình Long", "issuer_level": "district"}),  # "TX." for thị xã
]

# Classes the documents collected after the held-out set showed (issue 12).
COLLECTED_CLASSES = [
    ("HỘI ĐỒNG CHÍNH PHỦ\n******\nVIỆT NAM DÂN CHỦ CỘNG HÒA\nĐộc lập - Tự do - Hạnh phúc\nSố: 45-CP\n"
     "Hà Nội, ngày 3 tháng 5 năm 1972\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP THỊ TRẤN MỚI\nHỘI ĐỒNG CHÍNH PHỦ\nCăn cứ",
     {"issuer": "Hội đồng Chính phủ", "issuer_level": "central", "number": "45-CP",
      "subject": "THÀNH LẬP THỊ TRẤN MỚI"}),  # the national heading before 1976
    ("HỘI ĐỒNG CHÍNH PHỦ | VIỆT NAM DÂN CHỦ CỘNG HÒA |\nSố: 12-CP | Hà Nội, ngày 3 tháng 2 năm 1970 |\nNGHỊ ĐỊNH\n"
     "VỀ VIỆC BAN HÀNH ĐIỀU LỆ BẢO HIỂM\nHỘI ĐỒNG CHÍNH PHỦ\nCăn cứ",
     {"subject": "BAN HÀNH ĐIỀU LỆ BẢO HIỂM", "date": D(1970, 2, 3)}),  # the same, in "|" cells
    ("BỘ NỘI VỤ\nSố: 15-BNV Hà Nội, ngày 9 tháng 3 năm 1975\nTHÔNG TƯ",
     {"number": "15-BNV", "place": "Hà Nội", "date": D(1975, 3, 9)}),  # an old number and the date on one line
    ("Điều 2. Bộ Nội vụ thi hành.\nK.T. THỦ TƯỚNG CHÍNH PHỦ\nPHÓ THỦ TƯỚNG\n\n\nĐỗ Mười",
     {"signer": "Đỗ Mười"}),  # "K.T." with dots
    ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 5/QĐ-UBND\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ LÀM VIỆC CỦA BAN QUẢN LÝ KHU KINH TẾ\n"
     "TỈNH AN GIANG\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG\nCăn cứ",
     {"subject": "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA BAN QUẢN LÝ KHU KINH TẾ TỈNH AN GIANG"}),  # a title ending in
    # the letterhead's place line
    ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 9/QĐ-UBND |\nVĩnh Long, ngày 5 tháng 3 năm 2021 |\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật", {"issuer": "Ủy ban nhân dân", "issuer_level": "province",
                                                  "subject": None}),  # the enacting line's unit word
    ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 9/QĐ-UBND |\nMai Sơn, ngày 5 tháng 3 năm 2021 |\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN\nCăn cứ Luật", {"issuer_level": "district"}),  # Mai Sơn: a huyện and a xã
    ("Y BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 3/KH-UBND", {"issuer": "Ủy ban nhân dân tỉnh Gia Lai"}),  # a lost drop cap
]

# A letterhead cell that lost its place line ("ỦY BAN NHÂN DÂN" alone, "TỈNH …" dropped by a web copy):
# the enacting line under the title names the body in full; without one the body stays as written.
LOST_PLACE_LINE = [
    ("HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 21/NQ-HĐND | Cao Bằng, ngày 9 tháng 7 năm 2022 |\n"
     "HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG\nKHÓA XVII, KỲ HỌP THỨ 8\nCăn cứ Luật Tổ chức chính quyền địa phương;",
     {"issuer": "Hội đồng nhân dân tỉnh Cao Bằng", "issuer_level": "province"}),  # a council's session line
    ("ỦY BAN NHÂN DÂN\nSố: 318/QĐ-UBND\nYên Thế, ngày 4 tháng 5 năm 2018\nQUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT DỰ TOÁN\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ\nCăn cứ Luật",
     {"issuer": "Ủy ban nhân dân huyện Yên Thế", "issuer_level": "district"}),  # the chairman's enacting line
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 95/UBND-NN | Lào Cai, ngày 2 tháng 3 năm 2016 |\n"
     "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn",
     {"issuer": "Ủy ban nhân dân"}),  # a công văn has no enacting line: "Lào Cai" is a province and a city
]

# Classes the third held-out set showed (issue 12, round 3): each a rule, each row a new sentence.
THIRD_SET_CLASSES = [
    ("SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  Độc lập  Tự do  Hạnh phúc   Số: 412/QĐSYT Huế, ngày 7 tháng "
     "3 năm 2020    QUYẾT ĐỊNH VỀ VIỆC THÀNH LẬP TỔ KIỂM TRA AN TOÀN THỰC PHẨM NĂM 2020 GIÁM ĐỐC SỞ Y TẾ Căn cứ "
     "Quyết định số 12/2016/QĐUBND ngày 1 tháng 3 năm 2016 của Ủy ban nhân dân tỉnh;",
     {"number": "412/QĐSYT", "doc_type": "Quyết định", "place": "Huế", "date": D(2020, 3, 7),
      "subject": "THÀNH LẬP TỔ KIỂM TRA AN TOÀN THỰC PHẨM NĂM 2020"}),  # a PDF page on one line, hyphens and
    # dashes lost: the number as printed, the director's enacting line cut off the title
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM HUYỆN TAM NÔNG Độc lập  Tự do  Hạnh phúc  Số: 9/KHUBND "
     "Tam Nông, ngày 2 tháng 4 năm 2018  KẾ HOẠCH PHÒNG CHỐNG LỤT BÃO NĂM 2018 Thực hiện Chỉ thị số 3/CTUBND",
     {"issuer": "Ủy ban nhân dân huyện Tam Nông", "number": "9/KHUBND", "doc_type": "Kế hoạch",
      "date": D(2018, 4, 2), "subject": "PHÒNG CHỐNG LỤT BÃO NĂM 2018"}),  # the two columns interleaved on
    # the one line; the title in capitals stops where the body's first sentence starts
    ("BAN CHẤP HÀNH TRUNG ƯƠNG BAN TỔ CHỨC * Số 12-HD/BTCTW ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 5 tháng 6 năm "
     "2019 HƯỚNG DẪN công tác phát triển đảng viên",
     {"issuer": "Ban Tổ chức Trung ương", "issuer_level": "central", "number": "12-HD/BTCTW", "place": "Hà Nội",
      "date": D(2019, 6, 5), "subject": "công tác phát triển đảng viên"}),  # a Party page on one line: the
    # committee and its organ on one letterhead line, the Party's name after the number
    ("BAN BÍ THƯ\nĐẢNG CỘNG SẢN VIỆT NAM\nQuyết định số: 05-QĐ/TW Hà Nội, ngày 15 tháng 5 năm 2016\nQUYẾT ĐỊNH",
     {"number": "05-QĐ/TW", "place": "Hà Nội", "date": D(2016, 5, 15)}),  # the number line names the type and
    # the date line follows on the same line
    ("HỘI ĐỒNG NHÂN DÂN\nSố: 30/NQ-HĐND\nLai Châu, ngày 9 tháng 12 năm 2020\nHỘI ĐỒNG NHÂN DÂN TỈNH LAI CHÂU\n"
     "KHÓA XIV, KỲ HỌP THỨ MƯỜI LĂM\nCăn cứ Luật Ngân sách nhà nước;",
     {"subject": None, "issuer": "Hội đồng nhân dân tỉnh Lai Châu"}),  # no title: the session line is no subject
    ("HỘI ĐỒNG NHÂN DÂN TỈNH BẮC KẠN\nSố: 7/NQ-HĐND\nKHÓA IX - KỲ HỌP THỨ 2\n\nCăn cứ Luật",
     {"subject": None}),  # the session line right under the number
    ("HỘI NÔNG DÂN VIỆT NAM\nSố: 3/NQ-HNDTW\nHà Nội, ngày 8 tháng 7 năm 2019\nNGHỊ QUYẾT\n"
     "HỘI NGHỊ LẦN THỨ TƯ BAN CHẤP HÀNH TRUNG ƯƠNG HỘI NÔNG DÂN VIỆT NAM\nKHÓA VII\n\n"
     "VỀ ĐỔI MỚI HOẠT ĐỘNG CỦA CHI HỘI\n\nHội nghị đã thảo luận",
     {"doc_type": "Nghị quyết", "subject": "ĐỔI MỚI HOẠT ĐỘNG CỦA CHI HỘI"}),  # the conference names the
    # author: the subject is what follows "VỀ"
    ("HUYỆN ỦY ĐÔNG HẢI\nSố 20-KL/HU\nĐông Hải, ngày 3 tháng 3 năm 2021\nKẾT LUẬN\nHỘI NGHỊ LẦN THỨ HAI\n"
     "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN (KHÓA XI)\nvề phát triển kinh tế biển,\nđến năm 2025\nHội nghị lần thứ hai đã",
     {"subject": "phát triển kinh tế biển, đến năm 2025"}),  # the same in lower case, over lines
    ("ỦY BAN NHÂN DÂN\nQUẬN BA ĐÌNH\nSố: 88/UBND-VP\nVề tổ chức ngày hội đọc sách năm 2019.\n" + MOTTO
     + "Ba Đình, ngày 2 tháng 4 năm 2019\nKính gửi: các phường",
     {"doc_type": "Công văn", "subject": "Về tổ chức ngày hội đọc sách năm 2019"}),  # "Về" for "V/v" under
    # the number: kept as written
    ("PHÒNG GIÁO DỤC\nSố: 5/PGD\n\nVề kiểm tra cuối học kỳ,\n\nnăm học 2015 - 2016.\n" + MOTTO,
     {"subject": "Về kiểm tra cuối học kỳ, năm học 2015 - 2016"}),  # the same over a blank line
    ("ỦY BAN NHÂN DÂN\nSố: 9/UBND\nThực hiện chỉ đạo\nVề phòng chống dịch bệnh",
     {"subject": None}),  # "Về" not under the number: a body line, no subject
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 61/UBND-NN | Lào Cai, ngày 5 tháng 1 năm 2015 |\n"
     "Kính gửi: Sở Nông nghiệp\nPhó Chủ tịch UBND tỉnh có ý kiến như sau: trên địa bàn tỉnh",
     {"issuer": "Ủy ban nhân dân", "issuer_level": "province"}),  # "Lào Cai": a province and a city;
    # the text calls its own unit "tỉnh"
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 61/UBND | Thái Bình, ngày 5 tháng 1 năm 2015 |\n"
     "Kính gửi: các thôn\nChủ tịch UBND tỉnh chỉ đạo; trên địa bàn xã đã",
     {"issuer_level": None}),  # the text also says "xã": level not stated
    ("BỘ CÔNG THƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 77/BCT-KH | Hà Nội, ngày 9 tháng 5 năm 2012 |\n"
     "Kính gửi: | - Sở Công Thương các tỉnh; |\nBộ Công Thương đề nghị",
     {"place": "Hà Nội", "date": D(2012, 5, 9)}),  # "Kính gửi:" cell before the date cell
    ("BỘ NỘI VỤ\nSố: 8/BNV-TL\nV/v nâng bậc lương năm 2016\nKính\ngửi: các Bộ\n" + MOTTO
     + "Hà Nội, ngày 3 tháng 1 năm 2016", {"subject": "nâng bậc lương năm 2016"}),  # "Kính" / "gửi:" broken
    ("KẾ HOẠCH\nPhòng chống dịch trên địa bàn huyện Trần Văn Thời\nỦy ban nhân dân huyện xây dựng Kế hoạch như sau:",
     {"issuer": "Ủy ban nhân dân huyện Trần Văn Thời", "issuer_level": "district"}),  # the body names itself by
    # its unit word; the title names the territory
    ("KẾ HOẠCH\nPhòng chống dịch trên địa bàn huyện Hòa Bình Xanh\nỦy ban nhân dân huyện xây dựng Kế hoạch:",
     {"issuer": None}),  # no district of that name: nothing guessed
    ("BỘ TÀI NGUYÊN\nSố: 41/BTNMT-TCMT\nV/v quan trắc môi trường",
     {"issuer": "Bộ Tài nguyên và Môi trường", "issuer_level": "central"}),  # the letterhead cut short: the
    # ký hiệu spells the ministry
    ("BỘ TÀI CHÍNH\nSố: 41/BTNMT-TCMT\nV/v quan trắc môi trường", {"issuer": "Bộ Tài chính"}),  # another
    # ministry's name: as written
    ("ỦY BAN NHÂN DÂN HUYỆN CỦ CHI\nTRUNG TÂM Y TẾ\nSố: 3/TTYT\nV/v tiêm chủng",
     {"issuer": "Trung tâm Y tế huyện Củ Chi", "issuer_level": "district"}),  # a centre takes its district's place
    ("BỘ CHÍNH TRỊ\nSố: 9-QĐ/TW\nQUY ĐỊNH (SỬA ĐỔI)\nVỀ CÔNG TÁC BẢO VỆ CHÍNH TRỊ NỘI BỘ\n- Căn cứ Điều lệ Đảng;",
     {"doc_type": "Quy định", "subject": "VỀ CÔNG TÁC BẢO VỆ CHÍNH TRỊ NỘI BỘ"}),  # the type qualified in
    # parentheses: no part of the subject
    ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 77/-UBND\nQUYẾT ĐỊNH", {"number": "77/-UBND", "doc_type": "Quyết định"}),
    # a copy lost the type code: the number as printed
    ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 77/-UBND", {"doc_type": None}),  # … and no công văn is guessed
    ("UBND TNH THI BNH\nS: 15/KH-UBND\nThi Bnh, ngay 3 thang 02 nm 2019\nK HOCH\nV vic trng cy xanh nm 2019",
     {"number": "15/KH-UBND", "doc_type": "Kế hoạch", "place": "Thi Bnh", "date": D(2019, 2, 3),
      "subject": "trng cy xanh nm 2019"}),  # a text layer lost every letter outside ASCII: what stays readable
]

# Classes the fourth held-out set showed (issue 12, round 4): each a rule, each row a new sentence.
FOURTH_SET_CLASSES = [
    ("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ----------- Độc lập - Tự do - Hạnh phúc Số: 12/2015/TT-BYT "
     "------------------ Hà Nội, ngày 3 tháng 6 năm 2015 THÔNG TƯ Hướng dẫn khám sức khỏe cho người lao động "
     "Căn cứ Luật Khám bệnh, chữa bệnh ngày 23 tháng 11 năm 2009; Căn cứ Nghị định số 63/2012/NĐ-CP;",
     {"number": "12/2015/TT-BYT", "place": "Hà Nội", "date": D(2015, 6, 3),
      "subject": "Hướng dẫn khám sức khỏe cho người lao động"}),  # a page on one line keeps the rules under
    # its cells; the title in sentence case stops where "Căn cứ" opens the preamble
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI Độc lập - Tự do - Hạnh phúc ------ "
     "--------- Biên Hòa, ngày 8 tháng 9 năm 2014 Số: 22/2014/CT-UBND CHỈ THỊ VỀ VIỆC TĂNG CƯỜNG QUẢN LÝ "
     "CHỢ TRÊN ĐỊA BÀN TỈNH Thời gian qua, công tác quản lý chợ",
     {"issuer": "Ủy ban nhân dân tỉnh Đồng Nai", "number": "22/2014/CT-UBND", "doc_type": "Chỉ thị",
      "place": "Biên Hòa", "date": D(2014, 9, 8), "subject": "TĂNG CƯỜNG QUẢN LÝ CHỢ TRÊN ĐỊA BÀN TỈNH"}),
    # the right column first, then the left column's number after the date, then the title
    ("BỘ XÂY DỰNG\nSố: 5/2019/TT-BXD\n" + MOTTO + "Hà Nội, ngày 1 tháng 8 năm 2019\nTHÔNG TƯ\n"
     "SỬA ĐỔI MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 3/2016/TT-BXD CỦA\nBỘ TRƯỞNG BỘ XÂY DỰNG VỀ PHÂN CẤP CÔNG TRÌNH\n"
     "Căn cứ Luật Xây dựng;",
     {"subject": "SỬA ĐỔI MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 3/2016/TT-BXD CỦA BỘ TRƯỞNG BỘ XÂY DỰNG VỀ PHÂN CẤP "
                 "CÔNG TRÌNH"}),  # the minister after "CỦA" is part of the title, not its enacting line
    ("ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN-HUẾ\nSố: 7/2012/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ QUẢN LÝ CHỢ TRÊN ĐỊA BÀN TỈNH\n"
     "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN - HUẾ\nCăn cứ Luật",
     {"subject": "VỀ QUẢN LÝ CHỢ TRÊN ĐỊA BÀN TỈNH"}),  # the enacting line spaces the hyphen the letterhead does not
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\nSố: 9/2013/QĐ-UBND\nQUYẾT ĐỊNH BAN HÀNH QUY CHẾ QUẢN LÝ CÂY XANH "
     "ĐÔ THỊ ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\nCăn cứ Luật",
     {"subject": "BAN HÀNH QUY CHẾ QUẢN LÝ CÂY XANH ĐÔ THỊ"}),  # a one-line letterhead naming a council with its
    # unit: glued at the end of the title, it is the enacting line
    ("\\r\\n ỦY BAN NHÂN DÂN | \\r\\n CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | \\r\\n\n\\r\\n Số: 8/KH-UBND "
     "\\r\\n | \\r\\n Bắc Kạn, ngày 2 tháng 3 năm 2021 \\r\\n |",
     {"number": "8/KH-UBND", "doc_type": "Kế hoạch", "place": "Bắc Kạn", "date": D(2021, 3, 2)}),  # a page's
    # escapes copied as text: "\\r\\n" is a line break
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 8/KH-UBND | Hà Giang, ngày 2 tháng 3 năm 2021 |\n"
     "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện trên địa bàn tỉnh Hà Giang như sau:",
     {"issuer": "Ủy ban nhân dân tỉnh Hà Giang", "issuer_level": "province"}),  # a province's plan names its
    # territory "tỉnh Hà Giang", the place of issue: its own name
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 40-KH/TWĐTN-CTTN\nHà Nội, ngày 2 tháng 4 năm 2022\n"
     "KẾ HOẠCH\nTổ chức Tháng Thanh niên năm 2022",
     {"issuer": "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh", "issuer_level": "central"}),  # the Youth
    # Union's name under its committee's line: one body
    ("UBND HUYỆN ĐỨC THỌ\nPHÒNG TÀI NGUYÊN & MÔI TRƯỜNG\nSố: 15/PTNMT\nV/v đo đạc đất đai",
     {"issuer": "Phòng Tài nguyên và Môi trường huyện Đức Thọ"}),  # "&" between words for "và"
    ("ỦY BAN NHÂN DÂN\nXÃ ……………\nSố: /BC-UBND\n" + MOTTO + "………., ngày 15 tháng 12 năm 2020\nBÁO CÁO\n"
     "Kết quả thực hiện nhiệm vụ năm 2020\nPhần thứ nhất\nKẾT QUẢ ĐẠT ĐƯỢC",
     {"issuer": "Ủy ban nhân dân xã", "issuer_level": "commune", "place": None, "date": D(2020, 12, 15),
      "subject": "Kết quả thực hiện nhiệm vụ năm 2020"}),  # a form: the names left to fill in are blanks,
    # and "Phần thứ nhất" opens the body
    ("QUYẾT ĐỊNH\nSỐ 112-HĐBT NGÀY 5-4-1990 CỦA HỘI ĐỒNG BỘ TRƯỞNG BAN HÀNH ĐIỀU LỆ BẢO HIỂM\n"
     "HỘI ĐỒNG BỘ TRƯỞNG\nCăn cứ Luật",
     {"number": "112-HĐBT", "date": D(1990, 4, 5), "issuer": "Hội đồng Bộ trưởng",
      "subject": "BAN HÀNH ĐIỀU LỆ BẢO HIỂM"}),  # the Gazette's title states number, date and author first
    ("NGHỊ QUYẾT\nSỐ 25 NQ/UBTVQH10 NGÀY 2-10-1997 CỦA ỦY BAN THƯỜNG VỤ QUỐC HỘI VỀ TỔ CHỨC KỲ HỌP",
     {"number": "25-NQ/UBTVQH10", "issuer": "Ủy ban Thường vụ Quốc hội", "subject": "TỔ CHỨC KỲ HỌP"}),
    # the number's hyphen printed as a space; "VỀ" after the author
    ("TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nChủ tịch\nNÔNG ĐỨC MẠNH\nLưu tại Trung tâm Lưu trữ\nquốc gia III",
     {"signer": "NÔNG ĐỨC MẠNH", "signer_title": "Chủ tịch"}),  # a name in capitals under its title
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Nam", {"signer": "Trần Văn Nam"}),  # the title's second line is
    # no name in capitals
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nHà Nội, ngày 4 tháng 3 năm 2014\nBAN TUYÊN GIÁO\nSố: 9-HD/BTGTW\nHƯỚNG DẪN\n"
     "một số điểm về tuyên truyền ban hành kèm theo\nKế hoạch số 12-KH/TW ngày 5 tháng 1 năm 2014 của Ban Bí thư về "
     "công tác tuyên truyền năm 2014",
     {"issuer": "Ban Tuyên giáo Trung ương",
      "subject": "một số điểm về tuyên truyền ban hành kèm theo Kế hoạch số 12-KH/TW ngày 5 tháng 1 năm 2014 "
                 "của Ban Bí thư về công tác tuyên truyền năm 2014"}),  # the right column's date before the
    # organ's line; a subject line ending "kèm theo" runs on
]

# Classes the fifth held-out set showed (issue 12, round 5): each a rule, each row a new sentence.
FIFTH_SET_CLASSES = [
    ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nSố: 12/BKHĐT-PC\nV/v đầu tư công", {"issuer": "Bộ Kế hoạch và Đầu tư"}),
    # "ĐẦU TƯ" is investment: its "TƯ" is no short form of Trung ương
    ("BỘ XÂY DỰNG ------- " + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ------\n"
     "Số: 88/BXD-KTXD V/v định mức xây dựng năm 2020 Hà Nội, ngày 9 tháng 1 năm 2020 Kính gửi: Sở Xây dựng",
     {"number": "88/BXD-KTXD", "place": "Hà Nội", "date": D(2020, 1, 9),
      "subject": "định mức xây dựng năm 2020"}),  # the trích yếu then the date on one line; the year that
    # ends it is no part of the place
    ("UBND TỈNH NINH THUẬN<b> CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n<b>SỞ Y TẾ</b> <b>Độc lập - Tự do - "
     "Hạnh phúc</b>\nSố:512/SYT <i>Phan Rang-Tháp Chàm, ngày 3 tháng 4 năm 2012</i>\nV/v tiêm chủng",
     {"issuer": "Sở Y tế tỉnh Ninh Thuận", "number": "512/SYT", "place": "Phan Rang-Tháp Chàm",
      "date": D(2012, 4, 3)}),  # a page's emphasis tags; the number glued to "Số:"
    ("BỘ TÀI CHÍNH-BỘ NỘI VỤ\nSố: 3/2010/TTLT-BTC-BNV\nTHÔNG TƯ LIÊN TỊCH\nHướng dẫn chế độ công tác phí",
     {"issuer": "Bộ Tài chính và Bộ Nội vụ", "issuer_level": "central"}),  # a joint circular's two ministries
    ("PHỦ THỦ TƯỚNG\nSố: 41/TTg\nHà Nội, ngày 3 tháng 2 năm 1978\nCHỈ THỊ\nVỀ CÔNG TÁC THỦY LỢI",
     {"issuer": "Thủ tướng Chính phủ"}),  # before 1981 the Prime Minister wrote under his office's letterhead
    ("PHỦ THỦ TƯỚNG\nSố: 12-BT\nHà Nội, ngày 3 tháng 2 năm 1978\nTHÔNG TƯ", {"issuer": "Phủ Thủ tướng"}),
    # … his office's own number stays the office's
    ("ỦY BAN NHÂN DÂN HUYỆN YÊN ĐỊNH\nCỘNG HÒA HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 12/KH-UBND\nYên Định, ngày 3 tháng 3 năm 2023\nKẾ HOẠCH\nPhòng chống dịch bệnh",
     {"issuer": "Ủy ban nhân dân huyện Yên Định", "issuer_level": "district"}),  # the motto with a word lost
    ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 7/QĐ-CT\nQUYẾT ĐỊNH\nBAN HÀNH ĐỊNH MỨC HỖ TRỢ TRÊN ĐỊA BÀN TỈNH HÀ NAM "
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật",
     {"subject": "BAN HÀNH ĐỊNH MỨC HỖ TRỢ TRÊN ĐỊA BÀN TỈNH HÀ NAM"}),  # the chair's enacting line glued on,
    # its place lost
    ("ỦY BAN NHÂN DÂN\nXÃ QUẢNG PHÚ\nSố: 5/KH-UBND\nKẾ HOẠCH\n\nTổ chức các hoạt động mừng Đảng, mừng Xuân "
     "Giáp Thìn năm 2024, kỷ niệm 94 năm ngày thành lập Đảng Cộng sản Việt Nam. Chuẩn bị các điều kiện tổ chức "
     "tốt các ngày lễ lớn trong quý I năm 2024 trên địa bàn xã Quảng Phú.\n\nCăn cứ Kế hoạch số 3/KH-UBND",
     {"subject": "Tổ chức các hoạt động mừng Đảng, mừng Xuân Giáp Thìn năm 2024, kỷ niệm 94 năm ngày thành lập "
                 "Đảng Cộng sản Việt Nam. Chuẩn bị các điều kiện tổ chức tốt các ngày lễ lớn trong quý I năm 2024 "
                 "trên địa bàn xã Quảng Phú"}),  # a long title of two sentences, then a blank and "Căn cứ"
    ("ỦY BAN NHÂN DÂN\nXÃ QUẢNG PHÚ\nSố: 9/TB-UBND\nTHÔNG BÁO\nVề việc công khai danh sách hộ nghèo,\n\n"
     "Giai đoạn 2022 - 2025\n\nCăn cứ Nghị định",
     {"subject": "công khai danh sách hộ nghèo, Giai đoạn 2022 - 2025"}),  # a title line ending in a comma runs
    # on over a blank line
    ("- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\n\nP. CHỦ TỊCH\n\nLê Văn Hùng", {"signer": "Lê Văn Hùng"}),  # "P." for Phó
    ("- Lưu: VT, TH.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNGNguyễn Văn Bình", {"signer": "Nguyễn Văn Bình"}),  # the
    # cell's line break lost between the title and the name
    ("- Lưu: VT, KTTH (2b). Minh Hà BỘ TRƯỞNG, CHỦ NHIỆM Trần Văn Sơn",
     {"signer": "Trần Văn Sơn"}),  # the signature cell on the recipients' last line, after the drafter's initials
    ("Điều 3. Quyết định này có hiệu lực.\n" + "\n".join(f"Dòng {k} của văn bản." for k in range(20))
     + "\nNơi nhận:\n- Lưu VT.\nKT.CHỦ TỊCH PHÓ CHỦ TỊCH Lê Thị Hoa QUY ĐỊNH VỀ MỨC HỖ TRỢ (Ban hành kèm theo)\n"
     + "\n".join(f"Điều {k}. Nội dung quy định thứ {k}." for k in range(70)),
     {"signer": "Lê Thị Hoa"}),  # one line: the signature before a long annex, its title glued on
]

# Round 6: a legal portal's page copied with the document, and the seventh held-out set's classes.
PORTAL_PAGE = ("|\n|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép\nX\n**\n"
               "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN\n**\nĐang tải văn bản...\n#\n**Số hiệu:**\n|\n215/KH-UBND\n|\n|\n"
               "**Loại văn bản:**\n|\nKế hoạch\n|\n**Nơi ban hành:**\n|\nTỉnh Nghệ An\n|\n|\n**Người ký:**\n|\n"
               "Lê Hồng Vinh\n|\n**Ngày ban hành:**\n|\n12/03/2024\n|\n|\n**Tình trạng:**\n|\nĐã biết\n|\n|\n")
SIXTH_ROUND_CLASSES = [
    (PORTAL_PAGE + "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\n|\nSố: 215/KH-UBND\n|\nNghệ An, ngày 12 tháng 3 năm 2024\n|\nKẾ HOẠCH\n"
     "Chuyển đổi số năm 2024\n\nThực hiện Nghị quyết số 05/NQ-TU",
     {"number": "215/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Nghệ An", "issuer_level": "province",
      "place": "Nghệ An", "date": D(2024, 3, 12), "subject": "Chuyển đổi số năm 2024"}),  # the portal's banner
    # and metadata table before the letterhead: skipped, its table kept out of the letterhead's
    (PORTAL_PAGE + "## Nghệ An đẩy mạnh chuyển đổi số\nNgày 12/3/2024, UBND tỉnh ban hành Kế hoạch 215.\n"
     "- Mục tiêu đến năm 2025.\n|\nỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\n|\nSố: 215/KH-UBND\n|\nNghệ An, ngày 12 tháng 3 năm 2024\nKẾ HOẠCH\n"
     "Chuyển đổi số năm 2024",
     {"number": "215/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Nghệ An", "date": D(2024, 3, 12)}),  # the
    # portal's own summary between the table and the document
    ("BỘ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI\nSố: 12/LĐTBXH-BTXH\nV/v trợ cấp xã hội",
     {"issuer": "Bộ Lao động - Thương binh và Xã hội"}),  # a ministry as the Government spells its name
    ("ỦY BAN NHÂN DÂN QUẬN 10\nSố: 41/BC-UBND\n" + MOTTO + "Quận\n10, ngày 3 tháng 5 năm 2016\nBÁO CÁO",
     {"place": "Quận 10", "date": D(2016, 5, 3)}),  # the district's number on the date line's next line
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 9/KH-UBND\nKẾ HOẠCH HÀNH ĐỘNG\n\nThực hiện Nghị quyết Đại hội Đảng bộ xã "
     "lần thứ XX,\n\nnhiệm kỳ 2025 - 2030 về phát triển kinh tế - xã hội\n\n\nNgày 5/8/2025, Ban Chấp hành",
     {"doc_type": "Kế hoạch", "subject": "Thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ XX, nhiệm kỳ 2025 - 2030 "
                                        "về phát triển kinh tế - xã hội"}),  # an action plan whose title opens
    # "Thực hiện …," and runs on in lower case
    ("Thực hiện chỉ đạo của Đảng ủy xã Thái Học về tổ chức Tết Trồng cây năm 2024.\n\nUBND xã Thái Học xây dựng "
     "Kế hoạch tổ chức Tết Trồng cây như sau:\n\nI. MỤC ĐÍCH",
     {"doc_type": "Kế hoạch", "issuer": "Ủy ban nhân dân xã Thái Học"}),  # a copy with no letterhead or title:
    # the body names itself and what it writes
    ("LỊCH TIẾP CÔNG DÂN ĐỊNH KỲ\nCỦA CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI\nCăn cứ Luật Tiếp công dân",
     {"issuer": None}),  # a schedule's title is no body's name
    ("Căn cứ Quyết định số 64B/HĐBT ngày 12/9/1981 của Hội đồng Bộ trưởng", {"number": None}),  # (its number:
    # tests/test_citations.py) not the document's own
    ("\n".join(f"Điều {k}. Nội dung thứ {k}." for k in range(20)) + "\nNơi nhận:\n- Lưu: VT.\n16 QĐ\nTM. ỦY BAN\nNHÂN DÂN\nCHỦ TỊCH\nTrần Văn Ba\nPHỤ LỤC\n"
     + "\n".join(f"{k}\nThủ tục hành chính thứ {k}" for k in range(40)),
     {"signer": "Trần Văn Ba", "signer_title": "TM. Ủy ban nhân dân, Chủ tịch"}),  # the copies' count above the
    # block, the body's name broken over the cell's lines, an annex after
    ("CỤC THUẾ\nSố: 5664/CT-CS\nV/v chính sách thuế\n" + MOTTO + "Hà Nội, ngày 1 tháng 12 năm 2025\nKính gửi: Ông A",
     {"doc_type": "Công văn"}),  # "CT" is the tax department's code here: a letter with a V/v is a công văn
]

# Round 7: the eighth blind set's classes (most of it copies of legal portals' pages).
SEVENTH_ROUND_CLASSES = [
    ("Quyết định 12/2019/QĐ-UBND\n\nQuyết định 12/2019/QĐ-UBND về quy chế quản lý chợ trên địa bàn tỉnh Hà Nam, "
     "ban hành kèm theo quyết định của Ủy ban nhân dân tỉnh Hà Nam và các văn bản liên quan được cập nhật.\n\n"
     "Nội dung toàn văn Quyết định 12/2019/QĐ-UBND quy chế quản lý chợ Hà Nam\n\nỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n"
     "--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/2019/QĐ-UBND\n"
     "Hà Nam, ngày 3 tháng 4 năm 2019\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ QUẢN LÝ CHỢ",
     {"number": "12/2019/QĐ-UBND", "date": D(2019, 4, 3), "place": "Hà Nam",
      "subject": "BAN HÀNH QUY CHẾ QUẢN LÝ CHỢ"}),  # a page's title and summary naming the document's number
    # stand before its letterhead, without a metadata table
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 8/QĐ-UBND\nQUYẾT ĐỊNH\nSỬA ĐỔI QUY ĐỊNH BAN HÀNH KÈM THEO "
     "QUYẾT ĐỊNH\nSỐ 4631/QĐ-UBND NGÀY 19 THÁNG 10 NĂM 2018 CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\n\nCăn cứ Luật",
     {"subject": "SỬA ĐỔI QUY ĐỊNH BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 4631/QĐ-UBND NGÀY 19 THÁNG 10 NĂM 2018 CỦA "
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ"}),  # "CỦA CHỦ TỊCH …" inside a title is no enacting line
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\nSố 9-KL/VPTW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 2 tháng 12 năm 2025\n"
     "KẾT LUẬN\n\nCỦA ĐỒNG CHÍ CHÁNH VĂN PHÒNG TRUNG ƯƠNG ĐẢNG\n\nTẠI HỘI NGHỊ GIAO BAN VĂN PHÒNG CẤP ỦY NĂM 2025\n"
     "\n-----\nNgày 1/12/2025",
     {"subject": "CỦA ĐỒNG CHÍ CHÁNH VĂN PHÒNG TRUNG ƯƠNG ĐẢNG TẠI HỘI NGHỊ GIAO BAN VĂN PHÒNG CẤP ỦY NĂM 2025"}),
    # the author's line and what follows it over a blank line: one title, as it has no "VỀ"
    ("Điều 1. Ban hành kèm theo Quyết định này Quy chế.\nĐiều 2. Hiệu lực.\nChương I\nQUY ĐỊNH CHUNG\n"
     "Điều 1. Phạm vi", {"signer": None}),  # a chapter's heading in capitals is no signer's name
]

# Round 8: the ninth blind set's classes (portal pages kept whole, with what follows the document).
EIGHTH_ROUND_CLASSES = [
    ("Để sử dụng toàn bộ tiện ích nâng cao của Hệ Thống Pháp Luật vui lòng lựa chọn và đăng ký gói cước.\n"
     "Nếu bạn là thành viên. Vui lòng ĐĂNG NHẬP để tiếp tục.\nỦY BAN NHÂN DÂN\nSố: 45/KH-UBND\n" + MOTTO
     + "Cao Bằng, ngày 5 tháng 9 năm 2023\nKẾ HOẠCH\nSẮP XẾP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ\nThực hiện Kết luận số 48-KL/TW",
     {"number": "45/KH-UBND", "date": D(2023, 9, 5), "place": "Cao Bằng",
      "subject": "SẮP XẾP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ"}),  # a portal's subscription banner opens "Để …", which no
    # longer reads as the body's first word
    ("BỘ TÀI CHÍNH\nCỤC HẢI QUAN\nSố: 12/TB-CHQ\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm\n2025\nTHÔNG BÁO",
     {"date": D(2025, 11, 21)}),  # the year on a line of its own
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nTHÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH\nSố 88-KH/TU\nTP.\nHồ Chí Minh, ngày 24 tháng 12 năm 2021",
     {"place": "TP. Hồ Chí Minh", "date": D(2021, 12, 24)}),  # "TP." broken from the city's name
    ("CỤC THUẾ\nTHUẾ TỈNH TÂY NINH\nSố: 3257/TNI-QLDN1\nV/v thuế suất thuế\nGTGT\nKính gửi: Công ty A",
     {"issuer": "Thuế tỉnh Tây Ninh", "issuer_level": "province", "subject": "thuế suất thuế GTGT"}),  # a
    # provincial tax office under the tax department (2025); a short form ending the trích yếu on its own line
    ("VĂN PHÒNG CHÍNH PHỦ - BỘ NỘI VỤ\nSố: 02/2011/TTLT-VPCP-BNV\nTHÔNG TƯ LIÊN TỊCH",
     {"issuer": "Văn phòng Chính phủ và Bộ Nội vụ", "issuer_level": "central"}),  # a joint circular's bodies
    ("ỦY BAN NHÂN DÂN\nHUYỆN CẦN ĐƯỚC\nSố: 5/QĐ-UBND\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
     "Xét đề nghị của Trưởng phòng Nội vụ,\nQUYẾT ĐỊNH:\nĐiều 1. Công nhận", {"doc_type": "Quyết định"}),  # the
    # title lost: the enacting formula states the type
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CẦN ĐƯỚC\nCăn cứ Luật Thi đua, khen thưởng;\nQUYẾT ĐỊNH:\nĐiều 1.",
     {"doc_type": "Quyết định"}),
    # round 9, from the tenth blind set: a signer's name broken over the signature cell's lines
    ("- Lưu: VT.\n|\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐỗ\nVăn Hải\n|", {"signer": "Đỗ Văn Hải"}),
    ("- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị\nHoa\n", {"signer": "Lê Thị Hoa"}),
    ("- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hoa\nPhó Chủ tịch", {"signer": "Lê Thị Hoa"}),  # a title after
    # the name is no part of it
    # round 10, from the eleventh blind set
    ("Đồng Nai, ngày 7 tháng 4 năm 2016tải về 10.7 Kb.\nKích10.7 Kb.\nỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\n"
     "straight connector 2Số: 151/UBND-VX\nVề việc thực hiện Đề án dân số\n" + MOTTO,
     {"number": "151/UBND-VX", "doc_type": "Công văn", "issuer": "Ủy ban nhân dân tỉnh Đồng Nai",
      "subject": "thực hiện Đề án dân số"}),  # a Word file's drawing object named in its text layer; the
    # letterhead's place line after a date line that a document site put first
    ("ỦY BAN NHÂN DÂN\nSố: 10/2005/QĐ-UB\n" + MOTTO + "Pleiku, ngày 5 tháng 8 năm 2005\nỦY BAN NHÂN DÂN TỈNH\n"
     "- Căn cứ Luật tổ chức HĐND và UBND;", {"issuer": "Ủy ban nhân dân", "issuer_level": "province"}),
    # the enacting line names the unit but lost the name too: the letterhead's body, the unit's level
    # found on the unlabelled survey of portal copies: a copy that lost the letterhead's left column
    ("--------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc--------- |\nSố: 1701/NQ-UBTVQH15 |\n|\n"
     "NGHỊ QUYẾT\n\nVề việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Gia Lai năm 2025\n\n---------\n\n"
     "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp;",
     {"number": "1701/NQ-UBTVQH15", "issuer": "Ủy ban Thường vụ Quốc hội", "issuer_level": "central"}),  # the
    # enacting line over the preamble names the body
    ("| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc |\nSố: 22/2025/TT-BYT |\n|\n"
     "Quy định về khám sức khỏe\n\nCăn cứ Luật Khám bệnh, chữa bệnh;",
     {"issuer": "Bộ Y tế", "issuer_level": "central"}),  # … or, with no enacting line, the ký hiệu's ministry
]

CASES = EIGHTH_ROUND_CLASSES + SEVENTH_ROUND_CLASSES + SIXTH_ROUND_CLASSES + FIFTH_SET_CLASSES + FOURTH_SET_CLASSES + THIRD_SET_CLASSES + LOST_PLACE_LINE + SECOND_SET_CLASSES + COLLECTED_CLASSES + HELD_OUT_CLASSES + CUT_SHORT + CAPTIONS + UNPLACED + LAYOUTS + TITLES + OWN_NUMBERS + WEB_PAGES + NUMBERS + DATES + URGENCY + SIGNATURES + RECIPIENTS + ISSUERS + SUBJECTS


@pytest.mark.parametrize("raw, expected", CASES)
def test_metadata_table(raw, expected):
    doc = parse(raw)
    got = {key: getattr(doc, key) for key in expected}
    got = {k: (v.value if hasattr(v, "value") else v) for k, v in got.items()}
    assert got == expected


def test_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("text, expected", [
    ("ngày 15 tháng 7 năm 2021", (D(2021, 7, 15), 2021)),  # written out
    ("ngày 09/9/2021", (D(2021, 9, 9), 2021)),  # slashes
    ("05-10-2022", (D(2022, 10, 5), 2022)),  # bare, hyphens
    ("ngày tháng năm 2021", (None, 2021)),  # blank
    ("ngày 30/02/2020", (None, 2020)),  # impossible
    ("năm 2021", (None, None)),  # no "ngày … tháng": not a date line
    ("", (None, None)),  # empty
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_fields_not_stated_are_none():
    doc = parse("Nội dung không có tiêu đề, không số, không ngày.")
    assert doc.to_json() == {
        "number": None, "doc_type": None, "issuer": None, "issuer_level": None, "parent_body": None,
        "place": None, "date": None, "year": None, "subject": None, "urgency": None, "recipients": [],
        "signer": None, "signer_title": None, "citations": [],
    }


def test_strings_are_nfc():
    doc = parse(unicodedata.normalize("NFD", "UỶ BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ\nSố: 5/QĐ-UBND\n"
                                             "Đức Thọ, ngày 1 tháng 2 năm 2021\nV/v hoà giải ở cơ sở"))
    for value in doc.to_json().values():
        if isinstance(value, str):
            assert unicodedata.is_normalized("NFC", value)
    assert doc.subject == "hòa giải ở cơ sở"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_never_raises_on_any_string(raw):
    doc = parse_document(raw)
    assert doc.number is None or doc.number.strip() == doc.number


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "ỦY BAN NHÂN DÂN", "HUYỆN MAI SƠN", "Số: /UBND-VP", "Số 288 - CV/HU", "Mai Sơn, ngày 09 tháng 9 năm 2021",
    "V/v tiếp tục", "KHẨN", "Kính gửi:", "- Các phòng;", "TL. CHỦ TỊCH", "Trần Thị Diễm", "", "*",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ngày tháng năm", "Số:", "Kính gửi", "QUYẾT ĐỊNH",
    "|", "| Số: 5/UBND |", "QUY CHẾ LÀM", "VỀ VIỆC", "ỦY BAN NHÂN DÂN HUYỆN MAI SƠN", "Độc Lập - Tự Do - Hạnh Phúc",
    "Nơi nhận:", "- Lưu: VT.", "(Đã ký)", "Phó Chủ tịch", "Công văn số 5/UBND ngày 1/2/2021 của UBND tỉnh về việc x",
]), max_size=25))
def test_parse_never_raises_on_shuffled_letterheads(lines):
    parse(" \n".join(lines))


# Generated documents with ground truth (benchmarks/generator.py writes them from the same rules,
# in the layout of the seeds, for real pre-2025 units). Strings are compared with whitespace
# collapsed: the generator's truth keeps the stray spaces its noise adds.
GENERATED_FIELDS = ["number", "doc_type", "issuer", "issuer_level", "parent_body", "place", "date", "year",
                    "subject", "urgency", "recipients", "signer", "signer_title"]


def _collapsed(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (list, tuple)):
        return [_collapsed(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
def test_generated_documents_agree_with_their_truth(dirty):
    from benchmarks.generator import generate

    docs = list(generate(300, seed=5, dirty=dirty))
    wrong = {field: [] for field in GENERATED_FIELDS}
    for gen in docs:
        got, truth = parse(gen.text).to_json(), gen.truth.to_json()
        for field in GENERATED_FIELDS:
            if _collapsed(got[field]) != _collapsed(truth[field]):
                wrong[field].append((gen.filename, got[field], truth[field]))
    # The truth spells a few bodies oddly ("Thị Xã", "Công an tỉnh tỉnh …"): allow 2 % there.
    loose = {"issuer", "parent_body", "subject"}
    for field, misses in wrong.items():
        assert len(misses) <= (0.02 * len(docs) if field in loose else 0), (field, misses[:3])
