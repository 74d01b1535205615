// A small hand-made knowledge model for the Zalo channel tests: two agencies that both have a
// "Văn phòng Sở" (so "/dangky Văn phòng" is ambiguous), a few tasks and a quarterly report.
import { Knowledge } from "../../knowledge/schema.ts";

const plan = (id: string, agencyId: string, agency: string, short: string, province: string, file: string) => ({
  id,
  title: `Kế hoạch cải cách hành chính năm 2024 của ${short}`,
  agency,
  agencyShort: short,
  agencyId,
  province,
  number: "123/KH-TEST",
  issueDate: { text: "ngày 10 tháng 01 năm 2024", day: 10, month: 1, year: 2024 },
  period: { from: 2024, to: 2024, text: "năm 2024" },
  signer: null,
  baseDocuments: [],
  coordinatorUnitId: `${agencyId}/van-phong-so`,
  missingAppendix: null,
  sourceFile: file,
});

const unit = (agencyId: string, slug: string, name: string, aliases: string[] = []) => ({
  id: `${agencyId}/${slug}`,
  agencyId,
  name,
  aliases,
  kind: "internal" as const,
});

const QT = "quang-tri/so-ldtbxh";
const SL = "son-la/so-gtvt";
const QT_FILE = "quang-tri_so-ldtbxh_cchc-2024.txt";
const SL_FILE = "son-la_so-gtvt_cchc-2024.txt";

const deadline = (due: string, text: string, kind: "date" | "quarter" = "date") => ({
  kind,
  start: kind === "quarter" ? "2024-07-01" : due,
  due,
  text,
});

const task = (planId: string, n: number, file: string, text: string, lead: string[], due: string, dueText: string) => ({
  id: `${planId}:task:${n}`,
  planId,
  kind: "task" as const,
  section: "II. Nhiệm vụ",
  text,
  source: { file, line: 40 + n },
  objective: null,
  task: text,
  activity: null,
  product: "Báo cáo kết quả",
  lead,
  support: [],
  leadText: null,
  supportText: null,
  deadline: deadline(due, dueText),
  budget: null,
  row: null,
});

export function zaloTestKnowledge(): Knowledge {
  return Knowledge.parse({
    version: 1,
    builtAt: "2024-01-15T00:00:00.000Z",
    plans: [
      plan("quang-tri-ldtbxh-2024", QT, "Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH Quảng Trị", "Quảng Trị", QT_FILE),
      plan("son-la-gtvt-2024", SL, "Sở Giao thông vận tải", "Sở GTVT Sơn La", "Sơn La", SL_FILE),
    ],
    units: [
      unit(QT, "van-phong-so", "Văn phòng Sở", ["Văn phòng", "VP"]),
      unit(QT, "thanh-tra-so", "Thanh tra Sở", ["Thanh tra"]),
      unit(SL, "van-phong-so", "Văn phòng Sở", ["Văn phòng", "VP"]),
      unit(SL, "phong-quan-ly-van-tai", "Phòng Quản lý vận tải", ["QLVT"]),
    ],
    tasks: [
      task("quang-tri-ldtbxh-2024", 1, QT_FILE, "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của Sở", [`${QT}/van-phong-so`], "2024-09-30", "Trước ngày 30/9/2024"),
      task("quang-tri-ldtbxh-2024", 2, QT_FILE, "Kiểm tra công tác cải cách hành chính tại các đơn vị", [`${QT}/thanh-tra-so`], "2024-10-31", "Tháng 10/2024"),
      task("son-la-gtvt-2024", 1, SL_FILE, "Cập nhật, công khai thủ tục hành chính trên Cổng dịch vụ công", [`${SL}/van-phong-so`], "2024-11-15", "Trước ngày 15/11/2024"),
    ],
    targets: [],
    reports: [
      {
        id: "quang-tri-ldtbxh-2024:report:1",
        planId: "quang-tri-ldtbxh-2024",
        kind: "report",
        section: "IV. Chế độ báo cáo",
        text: "Báo cáo cải cách hành chính quý III/2024 gửi Sở Nội vụ trước ngày 15/9/2024",
        source: { file: QT_FILE, line: 120 },
        period: "Q3",
        name: "Báo cáo quý III/2024",
        due: deadline("2024-09-15", "trước ngày 15/9/2024"),
        cutoff: null,
        from: [`${QT}/van-phong-so`],
        to: "Sở Nội vụ",
      },
    ],
    problems: [],
  });
}

/** Adds `n` led and `n` supported tasks with long names for a unit, so its /viec runs past 2000 characters. */
export function withManyTasks(k: Knowledge, unitId: string, n: number): Knowledge {
  const planId = k.plans.find((p) => unitId.startsWith(`${p.agencyId}/`))!.id;
  const file = k.plans.find((p) => p.id === planId)!.sourceFile;
  const long = (i: number) =>
    `Nhiệm vụ số ${i}: tổ chức rà soát, đánh giá, đề xuất phương án đơn giản hoá thủ tục hành chính và số hoá hồ sơ, kết quả giải quyết thủ tục hành chính thuộc thẩm quyền`;
  const extra = Array.from({ length: 2 * n }, (_, i) => {
    const t = task(planId, 100 + i, file, long(i + 1), i < n ? [unitId] : [], "2024-12-15", "Trước ngày 15/12/2024");
    return i < n ? t : { ...t, lead: [k.units.find((u) => u.id !== unitId && u.agencyId === k.units.find((x) => x.id === unitId)!.agencyId)!.id], support: [unitId] };
  });
  return Knowledge.parse({ ...k, tasks: [...k.tasks, ...extra] });
}
