"""Hand-written phrase lists for the directive generator (:mod:`benchmarks.generator`).

Written from the seeds' style and the wording of real dispatches; nothing here is
copied from the corpus. Slots in braces are filled per document:

- ``{dv}``: the issuing unit's own word ("huyện", "thị xã", "tỉnh", "xã" …);
- ``{coso}``: the units below it ("các xã, thị trấn", "các huyện, thành phố" …);
- ``{year}``, ``{next_year}``, ``{deadline}`` (a date after the document's), ``{pct}``.

Each topic lists the real central documents that local ones cite most (only numbers
and dates known to be right), and the laws cited by name in "Căn cứ" lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date


@dataclass(frozen=True)
class External:
    """A real central document cited by local ones; never generated, always external."""

    number: str
    doc_type: str
    issuer: str  # key of a central body in generator.CENTRAL
    date: dt.date
    subject: str
    group: str = ""  # documents cited together in one enumeration share a group


@dataclass(frozen=True)
class Topic:
    """One subject area: what documents about it say, who drafts them, what they cite."""

    key: str
    start: dt.date
    end: dt.date
    weight: float
    subjects: tuple[str, ...]
    situation: tuple[str, ...]
    tasks: tuple[str, ...]
    units: tuple[tuple[str, ...], tuple[str, ...]]  # công văn unit codes: (province, district)
    department: str  # key of the provincial Sở that drafts it
    ministry: str  # key of the central Bộ in charge
    laws: tuple[str, ...]
    externals: tuple[External, ...]


_FAR = D(2099, 12, 31)
_EARLY = D(1990, 1, 1)

TOPICS: tuple[Topic, ...] = (
    Topic(
        key="covid",
        start=D(2020, 1, 25), end=D(2022, 12, 31), weight=3.0,
        subjects=(
            "tăng cường các biện pháp phòng, chống dịch COVID-19",
            "tiếp tục triển khai các biện pháp phòng, chống dịch COVID-19 trên địa bàn {dv}",
            "thực hiện giãn cách xã hội trên địa bàn {dv} để phòng, chống dịch COVID-19",
            "kiểm soát người ra vào địa bàn {dv} trong thời gian cao điểm phòng, chống dịch",
            "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19",
            "tổ chức cách ly y tế tập trung và theo dõi sức khỏe tại nhà",
            "xét nghiệm sàng lọc SARS-CoV-2 tại các khu vực có nguy cơ cao",
        ),
        situation=(
            "Tình hình dịch COVID-19 trong nước tiếp tục diễn biến phức tạp, số ca mắc mới trong cộng đồng tăng nhanh tại nhiều tỉnh, thành phố.",
            "Trên địa bàn {dv} đã ghi nhận các trường hợp dương tính với vi rút SARS-CoV-2 chưa rõ nguồn lây, nguy cơ lây lan trong cộng đồng là rất lớn.",
            "Một bộ phận người dân còn tâm lý chủ quan, lơ là, chưa thực hiện nghiêm thông điệp 5K của Bộ Y tế.",
            "Công tác phòng, chống dịch thời gian qua đã đạt được nhiều kết quả quan trọng, tình hình dịch bệnh cơ bản được kiểm soát.",
            "Việc khai báo y tế, quản lý người từ vùng dịch trở về địa phương ở một số nơi còn chưa chặt chẽ.",
        ),
        tasks=(
            "thực hiện nghiêm thông điệp 5K, đeo khẩu trang nơi công cộng, không tụ tập đông người",
            "rà soát, lập danh sách người từ các tỉnh, thành phố có dịch trở về địa phương, yêu cầu khai báo y tế và theo dõi sức khỏe theo quy định",
            "chuẩn bị sẵn sàng các khu cách ly tập trung, bảo đảm đủ điều kiện về cơ sở vật chất, trang thiết bị và lực lượng phục vụ",
            "kiện toàn Tổ COVID cộng đồng tại các thôn, tổ dân phố, phát huy vai trò giám sát của người dân",
            "tổ chức xét nghiệm sàng lọc cho người có biểu hiện ho, sốt, khó thở và người thuộc nhóm nguy cơ cao",
            "tạm dừng các hoạt động văn hóa, thể thao, lễ hội, sự kiện tập trung đông người không cần thiết",
            "kiểm tra, xử lý nghiêm các trường hợp vi phạm quy định phòng, chống dịch theo đúng quy định của pháp luật",
            "bảo đảm cung ứng lương thực, thực phẩm, hàng hóa thiết yếu cho Nhân dân trong khu vực phong tỏa",
            "xây dựng kịch bản, phương án ứng phó với các cấp độ dịch, không để bị động, bất ngờ",
            "hướng dẫn các doanh nghiệp, cơ sở sản xuất xây dựng phương án sản xuất an toàn, vừa sản xuất vừa phòng, chống dịch",
            "thực hiện nghiêm việc quét mã QR, khai báo y tế điện tử tại các cơ quan, chợ, siêu thị và nơi công cộng",
            "báo cáo hằng ngày tình hình dịch bệnh về Ban Chỉ đạo phòng, chống dịch trước 15 giờ",
        ),
        units=(("VX", "KGVX", "VX1", "YT"), ("YT", "VP")),
        department="syt", ministry="byt",
        laws=("Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007",),
        externals=(
            External("15/CT-TTg", "Chỉ thị", "ttg", D(2020, 3, 27),
                     "quyết liệt thực hiện đợt cao điểm phòng, chống dịch COVID-19", "ct-covid"),
            External("16/CT-TTg", "Chỉ thị", "ttg", D(2020, 3, 31),
                     "thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19", "ct-covid"),
            External("19/CT-TTg", "Chỉ thị", "ttg", D(2020, 4, 24),
                     "tiếp tục thực hiện biện pháp phòng, chống dịch COVID-19 trong tình hình mới", "ct-covid"),
            External("117/2020/NĐ-CP", "Nghị định", "cp", D(2020, 9, 28),
                     "quy định xử phạt vi phạm hành chính trong lĩnh vực y tế"),
            External("128/NQ-CP", "Nghị quyết", "cp", D(2021, 10, 11),
                     "ban hành Quy định tạm thời “Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19”"),
        ),
    ),
    Topic(
        key="vaccine",
        start=D(2021, 2, 27), end=D(2022, 12, 31), weight=2.0,
        subjects=(
            "triển khai tiêm vắc xin phòng COVID-19 năm {year} trên địa bàn {dv}",
            "đẩy nhanh tiến độ tiêm vắc xin phòng COVID-19",
            "tổ chức tiêm vắc xin phòng COVID-19 mũi nhắc lại",
            "tiêm vắc xin phòng COVID-19 cho trẻ em từ 5 đến dưới 12 tuổi",
            "bảo đảm an toàn tiêm chủng vắc xin phòng COVID-19",
        ),
        situation=(
            "Tỷ lệ bao phủ vắc xin phòng COVID-19 trên địa bàn {dv} còn thấp so với yêu cầu, nhất là mũi nhắc lại.",
            "Lô vắc xin được phân bổ đợt này phải được sử dụng hết trước hạn dùng, không để lãng phí.",
            "Việc tiêm vắc xin là biện pháp quan trọng nhất để bảo vệ sức khỏe Nhân dân và phục hồi kinh tế - xã hội.",
        ),
        tasks=(
            "rà soát, lập danh sách đối tượng tiêm vắc xin phòng COVID-19 theo thứ tự ưu tiên, không để sót đối tượng",
            "tổ chức các điểm tiêm cố định và lưu động, bảo đảm an toàn tiêm chủng theo hướng dẫn của Bộ Y tế",
            "tuyên truyền, vận động người dân tham gia tiêm vắc xin đầy đủ, đúng lịch, nhất là người cao tuổi và người có bệnh nền",
            "bố trí đủ nhân lực, trang thiết bị cấp cứu, xử trí phản ứng sau tiêm tại mỗi điểm tiêm",
            "cập nhật kịp thời dữ liệu tiêm chủng lên Hệ thống thông tin tiêm chủng COVID-19",
            "phấn đấu đạt tỷ lệ {pct}% người từ 18 tuổi trở lên được tiêm đủ liều cơ bản trước {deadline}",
            "bảo quản vắc xin theo đúng quy định về dây chuyền lạnh, không để hư hỏng, lãng phí",
            "báo cáo kết quả tiêm vắc xin hằng ngày về Trung tâm Y tế trước 16 giờ",
        ),
        units=(("VX", "KGVX", "YT"), ("YT",)),
        department="syt", ministry="byt",
        laws=("Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007",),
        externals=(
            External("21/NQ-CP", "Nghị quyết", "cp", D(2021, 2, 26),
                     "mua và sử dụng vắc xin phòng COVID-19"),
        ),
    ),
    Topic(
        key="flood",
        start=_EARLY, end=_FAR, weight=1.2,
        subjects=(
            "chủ động ứng phó với bão số {n} và mưa lũ",
            "triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
            "khắc phục hậu quả mưa lũ, sạt lở đất trên địa bàn {dv}",
            "bảo đảm an toàn hồ, đập và công trình thủy lợi mùa mưa lũ năm {year}",
            "kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn",
        ),
        situation=(
            "Theo tin của Trung tâm Dự báo khí tượng thủy văn quốc gia, áp thấp nhiệt đới đã mạnh lên thành bão, gây mưa rất to trên diện rộng.",
            "Mưa lớn kéo dài đã gây ngập úng cục bộ, sạt lở đất tại một số tuyến đường giao thông và khu dân cư.",
            "Mùa mưa lũ năm nay được dự báo có diễn biến bất thường, nguy cơ xảy ra lũ quét, sạt lở đất ở vùng núi là rất cao.",
        ),
        tasks=(
            "theo dõi chặt chẽ diễn biến của bão, lũ, kịp thời thông báo để Nhân dân chủ động phòng tránh",
            "rà soát, sơ tán người dân ra khỏi khu vực nguy hiểm, vùng trũng thấp, ven sông, suối có nguy cơ sạt lở",
            "kiểm tra, gia cố hệ thống đê điều, hồ đập, công trình thủy lợi, bố trí lực lượng trực 24/24 giờ",
            "chuẩn bị đầy đủ vật tư, phương tiện theo phương châm bốn tại chỗ",
            "tổ chức thu hoạch nhanh lúa và hoa màu đã chín theo phương châm xanh nhà hơn già đồng",
            "huy động lực lượng dân quân, công an giúp Nhân dân chằng chống nhà cửa, khắc phục hậu quả",
            "tổng hợp, báo cáo thiệt hại về người, tài sản, nhà ở, cây trồng, vật nuôi theo quy định",
            "cắm biển cảnh báo, bố trí lực lượng hướng dẫn tại các ngầm tràn, đoạn đường bị ngập sâu",
        ),
        units=(("NN", "KT", "NN1"), ("NN", "KT")),
        department="snn", ministry="bnn",
        laws=("Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013",),
        externals=(
            External("66/2021/NĐ-CP", "Nghị định", "cp", D(2021, 7, 6),
                     "quy định chi tiết thi hành Luật Phòng, chống thiên tai và Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều"),
        ),
    ),
    Topic(
        key="admin",
        start=_EARLY, end=_FAR, weight=1.2,
        subjects=(
            "đẩy mạnh công tác cải cách hành chính năm {year}",
            "nâng cao chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
            "chấn chỉnh kỷ luật, kỷ cương hành chính trong cơ quan nhà nước",
            "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
            "rà soát, đơn giản hóa thủ tục hành chính năm {year}",
        ),
        situation=(
            "Chỉ số cải cách hành chính năm {year} của {dv} có cải thiện nhưng một số chỉ số thành phần còn thấp.",
            "Tình trạng hồ sơ giải quyết quá hạn, phải bổ sung nhiều lần vẫn còn xảy ra tại một số cơ quan, đơn vị.",
            "Cải cách hành chính là nhiệm vụ trọng tâm, thường xuyên, gắn với trách nhiệm người đứng đầu.",
        ),
        tasks=(
            "niêm yết công khai, đầy đủ các thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả",
            "giải quyết hồ sơ thủ tục hành chính đúng hạn, không để tồn đọng, không yêu cầu thêm giấy tờ ngoài quy định",
            "công khai xin lỗi người dân, tổ chức đối với hồ sơ trễ hạn theo quy định",
            "đẩy mạnh thực hiện dịch vụ công trực tuyến toàn trình, phấn đấu tỷ lệ hồ sơ trực tuyến đạt {pct}%",
            "tăng cường kiểm tra công vụ, xử lý nghiêm cán bộ, công chức có hành vi nhũng nhiễu, gây phiền hà",
            "thực hiện nghiêm quy định về văn hóa công sở, chấm dứt tình trạng đi muộn về sớm",
            "rà soát chức năng, nhiệm vụ, sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
            "báo cáo kết quả thực hiện cải cách hành chính định kỳ hằng quý gửi Phòng Nội vụ tổng hợp",
        ),
        units=(("NC", "NV", "TH"), ("NV", "VP")),
        department="snv", ministry="bnv",
        laws=(),
        externals=(
            External("61/2018/NĐ-CP", "Nghị định", "cp", D(2018, 4, 23),
                     "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"),
            External("30/2020/NĐ-CP", "Nghị định", "cp", D(2020, 3, 5), "về công tác văn thư"),
            External("76/NQ-CP", "Nghị quyết", "cp", D(2021, 7, 15),
                     "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030"),
        ),
    ),
    Topic(
        key="land",
        start=_EARLY, end=_FAR, weight=1.0,
        subjects=(
            "tăng cường công tác quản lý nhà nước về đất đai trên địa bàn {dv}",
            "xử lý các trường hợp lấn chiếm, sử dụng đất sai mục đích",
            "đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất lần đầu",
            "công tác bồi thường, hỗ trợ, giải phóng mặt bằng các dự án trọng điểm",
            "lập kế hoạch sử dụng đất năm {next_year}",
        ),
        situation=(
            "Tình trạng lấn chiếm, xây dựng trái phép trên đất nông nghiệp, đất công vẫn diễn ra ở một số địa phương.",
            "Tiến độ giải phóng mặt bằng một số dự án còn chậm, ảnh hưởng đến việc giải ngân vốn đầu tư công.",
        ),
        tasks=(
            "rà soát, thống kê các trường hợp vi phạm pháp luật về đất đai, lập hồ sơ xử lý dứt điểm",
            "công khai quy hoạch, kế hoạch sử dụng đất đã được phê duyệt tại trụ sở và trên cổng thông tin điện tử",
            "đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân đủ điều kiện",
            "phối hợp với chủ đầu tư kiểm đếm, lập phương án bồi thường, hỗ trợ, tái định cư đúng quy định",
            "tăng cường kiểm tra việc khai thác khoáng sản, tài nguyên nước, bảo vệ môi trường",
            "giải quyết dứt điểm các đơn thư khiếu nại, tranh chấp đất đai kéo dài",
        ),
        units=(("KT", "NN3", "TNMT"), ("TNMT",)),
        department="stnmt", ministry="btnmt",
        laws=("Luật Đất đai ngày 29 tháng 11 năm 2013",),
        externals=(
            External("43/2014/NĐ-CP", "Nghị định", "cp", D(2014, 5, 15),
                     "quy định chi tiết thi hành một số điều của Luật Đất đai"),
        ),
    ),
    Topic(
        key="budget",
        start=_EARLY, end=_FAR, weight=1.0,
        subjects=(
            "xây dựng dự toán ngân sách nhà nước năm {next_year}",
            "đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {year}",
            "tăng cường công tác thu ngân sách nhà nước những tháng cuối năm {year}",
            "thực hành tiết kiệm, chống lãng phí trong chi thường xuyên",
            "quyết toán ngân sách nhà nước năm {year}",
        ),
        situation=(
            "Tỷ lệ giải ngân vốn đầu tư công đến nay mới đạt {pct}% kế hoạch vốn được giao, thấp hơn cùng kỳ năm trước.",
            "Thu ngân sách trên địa bàn tuy đạt khá nhưng một số khoản thu từ đất còn thấp so với dự toán.",
        ),
        tasks=(
            "rà soát, đánh giá khả năng thực hiện dự toán thu, chi ngân sách năm {year}",
            "xây dựng dự toán sát thực tế, đúng định mức, bảo đảm nguồn thực hiện chính sách an sinh xã hội",
            "tập trung đôn đốc thu hồi nợ đọng thuế, chống thất thu ngân sách",
            "khẩn trương hoàn thiện hồ sơ thanh toán khối lượng hoàn thành, không để dồn vào cuối năm",
            "điều chuyển vốn từ các dự án chậm giải ngân sang các dự án có khả năng giải ngân tốt",
            "thực hiện nghiêm việc công khai ngân sách theo quy định",
        ),
        units=(("KT", "TH", "KT1"), ("TCKH",)),
        department="stc", ministry="btc",
        laws=("Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015",),
        externals=(
            External("163/2016/NĐ-CP", "Nghị định", "cp", D(2016, 12, 21),
                     "quy định chi tiết thi hành một số điều của Luật Ngân sách nhà nước"),
        ),
    ),
    Topic(
        key="education",
        start=_EARLY, end=_FAR, weight=1.0,
        subjects=(
            "chuẩn bị các điều kiện cho năm học {year} - {next_year}",
            "tổ chức kỳ thi tốt nghiệp trung học phổ thông năm {year}",
            "bảo đảm an toàn trường học và phòng, chống đuối nước cho học sinh",
            "triển khai Chương trình giáo dục phổ thông 2018",
            "tuyển sinh vào lớp 1, lớp 6 năm học {year} - {next_year}",
        ),
        situation=(
            "Cơ sở vật chất, thiết bị dạy học ở một số trường chưa đáp ứng yêu cầu đổi mới chương trình, sách giáo khoa.",
            "Tình trạng thiếu giáo viên ở một số môn học, cấp học vẫn chưa được khắc phục.",
        ),
        tasks=(
            "rà soát, sắp xếp mạng lưới trường, lớp; bảo đảm đủ phòng học, bàn ghế cho học sinh",
            "chuẩn bị đầy đủ sách giáo khoa, thiết bị dạy học trước ngày tựu trường",
            "tổ chức tuyển sinh đúng quy chế, công khai, minh bạch",
            "bố trí, điều động giáo viên hợp lý giữa các trường, khắc phục tình trạng thừa, thiếu cục bộ",
            "tăng cường giáo dục kỹ năng sống, phòng, chống đuối nước cho học sinh trong dịp hè",
            "vận động học sinh bỏ học trở lại trường, hỗ trợ học sinh có hoàn cảnh khó khăn",
        ),
        units=(("VX", "KGVX"), ("GDĐT",)),
        department="sgd", ministry="bgd",
        laws=("Luật Giáo dục ngày 14 tháng 6 năm 2019",),
        externals=(
            External("32/2018/TT-BGDĐT", "Thông tư", "bgd", D(2018, 12, 26),
                     "ban hành Chương trình giáo dục phổ thông"),
        ),
    ),
    Topic(
        key="asf",
        start=_EARLY, end=_FAR, weight=0.9,
        subjects=(
            "phòng, chống bệnh Dịch tả lợn châu Phi",
            "tiêm phòng vắc xin cho gia súc, gia cầm đợt {n} năm {year}",
            "phòng, chống dịch cúm gia cầm và bệnh Viêm da nổi cục trên trâu, bò",
            "tháng vệ sinh, tiêu độc, khử trùng môi trường chăn nuôi",
        ),
        situation=(
            "Bệnh Dịch tả lợn châu Phi đã xuất hiện trở lại tại nhiều hộ chăn nuôi, nguy cơ lây lan ra diện rộng là rất cao.",
            "Tỷ lệ tiêm phòng cho đàn vật nuôi ở một số địa phương còn thấp, chưa đạt yêu cầu.",
        ),
        tasks=(
            "giám sát chặt chẽ tình hình dịch bệnh trên đàn vật nuôi, phát hiện sớm, xử lý kịp thời ổ dịch mới",
            "tiêu hủy lợn bệnh theo đúng quy định, thực hiện hỗ trợ cho người chăn nuôi có lợn bị tiêu hủy",
            "kiểm soát chặt chẽ việc vận chuyển, giết mổ, buôn bán động vật và sản phẩm động vật",
            "tổ chức phun khử trùng, tiêu độc tại khu vực chăn nuôi, chợ buôn bán gia súc, gia cầm",
            "tiêm phòng đầy đủ các loại vắc xin cho đàn vật nuôi, đạt tỷ lệ trên {pct}% tổng đàn",
        ),
        units=(("NN", "NN1"), ("NN", "KT")),
        department="snn", ministry="bnn",
        laws=("Luật Thú y ngày 19 tháng 6 năm 2015",),
        externals=(
            External("972/QĐ-TTg", "Quyết định", "ttg", D(2020, 7, 7),
                     "phê duyệt Kế hoạch quốc gia phòng, chống bệnh Dịch tả lợn châu Phi giai đoạn 2020 - 2025"),
        ),
    ),
    Topic(
        key="crops",
        start=_EARLY, end=_FAR, weight=0.9,
        subjects=(
            "chỉ đạo sản xuất vụ Đông Xuân {year} - {next_year}",
            "triển khai sản xuất vụ Mùa năm {year}",
            "phòng trừ sâu bệnh hại lúa vụ Hè Thu",
            "chống hạn, xâm nhập mặn cho cây trồng",
        ),
        situation=(
            "Thời tiết diễn biến bất thường, rét đậm, rét hại kéo dài ảnh hưởng đến tiến độ gieo cấy.",
            "Sâu cuốn lá nhỏ, rầy nâu và bệnh đạo ôn đang phát sinh gây hại trên diện rộng.",
        ),
        tasks=(
            "bố trí cơ cấu giống, lịch thời vụ hợp lý, gieo cấy tập trung trong khung thời vụ tốt nhất",
            "chủ động nguồn nước tưới, nạo vét kênh mương nội đồng trước khi vào vụ",
            "hướng dẫn nông dân thăm đồng, phòng trừ sâu bệnh kịp thời, đúng kỹ thuật",
            "đẩy mạnh cơ giới hóa, liên kết sản xuất theo chuỗi giá trị",
            "khuyến khích chuyển đổi cơ cấu cây trồng trên đất trồng lúa kém hiệu quả",
        ),
        units=(("NN", "KT"), ("NN",)),
        department="snn", ministry="bnn",
        laws=("Luật Trồng trọt ngày 19 tháng 11 năm 2018",),
        externals=(),
    ),
    Topic(
        key="digital",
        start=_EARLY, end=_FAR, weight=1.1,
        subjects=(
            "đẩy mạnh chuyển đổi số trên địa bàn {dv} năm {year}",
            "sử dụng văn bản điện tử, chữ ký số trong hoạt động của cơ quan nhà nước",
            "triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử",
            "thành lập Tổ công nghệ số cộng đồng",
            "bảo đảm an toàn thông tin mạng trong cơ quan nhà nước",
        ),
        situation=(
            "Tỷ lệ văn bản điện tử gửi, nhận giữa các cơ quan hành chính đã tăng nhưng việc ký số còn chưa đồng đều.",
            "Hạ tầng mạng ở vùng sâu, vùng xa còn hạn chế, kỹ năng số của người dân chưa đáp ứng yêu cầu.",
        ),
        tasks=(
            "sử dụng chữ ký số cho toàn bộ văn bản điện tử gửi, nhận trên hệ thống quản lý văn bản và điều hành",
            "thu thập, làm sạch dữ liệu dân cư, bảo đảm đúng, đủ, sạch, sống",
            "hướng dẫn người dân cài đặt, kích hoạt tài khoản định danh điện tử mức độ 2",
            "thành lập và duy trì hoạt động của Tổ công nghệ số cộng đồng ở các thôn, tổ dân phố",
            "rà soát, nâng cấp hạ tầng công nghệ thông tin, bảo đảm an toàn, an ninh mạng",
            "đẩy mạnh thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính",
        ),
        units=(("TH", "KGVX", "VX"), ("VHTT", "VP")),
        department="stttt", ministry="btttt",
        laws=("Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005",),
        externals=(
            External("17/NQ-CP", "Nghị quyết", "cp", D(2019, 3, 7),
                     "về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025"),
            External("45/2020/NĐ-CP", "Nghị định", "cp", D(2020, 4, 8),
                     "về thực hiện thủ tục hành chính trên môi trường điện tử"),
            External("749/QĐ-TTg", "Quyết định", "ttg", D(2020, 6, 3),
                     "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"),
            External("06/QĐ-TTg", "Quyết định", "ttg", D(2022, 1, 6),
                     "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030"),
        ),
    ),
    Topic(
        key="fire",
        start=_EARLY, end=_FAR, weight=0.7,
        subjects=(
            "tăng cường công tác phòng cháy, chữa cháy mùa hanh khô",
            "phòng cháy, chữa cháy rừng năm {year}",
            "bảo đảm an toàn phòng cháy, chữa cháy đối với nhà ở kết hợp sản xuất, kinh doanh",
        ),
        situation=(
            "Thời tiết nắng nóng kéo dài, nguy cơ cháy rừng đang ở cấp cực kỳ nguy hiểm.",
            "Gần đây đã xảy ra một số vụ cháy nhà ở kết hợp kinh doanh gây thiệt hại nghiêm trọng về người và tài sản.",
        ),
        tasks=(
            "kiểm tra an toàn phòng cháy, chữa cháy tại các cơ sở kinh doanh karaoke, nhà trọ, chợ",
            "tuyên truyền, hướng dẫn người dân kỹ năng thoát nạn, sử dụng bình chữa cháy",
            "bố trí lực lượng canh phòng lửa rừng tại các điểm có nguy cơ cao",
            "kiện toàn đội dân phòng, lực lượng phòng cháy và chữa cháy cơ sở",
        ),
        units=(("NC",), ("VP",)),
        department="sca", ministry="bca",
        laws=("Luật Phòng cháy và chữa cháy ngày 29 tháng 6 năm 2001",),
        externals=(
            External("136/2020/NĐ-CP", "Nghị định", "cp", D(2020, 11, 24),
                     "quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy và chữa cháy và Luật sửa đổi, bổ sung một số điều của Luật Phòng cháy và chữa cháy"),
        ),
    ),
    Topic(
        key="traffic",
        start=_EARLY, end=_FAR, weight=0.7,
        subjects=(
            "bảo đảm trật tự, an toàn giao thông dịp Tết Nguyên đán và mùa Lễ hội Xuân {next_year}",
            "xử lý vi phạm nồng độ cồn khi tham gia giao thông",
            "giải tỏa hành lang an toàn đường bộ",
        ),
        situation=(
            "Tai nạn giao thông trên địa bàn tuy giảm về số vụ nhưng vẫn còn xảy ra các vụ nghiêm trọng.",
        ),
        tasks=(
            "tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm về nồng độ cồn, tốc độ",
            "tuyên truyền Nhân dân chấp hành quy định đội mũ bảo hiểm khi đi mô tô, xe gắn máy",
            "giải tỏa các trường hợp lấn chiếm hành lang an toàn giao thông, họp chợ trên đường",
            "rà soát, khắc phục các điểm đen, điểm tiềm ẩn tai nạn giao thông",
        ),
        units=(("NC",), ("VP",)),
        department="sca", ministry="bca",
        laws=("Luật Giao thông đường bộ ngày 13 tháng 11 năm 2008",),
        externals=(
            External("100/2019/NĐ-CP", "Nghị định", "cp", D(2019, 12, 30),
                     "quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt"),
        ),
    ),
    Topic(
        key="election",
        start=D(2020, 6, 21), end=D(2021, 6, 30), weight=1.5,
        subjects=(
            "tổ chức bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026",
            "tuyên truyền về cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp",
            "bảo đảm an ninh, trật tự phục vụ cuộc bầu cử ngày 23 tháng 5 năm 2021",
        ),
        situation=(
            "Cuộc bầu cử là sự kiện chính trị quan trọng, được tổ chức đồng thời trong cả nước vào ngày 23 tháng 5 năm 2021.",
        ),
        tasks=(
            "lập, niêm yết danh sách cử tri đúng thời gian, bảo đảm không bỏ sót, không trùng lặp",
            "thành lập các Tổ bầu cử, bố trí khu vực bỏ phiếu thuận tiện cho cử tri",
            "tuyên truyền sâu rộng để cử tri hiểu rõ quyền và nghĩa vụ, đi bầu cử đầy đủ",
            "bảo đảm an ninh, trật tự, an toàn tại các khu vực bỏ phiếu và phòng, chống dịch trong ngày bầu cử",
        ),
        units=(("NC", "NV"), ("NV", "VP")),
        department="snv", ministry="bnv",
        laws=("Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân ngày 25 tháng 6 năm 2015",),
        externals=(
            External("45-CT/TW", "Chỉ thị", "bct", D(2020, 6, 20),
                     "về lãnh đạo cuộc bầu cử đại biểu Quốc hội khóa XV và bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026"),
        ),
    ),
    Topic(
        key="ntm",
        start=_EARLY, end=_FAR, weight=0.8,
        subjects=(
            "xây dựng nông thôn mới, nông thôn mới nâng cao năm {year}",
            "thực hiện Chương trình Mỗi xã một sản phẩm (OCOP)",
            "huy động nguồn lực xây dựng nông thôn mới kiểu mẫu",
        ),
        situation=(
            "Một số tiêu chí nông thôn mới như môi trường, thu nhập, hộ nghèo còn chưa bền vững.",
        ),
        tasks=(
            "rà soát, đánh giá mức độ đạt các tiêu chí nông thôn mới, xây dựng lộ trình cụ thể cho từng tiêu chí",
            "vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn",
            "hỗ trợ các chủ thể xây dựng, hoàn thiện hồ sơ sản phẩm OCOP",
            "duy trì phong trào xanh - sạch - đẹp, thu gom, xử lý rác thải sinh hoạt tại các thôn",
        ),
        units=(("NN", "KT"), ("NN", "KT")),
        department="snn", ministry="bnn",
        laws=(),
        externals=(
            External("263/QĐ-TTg", "Quyết định", "ttg", D(2022, 2, 22),
                     "phê duyệt Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025"),
        ),
    ),
    Topic(
        key="party",
        start=_EARLY, end=_FAR, weight=0.8,
        subjects=(
            "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}",
            "tăng cường công tác kiểm tra, giám sát của cấp ủy năm {year}",
            "công tác phát triển đảng viên và kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm {year}",
            "tổ chức sinh hoạt chi bộ định kỳ, nâng cao chất lượng sinh hoạt chi bộ",
        ),
        situation=(
            "Công tác xây dựng Đảng thời gian qua đạt được nhiều kết quả, song chất lượng sinh hoạt ở một số chi bộ còn hình thức.",
            "Một số cấp ủy chưa thực sự quan tâm công tác tạo nguồn, phát triển đảng viên trong thanh niên, học sinh.",
        ),
        tasks=(
            "quán triệt đến cán bộ, đảng viên các nội dung chuyên đề học tập năm {year}",
            "xây dựng kế hoạch kiểm tra, giám sát sát thực tế, tập trung vào lĩnh vực dễ phát sinh sai phạm",
            "tạo nguồn, bồi dưỡng quần chúng ưu tú để kết nạp vào Đảng",
            "nâng cao chất lượng sinh hoạt chi bộ, đổi mới nội dung sinh hoạt chuyên đề",
            "tổ chức kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên cuối năm đúng hướng dẫn",
        ),
        units=(("NC",), ("VP",)),
        department="snv", ministry="bnv",
        laws=(),
        externals=(
            External("05-CT/TW", "Chỉ thị", "bct", D(2016, 5, 15),
                     "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        ),
    ),
)

# Tasks that suit every topic: follow-up, reporting, propaganda, responsibility.
GENERIC_TASKS: tuple[str, ...] = (
    "tăng cường công tác tuyên truyền trên hệ thống đài truyền thanh cơ sở để Nhân dân biết, thực hiện",
    "phân công cán bộ theo dõi, đôn đốc, kiểm tra việc thực hiện tại cơ sở",
    "tổng hợp kết quả thực hiện, báo cáo trước {deadline} để tổng hợp, báo cáo cấp trên",
    "chủ động tham mưu các giải pháp phù hợp với tình hình thực tiễn của địa phương",
    "phối hợp chặt chẽ với các cơ quan, đơn vị liên quan trong quá trình tổ chức thực hiện",
    "kịp thời phản ánh những khó khăn, vướng mắc phát sinh để được hướng dẫn, giải quyết",
    "bố trí kinh phí từ nguồn ngân sách được giao năm {year} để thực hiện các nhiệm vụ theo quy định",
    "đưa kết quả thực hiện vào tiêu chí đánh giá, xếp loại thi đua cuối năm",
    "thực hiện nghiêm chế độ thông tin, báo cáo định kỳ và đột xuất",
    "biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu",
)

# Closing paragraphs (responsibility, follow-up).
CLOSINGS: tuple[str, ...] = (
    "Yêu cầu Thủ trưởng các cơ quan, đơn vị và Chủ tịch UBND {coso} nghiêm túc triển khai thực hiện./.",
    "Đây là nhiệm vụ quan trọng, cấp bách; yêu cầu các cơ quan, đơn vị, địa phương tập trung triển khai thực hiện nghiêm túc, hiệu quả./.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo về Văn phòng để tổng hợp, báo cáo xử lý./.",
    "Người đứng đầu các cơ quan, đơn vị, địa phương chịu trách nhiệm trước cấp trên nếu để xảy ra chậm trễ, thiếu sót./.",
)

# Leads of the intro paragraph after the citations: who demands what.
DEMANDS: tuple[str, ...] = (
    "{self_} yêu cầu các cơ quan, đơn vị, địa phương thực hiện tốt một số nội dung sau:",
    "{self_} chỉ đạo như sau:",
    "{self_} có ý kiến chỉ đạo như sau:",
    "để tiếp tục thực hiện có hiệu quả nhiệm vụ này trong thời gian tới, {self_} yêu cầu:",
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Hà", "Tạ")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Quốc", "Ngọc", "Xuân", "Thu",
          "Công", "Đình", "Mạnh", "Thành", "Anh", "Hồng", "Kim", "Trọng")
GIVEN = ("Hùng", "Dũng", "Long", "Tuấn", "Hải", "Nam", "Hòa", "Bình", "Sơn", "Thắng", "Lan",
         "Hương", "Diễm", "Mai", "Hà", "Trang", "Cường", "Phong", "Quang", "Toàn", "Vinh",
         "Hiếu", "Khánh", "Thủy", "Tâm", "Thịnh", "Lực", "Chiến", "Nghĩa", "Tùng")

ROMAN = ("I", "II", "III", "IV", "V")
