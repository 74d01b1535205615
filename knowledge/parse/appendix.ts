// Shape 4: the tab-separated appendix table (Quảng Trị): STT, Mục tiêu, Nhiệm vụ, Hoạt động,
// Sản phẩm/kết quả, Chủ trì, Phối hợp, Thời gian thực hiện, Kinh phí. The header repeats at every
// page break; a row cut by the break goes on in a row with an empty STT right after the header,
// and a row with an empty STT elsewhere is a further activity (sub-row) of the row above.
import { foldVietnamese, repairLine, sentenceCase } from "../text.ts";
import type { SourceLine } from "./blocks.ts";

export type Column = "stt" | "objective" | "task" | "activity" | "product" | "lead" | "support" | "deadline" | "budget" | "note";

// Column names of Vietnamese plan tables, matched by meaning on folded text, in any order.
const HEADERS: [Column, RegExp][] = [
  ["stt", /^(stt|tt|so tt|so thu tu)\.?$/],
  ["objective", /^muc tieu/],
  ["task", /^(nhiem vu|noi dung|ten nhiem vu|cong viec|ten cong viec|giai phap|nhiem vu, giai phap|ten hoat dong)/],
  ["activity", /^hoat dong/],
  ["product", /^(san pham|ket qua|hinh thuc van ban)/],
  ["support", /^(co quan |don vi |bo phan )?phoi hop/],
  ["lead", /^(co quan |don vi |bo phan |ca nhan )?(chu tri|thuc hien|phu trach|tham muu)|^trach nhiem|^dau moi/],
  ["deadline", /^(thoi gian|thoi han|tien do|moc thoi gian|thoi diem|han hoan thanh)/],
  ["budget", /^(kinh phi|nguon kinh phi|du toan)/],
  ["note", /^ghi chu/],
];

export interface SubRow {
  line: number;
  task: string;
  activity: string;
  product: string;
  lead: string;
  support: string;
  deadline: string;
  budget: string;
}

export interface AppendixRow {
  section: { roman: string; title: string; line: number } | null;
  no: string; // "4"
  line: number;
  objective: string;
  subs: SubRow[]; // the row itself is the first one
  /** lines of continuation rows merged into this row */
  continued: number[];
  /** a parent row whose numbered children (3.1, 3.2) are the tasks */
  group?: boolean;
}

/** A text export's "a | b | c" table row, as a tab-separated one. */
export function pipeRowToTabs(text: string): string {
  return (text.match(/\s\|\s/g)?.length ?? 0) >= 2 ? text.replace(/^\|\s*|\s*\|$/g, "").replace(/\s*\|\s*/g, "\t") : text;
}

function cells(text: string): string[] {
  return text.split("\t").map((c) => repairLine(c.replace(/\*+/g, "").replace(/\s+/g, " ").trim()));
}

function columnsOf(header: string[]): (Column | null)[] {
  return header.map((h) => {
    const f = foldVietnamese(h).trim();
    return HEADERS.find(([, re]) => re.test(f))?.[0] ?? null;
  });
}

function isHeader(text: string): boolean {
  if (!text.includes("\t")) return false;
  const c = columnsOf(text.split("\t").map((x) => x.replace(/\*+/g, "").trim()));
  const known = c.filter((x) => x !== null);
  return known.length >= 3 && c.includes("lead") && (c.includes("task") || c.includes("objective") || c.includes("activity"));
}

/** Index of the first table header line, or -1 when the text has no appendix table. */
export function findAppendixTable(lines: SourceLine[]): number {
  return lines.findIndex((l) => isHeader(l.text));
}

