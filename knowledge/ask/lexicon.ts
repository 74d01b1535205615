// Word lists for reading questions: abbreviations, a small English glossary, stop words and
// place names. Everything here is folded (lower case, no diacritics, đ→d).

/**
 * Abbreviations staff and plans use, with their expansion. Both questions and plan texts are
 * rewritten to the expansion, so "TTHC" and "thủ tục hành chính" meet in the middle.
 */
export const ABBREVIATIONS: Record<string, string> = {
  cchc: "cai cach hanh chinh",
  tthc: "thu tuc hanh chinh",
  qppl: "quy pham phap luat",
  vbqppl: "van ban quy pham phap luat",
  cbccvc: "can bo cong chuc vien chuc",
  cbcccvc: "can bo cong chuc vien chuc",
  cbcc: "can bo cong chuc",
  cbccc: "can bo cong chuc",
  ccvc: "cong chuc vien chuc",
  vtvl: "vi tri viec lam",
  gtvt: "giao thong van tai",
  sgtvt: "so giao thong van tai",
  bgtvt: "bo giao thong van tai",
  ldtbxh: "lao dong thuong binh va xa hoi",
  sldtbxh: "so lao dong thuong binh va xa hoi",
  dvc: "dich vu cong",
  dvctt: "dich vu cong truc tuyen",
  cntt: "cong nghe thong tin",
  ubnd: "uy ban nhan dan",
  hdnd: "hoi dong nhan dan",
  pvhcc: "phuc vu hanh chinh cong",
  ttpvhcc: "trung tam phuc vu hanh chinh cong",
  tthcc: "trung tam phuc vu hanh chinh cong",
  bcd: "ban chi dao",
  khth: "ke hoach tong hop",
  cqdt: "chinh quyen dien tu",
  cds: "chuyen doi so",
  ttdt: "trang thong tin dien tu",
  pbgdpl: "pho bien giao duc phap luat",
  tnxh: "te nan xa hoi",
  qd: "quyet dinh",
  nq: "nghi quyet",
  kh: "ke hoach",
  bc: "bao cao",
  nd: "nghi dinh",
  // short forms staff type in chat messages (general messaging usage in the administration);
  // ambiguous ones (đv, kt, tt, lđ, gđ, đt) are left out on purpose
  hs: "ho so",
  kq: "ket qua",
  vb: "van ban",
  nv: "nhiem vu",
  ht: "hoan thanh",
  xs: "xuat sac",
  qg: "quoc gia",
  qte: "quoc te",
  dvsn: "don vi su nghiep",
  bgd: "ban giam doc",
  pgd: "pho giam doc",
  bd: "boi duong",
  csdl: "co so du lieu",
  cc: "cong chuc",
};

/** "chốt sl": "sl" right after one of these is "số liệu". */
export const SL_AFTER = new Set(["chot", "cap nhat"]);

/**
 * i/y spelling variants of one syllable (quí/quý, lí/lý, kì/kỳ, tỉ/tỷ, mĩ/mỹ, sĩ/sỹ): both spellings
 * are in use (the plans themselves write "quản lí" and "quản lý"), so both sides use one.
 */
export const SPELLING: Record<string, string> = { qui: "quy", li: "ly", ki: "ky", ti: "ty", mi: "my", si: "sy" };

/**
 * Thesaurus of administrative usage, applied to questions and plans alike (so either wording meets
 * the other): everyday or older words → the word plans use. General usage of the field, not taken
 * from any question set.
 */
export const THESAURUS: [string, string][] = [
  ["buu dien", "buu chinh"],
  ["online", "truc tuyen"],
  ["trang web", "trang thong tin dien tu"],
  ["chu ky dien tu", "chu ky so"],
  ["tiep dan", "tiep cong dan"],
  ["so hoa du lieu", "so hoa"],
];

