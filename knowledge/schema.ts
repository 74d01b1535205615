// The knowledge model: what ingest produces and everything else reads.
// Every item carries its source line so answers and reminders can cite the plan.
import { z } from "zod";

/** ISO calendar date, YYYY-MM-DD (a day in Asia/Ho_Chi_Minh, no time). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Source = z.object({
  file: z.string(), // file name inside the plans folder, e.g. "son-la_so-gtvt_cchc-2024.txt"
  line: z.number().int().positive(), // 1-based line in that file
});
export type Source = z.infer<typeof Source>;

export const DeadlineKind = z.enum([
  "date", // an exact day ("trước ngày 20/01/2024")
  "month", // "Tháng 1/2024"
  "quarter", // "Quý I/2024"
  "year", // a horizon: "Đến năm 2025"
  "recurring", // "Định kỳ", "hàng quý" — tied to the plan's report schedule where it has one
  //              with a rule ("trước ngày 20 hằng tháng") it has `rule` and every day of it in `dates`
  "ongoing", // "Thường xuyên"
  "event", // "Khi có QĐ công bố của Bộ", "Sau khi hoàn thành"
  "unknown", // could not be read (or an impossible date): never guessed
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const DeadlineRule = z.object({
  every: z.enum(["month", "quarter", "half", "year"]),
  /** day of the month; absent when the whole month is meant ("tháng cuối mỗi quý") */
  day: z.number().int().min(1).max(31).optional(),
  /** which month of each period: its first, its last, or the n-th (1-based; 1–12 for a year) */
  monthOfPeriod: z.union([z.enum(["first", "last"]), z.number().int().min(1).max(12)]).optional(),
  /** the day falls in the period after the one it is for ("tháng đầu của quý sau") */
  next: z.boolean().optional(),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const RelativeDeadline = z.object({
  /** how many days (or months, for "03 tháng kể từ …"); exactly one of the two is set */
  days: z.number().int().positive().optional(),
  months: z.number().int().positive().optional(),
  /** "ngày làm việc": working days */
  workingDays: z.boolean(),
  /** the plan's words after "kể từ" / "tính từ" / "sau khi": what the count starts from */
  from: z.string(),
});
export type RelativeDeadline = z.infer<typeof RelativeDeadline>;

export const Deadline = z.object({
  kind: DeadlineKind,
  /** first day of the window (month/quarter/year), or the date itself */
  start: IsoDate.nullable(),
  /** last day of the window: Quý IV/2024 → 2024-12-31 */
  due: IsoDate.nullable(),
  /** the plan's own words, quoted in answers */
  text: z.string(),
  /** several exact dates in one expression ("15/3; 15/6; 15/9 và 15/12/2024") */
  dates: z.array(IsoDate).optional(),
  /** also periodic ("Quý I/2024 Định kỳ"); the period when known */
  recurring: z.enum(["monthly", "quarterly", "half-yearly", "yearly", "periodic"]).optional(),
  /** the rule of a recurrence with a day ("trước ngày 10 của tháng cuối quý"); `dates` holds its days in the plan's year */
  rule: DeadlineRule.optional(),
  /** a deadline counted from an event ("Chậm nhất 15 ngày kể từ ngày luật được công bố"): no date is invented */
  relative: RelativeDeadline.optional(),
});
export type Deadline = z.infer<typeof Deadline>;

export const UnitKind = z.enum([
  "internal", // a room or unit of the agency: "Văn phòng Sở", "Thanh tra"
  "collective", // "Các phòng, đơn vị thuộc Sở": every unit of the agency
  "external", // outside the agency: "UBND huyện, TX, TP", "Sở Nội vụ"
  "person", // a role: "Giám đốc Sở", "Cán bộ một cửa"
]);

export const Unit = z.object({
  id: z.string(), // `${agencyId}/${slug}`
  agencyId: z.string(),
  name: z.string(), // canonical display name, e.g. "Văn phòng Sở"
  aliases: z.array(z.string()), // other spellings: "Văn phòng", "VP"
  kind: UnitKind,
});
export type Unit = z.infer<typeof Unit>;

