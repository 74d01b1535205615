// A hand-made knowledge model for the reminder tests: the Quảng Trị appendix shapes (a date, a month,
// quarters, a collective lead, "Văn phòng, các đơn vị" = two leads, 29/02/2024, several dates) and a
// Sơn La report schedule (15/3, 15/6, 15/9, 15/12/2024) sent by every unit.
import { Knowledge } from "../../knowledge/schema.ts";
import type { Binding as StoreBinding } from "../../data/store.ts";

export const QT = "quang-tri/so-ldtbxh";
export const SL = "son-la/so-gtvt";
export const QT_VP = `${QT}/van-phong`;
export const QT_TT = `${QT}/thanh-tra`;
export const QT_LDVL = `${QT}/phong-lao-dong-viec-lam`;
export const QT_ALL = `${QT}/cac-phong-don-vi-thuoc-so`;
export const QT_UBND = `${QT}/ubnd-huyen-tx-tp`;
export const SL_VP = `${SL}/van-phong-so`;
export const SL_QLVT = `${SL}/phong-quan-ly-van-tai`;
export const SL_ALL = `${SL}/cac-phong-don-vi-thuoc-so`;

const QT_FILE = "quang-tri_so-ldtbxh_cchc-2024.txt";
const SL_FILE = "son-la_so-gtvt_cchc-2024.txt";

const plan = (id: string, agencyId: string, agency: string, short: string, province: string, file: string, coordinator: string) => ({
  id,
  title: "Kế hoạch cải cách hành chính năm 2024",
  agency,
  agencyShort: short,
  agencyId,
  province,
  number: "/KH-TEST",
  issueDate: { text: "ngày tháng 01 năm 2024", day: null, month: 1, year: 2024 },
  period: { from: 2024, to: 2024, text: "năm 2024" },
  signer: null,
  baseDocuments: [],
  coordinatorUnitId: coordinator,
  missingAppendix: null,
  sourceFile: file,
});

const unit = (id: string, name: string, kind: "internal" | "collective" | "external" = "internal") => ({
  id,
  agencyId: id.split("/").slice(0, 2).join("/"),
  name,
  aliases: [],
  kind,
});

type Kind = "date" | "month" | "quarter" | "ongoing" | "event";
const dl = (kind: Kind, text: string, start: string | null, due: string | null, dates?: string[]) => ({ kind, text, start, due, ...(dates ? { dates } : {}) });

let n = 0;
const task = (name: string, lead: string[], deadline: ReturnType<typeof dl>, product = "Báo cáo") => ({
  id: `quang-tri-ldtbxh-2024:task:${++n}`,
  planId: "quang-tri-ldtbxh-2024",
  kind: "task" as const,
  section: "Phụ lục › I",
  text: name,
  source: { file: QT_FILE, line: 180 + n },
  objective: null,
  task: name,
  activity: null,
  product,
  lead,
  support: [],
  leadText: null,
  supportText: null,
  deadline,
  budget: null,
  row: null,
});