/** "CBCC,VC" splits into two tokens: "vc" right after one of these is "viên chức". */
export const VC_AFTER = new Set(["cbcc", "cbccc", "cc"]);

/** Index names keep their own token and gain the Vietnamese name (distinctive either way). */
export const INDEX_NAMES: Record<string, string> = {
  "par index": "chi so cai cach hanh chinh",
  sipas: "chi so hai long ve su phuc vu hanh chinh",
  pci: "chi so nang luc canh tranh cap tinh",
  papi: "chi so hieu qua quan tri va hanh chinh cong",
  ddci: "chi so nang luc canh tranh cap so nganh",
  dti: "chi so chuyen doi so",
};

/**
 * English → Vietnamese (folded), longest phrases first at use. Enough to carry an English
 * question to the plans' vocabulary; unknown English words are left out of the search.
 */
export const GLOSSARY: [string, string][] = [
  ["administrative reform", "cai cach hanh chinh"],
  ["public administration reform", "cai cach hanh chinh"],
  ["reform plan", "ke hoach cai cach hanh chinh"],
  ["administrative procedures", "thu tuc hanh chinh"],
  ["administrative procedure", "thu tuc hanh chinh"],
  ["procedures", "thu tuc hanh chinh"],
  ["procedure", "thu tuc hanh chinh"],
  ["legal documents", "van ban quy pham phap luat"],
  ["legal normative documents", "van ban quy pham phap luat"],
  ["legal education", "pho bien giao duc phap luat"],
  ["law dissemination", "pho bien giao duc phap luat"],
  ["law enforcement monitoring", "theo doi thi hanh phap luat"],
  ["law enforcement", "thi hanh phap luat"],
  ["digital transformation", "chuyen doi so"],
  ["e-government", "chinh quyen dien tu"],
  ["digital government", "chinh quyen so"],
  ["digital signatures", "chu ky so"],
  ["digital signature", "chu ky so"],
  ["online public services", "dich vu cong truc tuyen"],
  ["online public service", "dich vu cong truc tuyen"],
  ["public services", "dich vu cong"],
  ["public service units", "don vi su nghiep cong lap"],
  ["public service unit", "don vi su nghiep cong lap"],
  ["online payments", "thanh toan truc tuyen"],
  ["online payment", "thanh toan truc tuyen"],
  ["paid online", "thanh toan truc tuyen"],
  ["payment transactions", "giao dich thanh toan"],
  ["financial obligations", "nghia vu tai chinh"],
  ["financial obligation", "nghia vu tai chinh"],
  ["financially autonomous", "tu chu tai chinh"],
  ["financial autonomy", "tu chu tai chinh"],
  ["internal spending rules", "quy che chi tieu noi bo"],
  ["internal spending regulation", "quy che chi tieu noi bo"],
  ["internal spending", "chi tieu noi bo"],
  ["working regulation", "quy che lam viec"],
  ["asset inventory", "kiem ke tai san"],
  ["public assets", "tai san cong"],
  ["public asset", "tai san cong"],
  ["assets", "tai san"],
  ["inventory", "kiem ke"],
  ["citizen reception", "tiep cong dan"],
  ["receiving citizens", "tiep cong dan"],
  ["complaints", "khieu nai to cao"],
  ["complaint", "khieu nai"],
  ["denunciations", "to cao"],
  ["feedback", "phan anh"],
  ["petitions", "kien nghi"],
  ["recommendations", "kien nghi"],
  ["job positions", "vi tri viec lam"],
  ["job position", "vi tri viec lam"],
  ["civil servants", "can bo cong chuc vien chuc"],
  ["public employees", "vien chuc"],
  ["officials", "can bo cong chuc"],
  ["staff", "can bo cong chuc vien chuc"],
  ["training plan", "ke hoach dao tao boi duong"],
  ["training", "dao tao boi duong"],
  ["recruitment", "tuyen dung"],
  ["recruit", "tuyen dung"],
  ["self-assessment", "tu danh gia cham diem"],
  ["self assessment", "tu danh gia cham diem"],
  ["initiatives", "sang kien"],
  ["initiative", "sang kien"],
  ["thrift", "thuc hanh tiet kiem"],
  ["anti-waste", "chong lang phi"],
  ["waste", "lang phi"],
  ["communication plan", "ke hoach tuyen truyen"],
  ["propaganda", "tuyen truyen"],
  ["simplify", "don gian hoa"],
  ["simplification", "don gian hoa"],
  ["proposal", "de xuat phuong an"],
  ["review", "ra soat"],
  ["reviewing", "ra soat"],
  ["amending", "sua doi"],
  ["amend", "sua doi"],
  ["revised", "sua doi"],
  ["revise", "sua doi"],
  ["inspections", "kiem tra"],
  ["inspection", "kiem tra"],
  ["inspectorate", "thanh tra"],
  ["inspector", "thanh tra"],
  ["audit", "kiem toan"],
  ["data cut-off", "chot so lieu"],
  ["data window", "chot so lieu"],
  ["data period", "chot so lieu"],
  ["cut-off", "chot so lieu"],
  ["cutoff", "chot so lieu"],
  ["annual report", "bao cao nam"],
  ["half-year report", "bao cao 6 thang"],
  ["six-month report", "bao cao 6 thang"],
  ["report", "bao cao"],
  ["reports", "bao cao"],
  ["reporting", "bao cao"],
  ["plan", "ke hoach"],
  ["plans", "ke hoach"],
  ["office", "van phong"],
  ["website team", "to website"],
  ["website", "trang thong tin dien tu"],
  ["steering committee", "ban chi dao"],
  ["one-stop", "mot cua"],
  ["one stop", "mot cua"],
  ["satisfaction", "hai long"],
  ["satisfied", "hai long"],
  ["waiting time", "thoi gian cho doi"],
  ["transaction", "giao dich"],
  ["transactions", "giao dich"],
  ["work files", "ho so cong viec"],
  ["work records", "ho so cong viec"],
  ["records", "ho so"],
  ["files", "ho so"],
  ["dossiers", "ho so"],
  ["digitising", "so hoa"],
  ["digitizing", "so hoa"],
  ["digitise", "so hoa"],
  ["digitize", "so hoa"],
  ["results", "ket qua"],
  ["result", "ket qua"],
  ["digitised", "so hoa"],
  ["digitized", "so hoa"],
  ["digitisation", "so hoa"],
  ["digitization", "so hoa"],
  ["moved electronically", "luan chuyen phuong thuc dien tu"],
  ["electronically", "dien tu"],
  ["electronic", "dien tu"],
  ["processed online", "xu ly tren moi truong mang"],
  ["resolved online", "giai quyet truc tuyen"],
  ["online", "truc tuyen"],
  ["digitally", "moi truong so"],
  ["international environment", "moi truong quoc te"],
  ["internationally", "moi truong quoc te"],
  ["leaders", "lanh dao quan ly"],
  ["managers", "quan ly"],
  ["quality management", "quan ly chat luong"],
  ["standard", "tieu chuan"],
  ["implements", "thuc hien"],
  ["implement", "thuc hien"],
  ["resolution", "nghi quyet"],
  ["decision", "quyet dinh"],
  ["people", "nguoi dan"],
  ["citizens", "nguoi dan"],
  ["businesses", "doanh nghiep"],
  // The official English names of provincial bodies (as on their own English pages): general usage.
  ["department of health", "so y te"],
  ["health department", "so y te"],
  ["department of justice", "so tu phap"],
  ["justice department", "so tu phap"],
  ["department of science and technology", "so khoa hoc va cong nghe"],
  ["science and technology department", "so khoa hoc va cong nghe"],
  ["department of home affairs", "so noi vu"],
  ["department of finance", "so tai chinh"],
  ["department of education and training", "so giao duc va dao tao"],
  ["department of education", "so giao duc va dao tao"],
  ["department of industry and trade", "so cong thuong"],
  ["department of construction", "so xay dung"],
  ["department of agriculture and environment", "so nong nghiep va moi truong"],
  ["department of agriculture and rural development", "so nong nghiep va phat trien nong thon"],
  ["department of natural resources and environment", "so tai nguyen va moi truong"],
  ["department of culture sports and tourism", "so van hoa the thao va du lich"],
  ["department of information and communications", "so thong tin va truyen thong"],
  ["department of planning and investment", "so ke hoach va dau tu"],
  ["department of labour invalids and social affairs", "so lao dong thuong binh va xa hoi"],
  ["industrial zones authority", "ban quan ly cac khu cong nghiep"],
  ["industrial parks authority", "ban quan ly cac khu cong nghiep"],
  ["industrial zone management board", "ban quan ly cac khu cong nghiep"],
  ["industrial zones management board", "ban quan ly cac khu cong nghiep"],
  ["economic zone authority", "ban quan ly khu kinh te"],
  ["provincial police", "cong an tinh"],
  ["police department", "cong an tinh"],
  ["social insurance", "bao hiem xa hoi"],
  ["district people's committee", "uy ban nhan dan huyen"],
  ["commune people's committee", "uy ban nhan dan xa"],
  ["ward people's committee", "uy ban nhan dan phuong"],
  ["transport department", "so giao thong van tai"],
  ["department of transport", "so giao thong van tai"],
  ["labour department", "so lao dong thuong binh va xa hoi"],
  ["labor department", "so lao dong thuong binh va xa hoi"],
  ["dolisa", "so lao dong thuong binh va xa hoi"],
  ["province", "tinh"],
  ["provincial people's committee", "uy ban nhan dan tinh"],
  ["people's committee", "uy ban nhan dan"],
  ["ministry", "bo"],
  ["construction", "xay dung"],
  ["tasks", "nhiem vu"],
  ["task", "nhiem vu"],
  ["targets", "chi tieu"],
  ["target", "chi tieu"],
  ["handled online", "xu ly tren moi truong mang"],
  ["handled", "xu ly"],
  ["units", "don vi"],
  ["unit", "don vi"],
  ["send", "gui"],
  ["sends", "gui"],
  ["sent", "gui"],
  ["submit", "gui"],
  ["receiving", "tiep nhan"],
  ["receive", "tiep nhan"],
  ["received", "tiep nhan"],
  ["dossiers", "ho so"],
  ["dossier", "ho so"],
  ["processing", "xu ly"],
  ["handling", "xu ly"],
  ["publicly", "cong khai"],
  ["publish", "cong khai"],
  ["disclosure", "cong khai"],
  ["minutes", "phut"],
  ["minute", "phut"],
  ["software", "phan mem"],
  ["updated", "cap nhat"],
  ["update", "cap nhat"],
  ["competence", "nang luc"],
  ["competency", "nang luc"],
  ["qualifications", "trinh do"],
  ["standards", "chuan"],
  ["signed", "ky"],
  ["sign", "ky"],
];

