// A small hand-made Knowledge for the bot's tests: two agencies that both have a "Văn phòng Sở",
// dated tasks and a report schedule. Sources point at real lines of the bundled plans in data/plans.
import { Knowledge, type Plan, type Task, type Unit, type ReportSchedule } from "../../knowledge/schema.ts";

const plan = (p: Partial<Plan> & Pick<Plan, "id" | "agencyId" | "agency" | "agencyShort" | "province" | "sourceFile">): Plan => ({
  title: `Kế hoạch cải cách hành chính năm 2024 của ${p.agencyShort}`,
  number: "/KH-TEST",
  issueDate: { text: "ngày tháng 01 năm 2024", day: null, month: 1, year: 2024 },
  period: { from: 2024, to: 2024, text: "năm 2024" },
  signer: null,
  baseDocuments: [],
  coordinatorUnitId: `${p.agencyId}/van-phong-so`,
  missingAppendix: null,
  ...p,
});

const unit = (agencyId: string, slug: string, name: string, aliases: string[], kind: Unit["kind"] = "internal"): Unit => ({
  id: `${agencyId}/${slug}`,
  agencyId,
  name,
  aliases,
  kind,
});

const QT = "quang-tri/so-ldtbxh";
const SL = "son-la/so-gtvt";
const QT_FILE = "quang-tri_so-ldtbxh_cchc-2024.txt";
const SL_FILE = "son-la_so-gtvt_cchc-2024.txt";

let n = 0;
const task = (t: Partial<Task> & Pick<Task, "planId" | "lead" | "deadline" | "source">): Task => ({
  id: `${t.planId}:task:${++n}`,
  kind: "task",
  section: "Phụ lục",
  text: t.activity ?? t.task ?? "nhiệm vụ",
  objective: null,
  task: null,
  activity: null,
  product: null,
  support: [],
  leadText: null,
  supportText: null,
  budget: null,
  row: null,
  ...t,
});

const tasks: Task[] = [
  task({
    planId: "quang-tri-ldtbxh-2024",
    objective: "Rà soát văn bản QPPL",
    task: "Ban hành kế hoạch rà soát văn bản QPPL",
    activity: "Xây dựng, ban hành kế hoạch và triển khai thực hiện",
    lead: [`${QT}/van-phong-so`],
    support: [`${QT}/cac-phong-don-vi`],
    deadline: { kind: "date", start: "2024-01-15", due: "2024-01-15", text: "Trước 15/01/2024" },
    source: { file: QT_FILE, line: 186 },
  }),
  task({
    planId: "quang-tri-ldtbxh-2024",
    objective: "Theo dõi tình hình thi hành pháp luật",
    task: "Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật",
    activity: "Xây dựng, ban hành kế hoạch và triển khai thực hiện",
    lead: [`${QT}/van-phong-so`],
    support: [`${QT}/cac-phong-don-vi`],
    deadline: { kind: "quarter", start: "2024-01-01", due: "2024-03-31", text: "Quý I/2024" },
    source: { file: QT_FILE, line: 190 },
  }),
  task({
    planId: "quang-tri-ldtbxh-2024",
    activity: "Báo cáo theo dõi tình hình thi hành pháp luật <năm 2024> & tổng hợp",
    lead: [`${QT}/van-phong-so`],
    support: [],
    deadline: { kind: "quarter", start: "2024-10-01", due: "2024-12-31", text: "Quý IV/2024" },
    source: { file: QT_FILE, line: 191 },
  }),
  task({
    planId: "quang-tri-ldtbxh-2024",
    activity: "Cập nhật văn bản của Trung ương và địa phương",
    lead: [`${QT}/cac-phong-don-vi`],
    deadline: { kind: "month", start: "2024-03-01", due: "2024-03-31", text: "Tháng 3/2024" },
    source: { file: QT_FILE, line: 47 },
  }),
  task({
    planId: "son-la-gtvt-2024",
    activity: "Xây dựng và ban hành Kế hoạch CCHC của đơn vị gửi về Sở GTVT",
    lead: [`${SL}/ban-qlbt`],
    deadline: { kind: "date", start: "2024-01-20", due: "2024-01-20", text: "trước ngày 20/01/2024" },
    source: { file: SL_FILE, line: 268 },
  }),
  task({
    planId: "son-la-gtvt-2024",
    activity: "Tổng hợp báo cáo CCHC của Sở",
    lead: [`${SL}/van-phong-so`],
    deadline: { kind: "ongoing", start: null, due: null, text: "Thường xuyên" },
    source: { file: SL_FILE, line: 254 },
  }),
];

const reports: ReportSchedule[] = [
  {
    id: "son-la-gtvt-2024:report:1",
    planId: "son-la-gtvt-2024",
    kind: "report",
    section: "V. Tổ chức thực hiện",
    text: "Báo cáo quý, 6 tháng gửi trước ngày 15/3; 15/6; 15/9 và báo cáo năm gửi trước ngày 15/12/2024",
    source: { file: SL_FILE, line: 254 },
    period: "other",
    name: "Báo cáo CCHC định kỳ",
    due: { kind: "date", start: "2024-03-15", due: "2024-12-15", text: "15/3; 15/6; 15/9 và 15/12/2024", dates: ["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"] },
    cutoff: null,
    from: [`${SL}/van-phong-so`],
    to: "Sở Nội vụ",
  },
];

/** A fresh copy each call (tests may replace it). */
export function botKnowledge(): Knowledge {
  return Knowledge.parse({
    version: 1,
    builtAt: "2024-01-02T00:00:00.000Z",
    plans: [
      plan({ id: "quang-tri-ldtbxh-2024", agencyId: QT, agency: "Sở Lao động - Thương binh và Xã hội", agencyShort: "Sở LĐTBXH Quảng Trị", province: "Quảng Trị", sourceFile: QT_FILE }),
      plan({ id: "son-la-gtvt-2024", agencyId: SL, agency: "Sở Giao thông vận tải", agencyShort: "Sở GTVT Sơn La", province: "Sơn La", sourceFile: SL_FILE, number: "2528/KH-SGTVT" }),
    ],
    units: [
      unit(QT, "van-phong-so", "Văn phòng Sở", ["Văn phòng", "VP"]),
      unit(QT, "thanh-tra", "Thanh tra Sở", ["Thanh tra"]),
      unit(QT, "cac-phong-don-vi", "Các phòng, đơn vị thuộc Sở", ["Các phòng, đơn vị"], "collective"),
      unit(SL, "van-phong-so", "Văn phòng Sở", ["Văn phòng", "VP"]),
      unit(SL, "ban-qlbt", "Ban Quản lý Bảo trì đường bộ", ["Ban QLBT"]),
      unit(SL, "so-noi-vu", "Sở Nội vụ", [], "external"),
    ],
    tasks,
    targets: [],
    reports,
    problems: [],
  });
}

export const FIXTURE = { QT, SL, QT_FILE, SL_FILE };