/** Where the appendix begins: its "Phụ lục" heading just above the table, else the table itself. */
export function appendixStart(lines: SourceLine[], tableAt: number): number {
  for (let i = tableAt - 1; i >= Math.max(0, tableAt - 8); i--) {
    if (/^\s*(#+\s*)?\**\s*Phụ lục\b/iu.test(lines[i].text)) return i;
  }
  return tableAt;
}

/**
 * Joins a piece cut at a page break onto the cell it continues. The continuation sometimes
 * repeats the last word of the cell ("…UBND huyện, TX, TP" / "TP"): that word is not added twice.
 */
export function mergeCell(prev: string, piece: string): string {
  if (piece === "") return prev;
  if (prev === "") return piece;
  if (prev === piece || prev.endsWith(` ${piece}`)) return prev;
  return `${prev} ${piece}`;
}

/** "- Tờ trình - Quyết định" → "Tờ trình; Quyết định" (a list typed with dashes inside one cell). */
export function cleanListCell(s: string): string {
  if (!/^[-–]\s/.test(s)) return s;
  return s
    .replace(/^[-–]\s+/, "")
    .replace(/([.;])\s+[-–]\s+(?=\p{Lu})/gu, "$1 ")
    .replace(/\s+[-–]\s+(?=\p{Lu})/gu, "; ")
    .replace(/;\s*;/g, ";")
    .replace(/[;\s]+$/, "");
}

const ROMAN = /^([IVX]{1,5})\.?(?:\s+(.*))?$/u;

export function parseAppendix(lines: SourceLine[]): AppendixRow[] {
  const at = findAppendixTable(lines);
  if (at < 0) return [];
  const columns = columnsOf(cells(lines[at].text));
  const col = (c: string[], name: Column) => {
    const i = columns.indexOf(name);
    return i >= 0 ? (c[i] ?? "") : "";
  };
  const rows: AppendixRow[] = [];
  let section: AppendixRow["section"] = null;
  let afterHeader = false;
  for (const l of lines.slice(at + 1)) {
    if (l.text.trim() === "") continue;
    if (isHeader(l.text)) {
      afterHeader = true;
      continue;
    }
    // a group row typed across the table without cells ("II. CÔNG TÁC HÒA GIẢI Ở CƠ SỞ")
    if (!l.text.includes("\t")) {
      const g = /^([IVX]{1,5})[.)]?\s+(\S.*)$/u.exec(l.text.trim());
      if (!g) break; // the table has ended
      section = { roman: g[1], title: sentenceCase(g[2]), line: l.line };
      afterHeader = false;
      continue;
    }
    const c = cells(l.text);
    const stt = col(c, "stt");
    const sub: SubRow = {
      line: l.line,
      task: col(c, "task"),
      activity: col(c, "activity"),
      product: col(c, "product"),
      lead: col(c, "lead"),
      support: col(c, "support"),
      deadline: col(c, "deadline"),
      budget: col(c, "budget"),
    };
    const roman = ROMAN.exec(stt);
    if (roman) {
      const title = roman[2] || col(c, "objective") || c.slice(1).find((x) => x !== "") || "";
      section = { roman: roman[1], title: sentenceCase(title), line: l.line };
      afterHeader = false;
      continue;
    }
    const last = rows[rows.length - 1];
    if (/^\d+(?:\.\d+)*\.?$/.test(stt) || /^[a-zđ]\)?$/.test(stt) || !last) {
      rows.push({ section, no: stt.replace(/\.$/, "") || "?", line: l.line, objective: col(c, "objective"), subs: [sub], continued: [] });
    } else if (afterHeader && (sub.lead === "" || sub.deadline === "" || c.some((x) => /^\p{Ll}/u.test(x)))) {
      // (cells that open in lower case are words cut by the break: "hòa" / "giải ở cơ sở")
      // the row cut by the page break goes on here
      const target = last.subs[last.subs.length - 1];
      last.objective = mergeCell(last.objective, col(c, "objective"));
      for (const k of ["task", "activity", "product", "lead", "support", "deadline", "budget"] as const) {
        target[k] = mergeCell(target[k], sub[k]);
      }
      last.continued.push(l.line);
    } else {
      last.subs.push(sub); // a further activity of the same row
    }
    afterHeader = false;
  }
  // "3 | Phổ biến luật mới | | |" over 3.1, 3.2: a parent row, its words the children's objective
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    const own = r.subs[0];
    if (!next || !next.no.startsWith(`${r.no}.`) || own.lead !== "" || own.deadline !== "" || r.subs.length > 1) return;
    r.group = true;
    for (const child of rows.slice(i + 1)) {
      if (!child.no.startsWith(`${r.no}.`)) break;
      child.objective ||= own.task || r.objective;
    }
  });
  for (const r of rows) {
    r.objective = cleanListCell(r.objective);
    for (const s of r.subs) {
      for (const k of ["task", "activity", "product", "lead", "support", "deadline", "budget"] as const) s[k] = cleanListCell(s[k]);
    }
  }
  return rows;
}