/** English words that carry no content (question words, auxiliaries, fillers). */
export const EN_STOP = new Set(
  ("a an the of for to in on at by with from into about and or is are was were be been being do does did " +
    "what whats what's when who whom whose which how many much long percent percentage share level rate " +
    "must should shall will would can could may might has have had it its this that these those there " +
    "their they we our you your i me my he she his her due deadline leads lead leading led charge " +
    "handles handle handling supports support supporting responsible per each every one any all some " +
    "by when until before after end year years quarter quarters month months date day days number " +
    "targeted target aimed aim goal planned need needs needed required require done get got make made " +
    "q1 q2 q3 q4 q5 first second third fourth fifth half six annual yearly " +
    "least most maximum minimum max min up down out over under than then also just only still " +
    "submitted submit issued issue sent send posted post published publish carried carry out " +
    "time times whom where why is s agency agencies department departments organisation organization " +
    "according under within across between such other another both either please tell know give list show " +
    "there any anything something set sets stated state say says said mentioned listed written expected")
    .split(/\s+/),
);

/** Vietnamese words that carry no content in a question. */
export const VI_STOP = new Set(
  ("ai gi nao dau may bao nhieu khi gio the sao chu a ah nhe vay ha hoi cho biet xin " +
    "la cua va voi cac nhung mot co khong duoc da se dang phai can thi ma o tai trong tren duoi " +
    "den tu truoc sau ve vao ra len theo cho boi nay do kia ay de " +
    "han ngay thang nam quy thoi gian diem luc nop gui " +
    "ty le phan tram muc bao nhieu % dat toi thieu toi da " +
    "chu tri phoi hop lam nhiem vu viec nhung gi gom")
    .split(/\s+/),
);

