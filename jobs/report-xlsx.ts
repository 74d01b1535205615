// The report as an .xlsx workbook (exceljs): a summary sheet per unit with totals, a detail sheet per
// occurrence × unit, and a sheet saying what the figures mean. Frozen header row, filters, widths,
// Vietnamese headers, dates shown dd/mm/yyyy (real date cells, so they sort and filter). No file
// is written here: the caller gets the bytes.
import ExcelJS from "exceljs";
import type { Knowledge } from "../knowledge/schema.ts";
import { STATUS_LABEL, buildReport, type Report, type ReportInput } from "./report-build.ts";

const VN_OFFSET_MS = 7 * 3600_000;

/** An ISO day as an Excel date (Excel dates have no zone: the day itself, at midnight UTC). */
const dayCell = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
/** An instant as Excel date-time in Viet Nam time. */
const instantCell = (iso: string | null) => (iso ? new Date(Date.parse(iso) + VN_OFFSET_MS) : null);

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };

function styleHeader(ws: ExcelJS.Worksheet, columns: number): void {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = HEADER_FILL;
  row.height = 32; // two lines of a wrapped header
  ws.views = [{ state: "frozen", ySplit: 1 }];
  // printed on A4 landscape, one page wide, the header repeated on every page
  ws.pageSetup = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
}

export const SUMMARY_SHEET = "Tổng hợp";
export const DETAIL_SHEET = "Chi tiết";
export const ABOUT_SHEET = "Giải thích";

export const SUMMARY_HEADERS = ["Đơn vị", "Số việc đến hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa hoàn thành nhưng còn hạn", "Chưa hoàn thành và đã quá hạn", "Tỷ lệ đúng hạn"];
export const DETAIL_HEADERS = ["Kế hoạch", "Nội dung công việc", "Mã", "Đơn vị", "Hạn", "Gia hạn đến", "Lý do / văn bản gia hạn", "Ngày nộp", "Người xác nhận", "Minh chứng", "SHA-256 minh chứng", "Tình trạng"];

export interface WorkbookOptions {
  /** the agency or agencies, for the sheet of explanations */
  scope: string;
  generatedAt: Date;
}

/** The report's workbook, as bytes. */
export async function reportWorkbook(report: Report, _k: Knowledge, opts: WorkbookOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Trợ lý Kế hoạch";
  wb.created = opts.generatedAt;
  wb.modified = opts.generatedAt;

  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.columns = SUMMARY_HEADERS.map((header, i) => ({ header, width: i === 0 ? 44 : 18 }));
  for (const s of report.units) summary.addRow([s.unit, s.due, s.onTime, s.late, s.open, s.overdue, s.rate]);
  const t = report.total;
  const totalRow = summary.addRow(["Tổng cộng", t.due, t.onTime, t.late, t.open, t.overdue, t.rate]);
  totalRow.font = { bold: true };
  summary.getColumn(7).numFmt = "0.0%";
  styleHeader(summary, SUMMARY_HEADERS.length);

  const detail = wb.addWorksheet(DETAIL_SHEET);
  const widths = [40, 60, 9, 36, 12, 12, 30, 17, 22, 30, 30, 30];
  detail.columns = DETAIL_HEADERS.map((header, i) => ({ header, width: widths[i] }));
  for (const r of report.rows) {
    const evidence = r.evidence ? (r.evidence.failed ? `${r.evidence.name} (chưa tải được — cần gửi lại)` : r.evidence.name) : null;
    detail.addRow([
      r.plan,
      r.item,
      r.code,
      r.unit,
      dayCell(r.originalDue ?? r.due),
      r.originalDue ? dayCell(r.due) : null,
      r.extension?.reason || null,
      instantCell(r.submittedAt),
      r.submittedBy,
      evidence,
      r.evidence?.sha256 ?? null,
      STATUS_LABEL[r.status],
    ]);
  }
  // wrapped cells: each row as tall as its longest text needs (a reader does not resize rows it did not write)
  const wrapped = [1, 2, 4, 7, 10];
  for (const c of wrapped) detail.getColumn(c).alignment = { wrapText: true, vertical: "top" };
  detail.eachRow((row, i) => {
    if (i === 1) return;
    const lines = Math.max(1, ...wrapped.map((c) => Math.ceil(String(row.getCell(c).value ?? "").length / Math.max(1, (widths[c - 1] ?? 10) - 2))));
    row.height = 15 * lines;
    row.alignment = { vertical: "top" };
    for (const c of wrapped) row.getCell(c).alignment = { wrapText: true, vertical: "top" };
  });
  detail.getColumn(5).numFmt = "dd/mm/yyyy";
  detail.getColumn(6).numFmt = "dd/mm/yyyy";
  detail.getColumn(8).numFmt = "dd/mm/yyyy hh:mm";
  styleHeader(detail, DETAIL_HEADERS.length);

  const about = wb.addWorksheet(ABOUT_SHEET);
  about.columns = [{ width: 28 }, { width: 90 }];
  const [fy, fm, fd] = report.from.split("-");
  const [ty, tm, td] = report.to.split("-");
  about.addRows([
    ["Báo cáo", `Tình hình thực hiện nhiệm vụ — ${report.label}`],
    ["Cơ quan", opts.scope],
    ["Khoảng thời gian", `${fd}/${fm}/${fy} – ${td}/${tm}/${ty}`],
    ["Tính đến ngày", report.today.split("-").reverse().join("/")],
    ["Tỷ lệ đúng hạn", "Số việc hoàn thành đúng hạn / (đúng hạn + quá hạn + chưa hoàn thành đã quá hạn); việc còn hạn chưa tính."],
    ["Gia hạn", "Việc được gia hạn được đánh giá đúng hạn theo hạn mới (cột «Gia hạn đến»)."],
    ["Phạm vi", "Các đơn vị đã đăng ký nhóm nhắc hạn với bot; gồm việc theo kế hoạch và nhiệm vụ được giao (/giao)."],
  ]);
  about.getColumn(1).font = { bold: true };

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** "bao-cao-quy-I-2024.xlsx" */
export function reportFileName(label: string): string {
  const slug = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `bao-cao-${slug || "tien-do"}.xlsx`;
}

/** "Sở GTVT Sơn La", or every agency of the report. */
export function scopeLabel(k: Knowledge, agencyIds: readonly string[]): string {
  const names = agencyIds.map((a) => {
    const p = k.plans.find((x) => x.agencyId === a);
    return p ? p.agencyShort || `${p.agency} ${p.province}` : a;
  });
  return names.length > 0 ? names.join(", ") : "—";
}

/** The report and its workbook: what /baocao sends and the report CLI writes (the same bytes for the same input). */
export async function buildReportFile(input: ReportInput): Promise<{ report: Report; bytes: Uint8Array; fileName: string; scope: string }> {
  const report = buildReport(input);
  const scope = scopeLabel(input.knowledge, input.agencies === "all" ? report.agencyIds : input.agencies);
  const bytes = await reportWorkbook(report, input.knowledge, { scope, generatedAt: input.now });
  return { report, bytes, fileName: reportFileName(input.label), scope };
}