export const Plan = z.object({
  id: z.string(), // province, agency, period: "son-la-gtvt-2024", "dak-lak-gtvt-2021-2030"
  title: z.string(),
  agency: z.string(), // "Sở Giao thông vận tải"
  agencyShort: z.string(), // "Sở GTVT Sơn La"
  agencyId: z.string(), // "son-la/so-gtvt"
  province: z.string(), // "Sơn La"
  /** what kind of body issued it (knowledge/parse/issuer.ts IssuerKind): "department", "district"… */
  issuerKind: z.string().optional(),
  /** the body above the issuer in the letterhead: "UBND tỉnh Nghệ An" */
  parentBody: z.string().nullable().optional(),
  number: z.string(), // "2528/KH-SGTVT", or "/KH-SGTVT" when left blank
  issueDate: z.object({ text: z.string(), day: z.number().nullable(), month: z.number().nullable(), year: z.number().nullable() }),
  period: z.object({ from: z.number(), to: z.number(), text: z.string() }),
  signer: z.object({ name: z.string(), title: z.string() }).nullable(),
  baseDocuments: z.array(z.object({ text: z.string(), source: Source })),
  /** the unit that coordinates the plan (chủ trì theo dõi, đôn đốc): usually Văn phòng Sở */
  coordinatorUnitId: z.string().nullable(),
  /** the plan points to appendices that are not in the text */
  missingAppendix: z.string().nullable(),
  sourceFile: z.string(),
});
export type Plan = z.infer<typeof Plan>;

const ItemBase = {
  id: z.string(), // stable: `${planId}:${kind}:${n}`
  planId: z.string(),
  section: z.string(), // path: "II. Cải cách TTHC › 2"
  text: z.string(), // the whole statement, repaired (searchable)
  source: Source,
};

export const Task = z.object({
  ...ItemBase,
  kind: z.literal("task"),
  objective: z.string().nullable(), // Mục tiêu
  task: z.string().nullable(), // Nhiệm vụ
  activity: z.string().nullable(), // Hoạt động
  product: z.string().nullable(), // Sản phẩm / kết quả
  lead: z.array(z.string()), // unit ids (chủ trì)
  support: z.array(z.string()), // unit ids (phối hợp)
  leadText: z.string().nullable(), // the plan's words for the owners
  supportText: z.string().nullable(),
  deadline: Deadline,
  budget: z.string().nullable(),
  /** appendix row number ("II.4") when the task comes from a table */
  row: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const Comparator = z.enum(["min", "over", "max", "under", "exact", "range"]);
export const TargetValue = z.object({
  value: z.number(),
  unit: z.string(), // "%", "phút", "hồ sơ", "ngày"…
  comparator: Comparator, // tối thiểu/từ…trở lên → min; trên → over; không quá → max; dưới → under
  raw: z.string(), // "tối thiểu 80%"
  /** the top of a range ("từ 25% - 35%": value 25, upper 35, comparator "range") */
  upper: z.number().optional(),
});
export const Target = z.object({
  ...ItemBase,
  kind: z.literal("target"),
  area: z.string(), // reform area: "Cải cách TTHC"
  values: z.array(TargetValue),
  horizon: z.number().nullable(), // the year it must be reached
  horizonText: z.string().nullable(), // "năm 2022… mỗi năm tăng 20%"
  lead: z.array(z.string()),
  support: z.array(z.string()),
});
export type Target = z.infer<typeof Target>;

export const ReportSchedule = z.object({
  ...ItemBase,
  kind: z.literal("report"),
  period: z.enum(["Q1", "H1", "Q3", "Y", "Q2", "Q4", "M", "other"]), // quý I, 6 tháng, quý III, năm
  name: z.string(), // "Báo cáo quý I/2024"
  due: Deadline,
  cutoff: z.object({ from: IsoDate, to: IsoDate, text: z.string() }).nullable(),
  from: z.array(z.string()), // unit ids who send it
  to: z.string().nullable(), // recipient text: "Sở Nội vụ"
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;

export const Problem = z.object({
  file: z.string(),
  line: z.number().nullable(),
  message: z.string(), // Vietnamese, shown to admins
  severity: z.enum(["error", "warning"]),
});
export type Problem = z.infer<typeof Problem>;

export const Knowledge = z.object({
  version: z.literal(1),
  builtAt: z.string(),
  plans: z.array(Plan),
  units: z.array(Unit),
  tasks: z.array(Task),
  targets: z.array(Target),
  reports: z.array(ReportSchedule),
  problems: z.array(Problem),
  /** what the plan says but does not assign (Mục đích, yêu cầu; Căn cứ): searchable, never a task */
  statements: z.array(Task).default([]),
});
export type Knowledge = z.infer<typeof Knowledge>;

export type Item = Task | Target | ReportSchedule;