/** Pure function words: a word pair with one of these is a phrase boundary, not a term. */
export const FUNCTION_WORDS = new Set(
  "cua va cac nhung la o duoc khong thi ma voi nay den ve vao ra len theo tren duoi nao gi ai khi hay hoac boi kia ay nhe vay sao nhieu de".split(" "),
);

/** Words that only say how to answer (intent cues), never what about. */
export const INTENT_WORDS = new Set(["han", "chot", "ky"]);

/** Provinces and cities of Vietnam (folded), to notice a question about another place. */
export const PROVINCES: string[] = [
  "ha noi", "hanoi", "ho chi minh", "tp hcm", "tphcm", "sai gon", "saigon", "hai phong", "da nang", "danang",
  "can tho", "an giang", "ba ria", "vung tau", "bac giang", "bac kan", "bac can", "bac lieu", "bac ninh",
  "ben tre", "binh dinh", "binh duong", "binh phuoc", "binh thuan", "ca mau", "cao bang", "dak lak",
  "dac lac", "dak nong", "dien bien", "dong nai", "dong thap", "gia lai", "ha giang", "ha nam", "ha tinh",
  "hai duong", "hau giang", "hoa binh", "hung yen", "khanh hoa", "kien giang", "kon tum", "lai chau",
  "lam dong", "lang son", "lao cai", "long an", "nam dinh", "nghe an", "ninh binh", "ninh thuan",
  "phu tho", "phu yen", "quang binh", "quang nam", "quang ngai", "quang ninh", "quang tri", "soc trang",
  "son la", "tay ninh", "thai binh", "thai nguyen", "thanh hoa", "thua thien hue", "tien giang",
  "tra vinh", "tuyen quang", "vinh long", "vinh phuc", "yen bai",
];

/** Names that are also ordinary phrases ("nâng cao bằng", "năm định kỳ"): need "tỉnh"/"Sở …" nearby. */
export const AMBIGUOUS_PROVINCES = new Set(["cao bang", "nam dinh", "gia lai", "long an", "ha nam", "hoa binh", "thanh hoa", "binh dinh", "ha tinh"]);

/**
 * Kinds of agency (folded "Sở …" names, and English). The plans' own agencies are recognised
 * from the knowledge; these tell that a question is about an agency the plans do not cover.
 */
export const AGENCY_KINDS: string[] = [
  "so y te", "so tai chinh", "so noi vu", "so giao duc", "so tu phap", "so cong thuong", "so xay dung",
  "so tai nguyen", "so nong nghiep", "so ke hoach va dau tu", "so khoa hoc", "so thong tin va truyen thong",
  "so van hoa", "so ngoai vu", "so du lich", "so lao dong", "so giao thong", "cong an", "bo tai chinh",
  "department of finance", "department of health", "department of education", "department of justice",
  "department of home affairs", "department of construction", "finance department", "health department",
  "education department",
];
