"""The labelled evaluation set of semantic and hybrid search (issue 14), on real text only.

Documents (keys ``kind:name``):

- ``real:<stem>``: the 65 real directives of tests/data/real/ (SOURCES.md there);
- ``sample:<stem>``: the real dispatches of samples/seeds/ and samples/chain/;
- ``corpus:<id>``: 195 articles of the Vietnamese Legal Code (../shared/corpus, see
  data/semantic_eval/SOURCES.md) copied into data/semantic_eval/corpus.jsonl — 45 judged ones
  chosen as the relevant documents and hard negatives below, and 150 background articles drawn at
  random among those that mention none of the topics queried here.

Each query is typed as an official would (with or without diacritics, the everyday word for the
administrative one), with the documents judged relevant by reading them; ``hard`` names documents
on a neighbouring topic that share its words or its field (people vs livestock vaccination,
"cách ly tập trung" vs "cụm công nghiệp tập trung") and must not rank above a relevant one.
A document neither relevant nor hard is irrelevant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    relevant: tuple[str, ...]
    hard: tuple[str, ...] = ()


def _r(*stems: str) -> tuple[str, ...]:
    return tuple(f"real:{s}" for s in stems)


def _s(*stems: str) -> tuple[str, ...]:
    return tuple(f"sample:{s}" for s in stems)


def _c(*ids: str) -> tuple[str, ...]:
    return tuple(f"corpus:{i}" for i in ids)


_BTN = "y-te-duoc__phong-chong-benh-truyen-nhiem#"
_TY = "nong-nghiep-nong-thon__thu-y#"
_QT = "dau-tu__nghi-dinh-193-2026-nd-cp-quyet-toan-von-dau-tu-du-an#"
_TCD = "hanh-chinh-tu-phap__nghi-dinh-154-2026-nd-cp-tiep-cong-dan#"

# Vaccinating people: the Vĩnh Phúc chain of 2021 (plan, dispatches, notices of each level), the
# Government's resolution on buying vaccines, and the decree on the vaccination programme.
VACCINATION = _s("commune_dang-uy-xa-thien-ke_45-CV-DU_2021-03-23", "commune_ubnd-xa-hoang-lau_27-KH-UBND_2021-03-31",
                 "commune_ubnd-xa-thien-ke_27-KH-UBND_2021-03-29", "commune_ubnd-xa-thien-ke_31-TB-UBND_2021-04-16",
                 "district_huyen-uy-binh-xuyen_312-CV-HU_2021-03-19", "district_ubnd-huyen-binh-xuyen_845-UBND-YT_2021-03-22",
                 "district_ubnd-huyen-tam-duong_845-UBND-YT_2021-03-24", "province_tinh-uy-vinh-phuc_325-CV-TU_2021-03-08",
                 "province_ubnd-tinh-vinh-phuc_2296-KH-UBND_2021-03-15", "central_chinh-phu_21-NQ-CP_2021-02-26") \
    + _c(_BTN + "4", _BTN + "23")
# Vaccinating animals: compulsory prevention for land animals, trials and makers of veterinary
# vaccines, the fine for not vaccinating livestock.
ANIMAL_VACCINES = _c(_TY + "147", _TY + "393", _TY + "394", _TY + "406",
                     "nong-nghiep-nong-thon__nghi-dinh-204-2026-nd-cp-xu-phat-vi-pham-thu-y#8")
# Fighting COVID-19 among people: the seed dispatches of 2021–2022 and the Government's resolution 128.
COVID = _s("ubnd-huyen-binh-xuyen_so-trong-UBND-VP_2021_phong-chong-covid", "ubnd-huyen-mai-son_so-trong-UBND-VP_2021-09-09_khan-covid",
           "ubnd-huyen-tan-uyen_254-TUBND-VP_2021-10-26", "huyen-uy-tra-vinh_506-CV-HU_2022",
           "huyen-uy-xuan-truong_288-CV-HU_2021-07-15", "central_chinh-phu_128-NQ-CP_2021-10-11")
# Animal epidemics: what fighting them covers, safe zones, aquatic epidemics.
ANIMAL_EPIDEMICS = _c(_TY + "76", _TY + "79", _TY + "38")
# Medical isolation of people (the decree on "cách ly y tế", the money for isolated people).
ISOLATION = _c(_BTN + "228", _BTN + "229", _BTN + "8")
# "tập trung" in other senses: industrial clusters (Châu Thành's dispatch on clearing land for
# "khu, cụm công nghiệp tập trung"), concentrated livestock farms, concentrated herb growing.
CONCENTRATED = _r("ubnd-huyen-chau-thanh_184-ubnd-2018") + _c(_TY + "148", "y-te-duoc__duoc#140")
INDUSTRIAL_ZONES = _r("ubnd-huyen-chau-thanh_184-ubnd-2018") + _c(
    "lao-dong__lao-dong#95", "an-ninh-quoc-gia__nhap-canh-xuat-canh-qua-canh-cu-tru-cua-nguoi-nuoc-ngoai-tai-viet-nam#105")
# Paying out public investment: the annual public-investment plan, the medium-term plan, the
# payment office's duties (disbursement figures), District 3's capital plan for works.
PUBLIC_INVESTMENT = _c("thuong-mai-dau-tu-chung-khoan__dau-tu-cong#8", "tai-chinh__ngan-sach-nha-nuoc#539", _QT + "34") \
    + _r("hdnd-quan-3_12-2007-nq-hdnd")
SETTLEMENT = _c(_QT + "1", _QT + "4", _QT + "29", _QT + "31", _QT + "34")
SCIENCE_FUNDS = _c("khoa-hoc-cong-nghe#612")  # "giải ngân" of science-and-technology grants, not public investment
BUDGET = _r("ubnd-tinh-quang-binh_08-ct-ubnd-2015") + _c("tai-chinh__ngan-sach-nha-nuoc#1", "tai-chinh__ngan-sach-nha-nuoc#7")
DISASTERS = _r("van-phong-chinh-phu_247-tb-vpcp") + _c(
    "nong-nghiep-nong-thon__phong-chong-thien-tai#1", "nong-nghiep-nong-thon__phong-chong-thien-tai#2", "giao-thong-van-tai#259")
DROUGHT = _r("ubnd-tinh-lang-son_07-kh-ubnd-2020")
WARD_CLASSES = _r("hdnd-quan-6_19-2006-nq-hdnd", "hdnd-quan-8_07-2007-nq-hdnd", "hdnd-quan-tan-phu_41-2006-nq-hdnd")
UNIT_CLASSES = WARD_CLASSES + _r("hdnd-huyen-can-gio_10-2007-nq-hdnd")
MERGERS = _r("ubtvqh_653-2019-ubtvqh14")
PROCEDURES = _r("chinh-phu_48-2013-nd-cp", "ubnd-tp-ha-noi_5450-qd-ubnd-2025", "ubnd-tinh-long-an_463-qd-ubnd-2025",
                "ubnd-tinh-bac-giang_119-qd-ubnd-2009", "ubnd-tinh-thanh-hoa_128-2025-qd-ubnd")
REFORM = PROCEDURES + _r("ubnd-tinh-quang-ngai_2074-qd-ubnd-2021", "van-phong-chinh-phu_2011-03-29",
                         "van-phong-chinh-phu_8283-vpcp-tccv", "van-phong-chinh-phu_7019-vpcp-tccv")
WORKING_RULES = _r("ubnd-huyen-binh-chanh_03-2017-qd-ubnd", "ubnd-quan-10_04-2014-qd-ubnd", "ubnd-quan-1_quy-che-lam-viec-2014",
                   "ubnd-xa-xuan-phu_quy-che-lam-viec-2021")
POVERTY = _r("chinh-phu_80-nq-cp-2011", "ubnd-huyen-u-minh-thuong_kh-ra-soat-ho-ngheo-2021") + _c(
    "tai-chinh__ngan-sach-nha-nuoc#272", "tai-chinh__ngan-sach-nha-nuoc#295", "quoc-phong__quoc-phong#182")
RECEPTION = _r("ubnd-xa-tan-doan_lich-tiep-cong-dan-2026", "ubnd-xa-tay-son_lich-tiep-cong-dan-2025") + _c(
    _TCD + "10", _TCD + "12", _TCD + "20", _TCD + "21", _TCD + "22")
MINERALS = _r("ubnd-tinh-lao-cai_1998-11-09") + _c("tai-chinh__thuc-hanh-tiet-kiem-chong-lang-phi#66", "trat-tu-an-toan-xa-hoi#3991")
ANIMAL_QUARANTINE = _c(_TY + "198", _TY + "199")
ECONOMY_PLANS = _r("hdnd-quan-2_01-2008-nq-hdnd", "ubnd-quan-go-vap_133-qd-ubnd-2022")

QUERIES: tuple[Query, ...] = (
    # -- vaccinating people; livestock vaccination is the hard negative
    Query("tiêm vắc xin phòng COVID-19 cho người dân", VACCINATION, ANIMAL_VACCINES),  # the words of the chain
    Query("chích ngừa cho người dân", VACCINATION, ANIMAL_VACCINES),  # the everyday word for tiêm chủng
    Query("tiem chung vac xin covid", VACCINATION, ANIMAL_VACCINES),  # typed without diacritics
    Query("kế hoạch tiêm chủng đợt 1 cho đối tượng ưu tiên", VACCINATION, ANIMAL_VACCINES),  # paraphrase of the plans
    Query("chích ngừa covid cho bà con trong xã", VACCINATION, ANIMAL_VACCINES),  # spoken, commune level
    # -- vaccinating animals; people's vaccination is the hard negative
    Query("tiêm phòng vắc xin cho gia súc, gia cầm", ANIMAL_VACCINES, VACCINATION),  # livestock, formal
    Query("chích ngừa cho heo gà", ANIMAL_VACCINES, VACCINATION),  # livestock, everyday southern words
    Query("phòng bệnh bắt buộc cho vật nuôi", ANIMAL_VACCINES, VACCINATION),  # paraphrase
    # -- fighting COVID among people; animal epidemics are the hard negative
    Query("phòng, chống dịch COVID-19", COVID + VACCINATION, ANIMAL_EPIDEMICS),  # the usual subject line
    Query("phong chong dich covid", COVID + VACCINATION, ANIMAL_EPIDEMICS),  # without diacritics
    Query("ngăn vi rút corona lây lan trong cộng đồng", COVID + VACCINATION, ANIMAL_EPIDEMICS),  # no shared word with "COVID-19"
    Query("giãn cách xã hội, hạn chế tụ tập đông người", COVID, ANIMAL_EPIDEMICS),  # the measures, not the disease
    # -- animal epidemics; COVID among people is the hard negative
    Query("phòng chống dịch bệnh trên đàn gia súc", ANIMAL_EPIDEMICS + ANIMAL_VACCINES[:1], COVID),  # formal
    Query("dich benh dong vat", ANIMAL_EPIDEMICS, COVID),  # without diacritics
    Query("heo bò bị dịch, khoanh vùng ổ dịch", ANIMAL_EPIDEMICS, COVID),  # everyday words
    # -- isolation of people; "tập trung" of industry and farming is the hard negative
    Query("cách ly tập trung", ISOLATION, CONCENTRATED),  # the phrase of 2020–2021
    Query("cách ly y tế người mắc bệnh truyền nhiễm", ISOLATION, CONCENTRATED + ANIMAL_QUARANTINE),  # formal
    Query("cach ly tap trung nguoi nghi nhiem", ISOLATION, CONCENTRATED),  # without diacritics
    Query("đưa người tiếp xúc gần đi cách ly", ISOLATION, CONCENTRATED + ANIMAL_QUARANTINE),  # spoken
    # -- industrial zones; medical isolation is the hard negative
    Query("khu công nghiệp tập trung", INDUSTRIAL_ZONES, ISOLATION),  # the other "tập trung"
    Query("giải phóng mặt bằng cụm công nghiệp", _r("ubnd-huyen-chau-thanh_184-ubnd-2018"), ISOLATION),  # the Châu Thành dispatch
    Query("ban quản lý khu công nghiệp", INDUSTRIAL_ZONES[1:2]),  # the labour-code article on the zone board
    # -- animal quarantine; medical isolation of people is the hard negative
    Query("kiểm dịch động vật, sản phẩm động vật vận chuyển", ANIMAL_QUARANTINE, ISOLATION),
    # -- paying out public investment; science grants share "giải ngân"
    Query("giải ngân vốn đầu tư công", PUBLIC_INVESTMENT, SCIENCE_FUNDS),  # the administrative word
    Query("giai ngan von dau tu cong", PUBLIC_INVESTMENT, SCIENCE_FUNDS),  # without diacritics
    Query("thanh toán vốn cho công trình xây dựng", PUBLIC_INVESTMENT + SETTLEMENT, SCIENCE_FUNDS),  # the other phrase
    Query("tiền làm công trình chậm được chi", PUBLIC_INVESTMENT, SCIENCE_FUNDS),  # spoken, no shared word
    Query("kế hoạch vốn đầu tư xây dựng cơ bản", PUBLIC_INVESTMENT),  # the older term
    Query("quyết toán vốn đầu tư dự án hoàn thành", SETTLEMENT),  # settlement, not payment
    # -- the state budget
    Query("dự toán ngân sách nhà nước", BUDGET),
    Query("thu chi ngân sách, tiết kiệm chi thường xuyên", BUDGET[:1]),  # Quảng Bình's directive
    # -- natural disasters
    Query("phòng, chống thiên tai", DISASTERS + DROUGHT),
    Query("phong chong thien tai tim kiem cuu nan", DISASTERS),  # without diacritics
    Query("mưa bão, lũ lụt, sạt lở đất", DISASTERS),  # the hazards, not the word thiên tai
    Query("chống hạn, thiếu nước tưới cho lúa", DROUGHT),  # Lạng Sơn's plan
    Query("hạn hán", DROUGHT),
    # -- administrative units: classes and mergers; administrative procedures share "hành chính"
    Query("phân loại đơn vị hành chính phường", WARD_CLASSES, PROCEDURES),
    Query("phan loai don vi hanh chinh", UNIT_CLASSES, PROCEDURES),  # without diacritics
    Query("sáp nhập xã, huyện", MERGERS),  # the everyday word for sắp xếp
    Query("sắp xếp đơn vị hành chính cấp huyện, cấp xã", MERGERS, PROCEDURES),
    # -- administrative reform and procedures; unit classes share "hành chính"
    Query("cải cách hành chính", REFORM, UNIT_CLASSES),
    Query("bớt giấy tờ, thủ tục rườm rà cho người dân", PROCEDURES, UNIT_CLASSES),  # spoken, no shared word
    Query("thu tuc hanh chinh", PROCEDURES, UNIT_CLASSES),  # without diacritics
    Query("trung tâm phục vụ hành chính công một cửa", _r("ubnd-tinh-thanh-hoa_128-2025-qd-ubnd")),
    # -- working rules of people's committees
    Query("quy chế làm việc của Ủy ban nhân dân", WORKING_RULES),
    Query("quy che lam viec ubnd xa", WORKING_RULES),  # without diacritics
    # -- poverty
    Query("giảm nghèo bền vững", POVERTY),
    Query("rà soát hộ nghèo, hộ cận nghèo", POVERTY[1:2]),  # U Minh Thượng's plan
    Query("giúp dân thoát nghèo", POVERTY),  # spoken
    # -- elections, citizens' reception, minerals
    Query("bầu cử đại biểu Quốc hội và Hội đồng nhân dân", _r("ubnd-xa-dan-luc_kh-2021-02-18")),
    Query("cử tri đi bỏ phiếu", _r("ubnd-xa-dan-luc_kh-2021-02-18")),  # no shared word
    Query("lịch tiếp công dân", RECEPTION),
    Query("tiep cong dan truc tuyen", _c(_TCD + "20", _TCD + "21", _TCD + "22")),  # online reception, no diacritics
    Query("người dân đến gặp lãnh đạo để khiếu nại", RECEPTION),  # spoken
    Query("quản lý khai thác khoáng sản", MINERALS),
    Query("đào cát, đá trái phép", MINERALS[:1]),  # spoken; Lào Cai's rules on mining
    # -- one document each
    Query("thi tốt nghiệp trung học phổ thông", _r("so-gddt-tp-ho-chi-minh_2865-gddt-ktkdcl-2007")),
    Query("cho học sinh nghỉ học", _r("so-gddt-tp-ho-chi-minh_4144-gddt-vp-2018")),
    Query("bắn pháo hoa dịp Tết", _r("ubnd-huyen-mai-chau_thu-ngo-2019-12-19")),
    Query("nhập khẩu phế liệu", _r("thu-tuong-chinh-phu_27-ct-ttg-2018")),
    Query("rác thải nhập từ nước ngoài về", _r("thu-tuong-chinh-phu_27-ct-ttg-2018")),  # spoken, no shared word
    Query("thể thức văn bản của Đảng", _r("van-phong-trung-uong-dang_11-hd-vptw-2004")),
    Query("xã, phường phù hợp với trẻ em", _r("ubnd-tinh-kon-tum_2516-kh-ubnd")),
    Query("dân số kế hoạch hóa gia đình", _r("bo-y-te_05-2008-tt-byt")),
    Query("y tế thông minh, chuyển đổi số ngành y tế", _r("ubnd-tinh-binh-dinh_75-kh-ubnd-2022")),
    Query("kỷ niệm ngày thành lập Đảng", _r("thanh-uy-tp-ho-chi-minh_175-cv-tu-2007")),
    Query("giám định tư pháp", _r("ubnd-tinh-thanh-hoa_346-2017-qd-ubnd")),
    Query("hỗ trợ khách du lịch", _r("ubnd-tinh-ninh-binh_168-2025-qd-ubnd")),
    Query("quy hoạch sử dụng đất", _r("hdnd-xa-quyet-thang_nq-2012-du-thao")),
    Query("quy hoạch chung xây dựng đô thị", _r("hdnd-quan-6_nq-2008-07-11")),
    Query("lập quy hoạch tỉnh", _r("thu-tuong-chinh-phu_670-qd-ttg-2020")),
    Query("nhiệm vụ phát triển kinh tế - xã hội năm", ECONOMY_PLANS),
)
