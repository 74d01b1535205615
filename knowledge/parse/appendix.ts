// Shape 4: the tab-separated appendix table (Quảng Trị): STT, Mục tiêu, Nhiệm vụ, Hoạt động,
// Sản phẩm/kết quả, Chủ trì, Phối hợp, Thời gian thực hiện, Kinh phí. The header repeats at every
// page break; a row cut by the break goes on in a row with an empty STT right after the header,
// and a row with an empty STT elsewhere is a further activity (sub-row) of the row above.
import { foldVietnamese, repairLine, sentenceCase } from "../text.ts";
import type { SourceLine } from "./blocks.ts";

export type Column = "stt" | "objective" | "task" | "activity" | "product" | "lead" | "support" | "deadline" | "budget";

const HEADERS: [Column, RegExp][] = [
  ["stt", /^stt$/],
  ["objective", /^muc tieu/],
  ["task", /^nhiem vu/],
  ["activity", /^hoat dong/],
  ["product", /^san pham|^ket qua/],
  ["lead", /^chu tri|^don vi chu tri/],
  ["support", /^phoi hop|^don vi phoi hop/],
  ["deadline", /^thoi gian|^thoi han|^tien do/],
  ["budget", /^kinh phi/],
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
  const c = text.split("\t").map((x) => foldVietnamese(x).trim());
  return c.length >= 4 && c[0] === "stt" && c.some((x) => x.startsWith("chu tri"));
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
    if (!l.text.includes("\t")) break; // the table has ended
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
    if (/^\d+$/.test(stt) || !last) {
      rows.push({ section, no: stt || "?", line: l.line, objective: col(c, "objective"), subs: [sub], continued: [] });
    } else if (afterHeader && (sub.lead === "" || sub.deadline === "")) {
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
  for (const r of rows) {
    r.objective = cleanListCell(r.objective);
    for (const s of r.subs) {
      for (const k of ["task", "activity", "product", "lead", "support", "deadline", "budget"] as const) s[k] = cleanListCell(s[k]);
    }
  }
  return rows;
}