export function remindersKnowledge(): Knowledge {
  n = 0;
  return Knowledge.parse({
    version: 1,
    builtAt: "2024-01-01T00:00:00.000Z",
    plans: [
      plan("quang-tri-ldtbxh-2024", QT, "Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH Quảng Trị", "Quảng Trị", QT_FILE, QT_VP),
      plan("son-la-gtvt-2024", SL, "Sở Giao thông vận tải", "Sở GTVT Sơn La", "Sơn La", SL_FILE, SL_VP),
    ],
    units: [
      unit(QT_VP, "Văn phòng"),
      unit(QT_TT, "Thanh tra"),
      unit(QT_LDVL, "Phòng Lao động - Việc làm"),
      unit(QT_ALL, "Các phòng, đơn vị thuộc Sở", "collective"),
      unit(QT_UBND, "UBND huyện, TX, TP", "external"),
      unit(SL_VP, "Văn phòng Sở"),
      unit(SL_QLVT, "Phòng Quản lý vận tải"),
      unit(SL_ALL, "Các phòng, đơn vị thuộc Sở", "collective"),
    ],
    tasks: [
      /* 1 */ task("Ban hành kế hoạch rà soát văn bản QPPL", [QT_VP], dl("date", "Trước 15/01/2024", "2024-01-15", "2024-01-15"), "Kế hoạch"),
      /* 2 */ task("Ban hành kế hoạch công tác pháp chế", [QT_VP], dl("month", "Tháng 1/2024", "2024-01-01", "2024-01-31"), "- Công văn - Kế hoạch"),
      /* 3 */ task("Ban hành Kế hoạch kiểm soát TTHC", [QT_VP], dl("quarter", "Quý I/2024", "2024-01-01", "2024-03-31"), "Kế hoạch"),
      /* 4 */ task("Đề xuất phương án đơn giản hóa TTHC", [QT_ALL], dl("date", "Trước 30/8/2024", "2024-08-30", "2024-08-30"), "- Tờ trình"),
      /* 5 */ task("Kiểm kê tài sản", [QT_VP, QT_ALL], dl("quarter", "Quý IV/2024", "2024-10-01", "2024-12-31"), "Biên bản kiểm kê"),
      /* 6 */ task("Báo cáo kết quả rà soát", [QT_VP], dl("date", "Trước 18/11/2024", "2024-11-18", "2024-11-18")),
      /* 7 */ task("Tiếp công dân", [QT_TT], dl("ongoing", "Thường xuyên", null, null)),
      /* 8 */ task("Báo cáo thanh tra tháng 2", [QT_TT], dl("date", "29/02/2024", "2024-02-29", "2024-02-29")),
      /* 9 */ task("Báo cáo kỷ luật, kỷ cương hành chính", [QT_VP], dl("date", "15/3; 15/6; 15/9 và 15/12/2024", "2024-03-15", "2024-12-15", ["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"])),
      /* 10 */ task("Trình UBND công bố TTHC", [QT_VP], dl("event", "Khi có QĐ công bố của Bộ", null, null), "Tờ trình"),
      /* 11 */ task("Niêm yết TTHC tại bộ phận một cửa", [QT_UBND], dl("date", "Trước 30/6/2024", "2024-06-30", "2024-06-30"), "Thủ tục hành chính được công khai"),
      /* 12 */ task("Báo cáo sau Tết", [QT_TT], dl("date", "Trước 20/02/2024", "2024-02-20", "2024-02-20")),
    ],
    targets: [],
    reports: [
      {
        id: "son-la-gtvt-2024:report:1",
        planId: "son-la-gtvt-2024",
        kind: "report",
        section: "V. Tổ chức thực hiện",
        text: "Báo cáo quý, 6 tháng gửi trước ngày 15/3; 15/6; 15/9 và báo cáo năm gửi trước ngày 15/12/2024",
        source: { file: SL_FILE, line: 254 },
        period: "other",
        name: "Báo cáo CCHC định kỳ",
        due: dl("date", "15/3; 15/6; 15/9 và 15/12/2024", "2024-03-15", "2024-12-15", ["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"]),
        cutoff: null,
        from: [SL_ALL],
        to: "Văn phòng Sở",
      },
      {
        id: "son-la-gtvt-2024:report:2",
        planId: "son-la-gtvt-2024",
        kind: "report",
        section: "V. Tổ chức thực hiện",
        text: "Báo cáo năm gửi Sở Nội vụ",
        source: { file: SL_FILE, line: 256 },
        period: "Y",
        name: "Báo cáo năm 2024",
        due: dl("date", "trước ngày 15/12/2024", "2024-12-15", "2024-12-15"),
        cutoff: null,
        from: [],
        to: "Sở Nội vụ",
      },
    ],
    problems: [],
  });
}

export function bind(unitId: string, chatId: string, channel: StoreBinding["channel"] = "telegram"): StoreBinding {
  return { channel, chatId, chatTitle: `Nhóm ${chatId}`, unitId, agencyId: unitId.split("/").slice(0, 2).join("/"), boundBy: "telegram:1", boundAt: "2024-01-01T00:00:00.000Z" };
}

/** Every internal unit bound to its own group (chat id = unit slug). */
export function bindAllInternal(k: Knowledge): StoreBinding[] {
  return k.units.filter((u) => u.kind === "internal").map((u) => bind(u.id, `g-${u.id.replace(/\//g, "-")}`));
}

