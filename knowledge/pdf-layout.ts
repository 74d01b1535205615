// One PDF page's positioned text (and ruling lines) → text. Outside tables the text is what
// pdf.js gives in reading order (as unpdf's extractText). A table — found by its header line
// (STT … Chủ trì / Phối hợp / Thời gian …) — comes out as tab-separated rows, the shape of the
// appendix in the text plans, so knowledge/parse/appendix.ts reads it: the header on each page,
// a cell's wrapped lines joined, a row cut by the page end going on after the next page's header
// with an empty STT. Pure: knowledge/extract-pdf.ts feeds it what pdf.js reports.
import { foldVietnamese } from "./text.ts";

/** A text run as pdf.js reports it: baseline at (x, y), PDF space (y grows upwards). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  eol: boolean;
}

/** A stroked or filled straight edge of a path, page coordinates: the table's rules. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Line {
  y: number;
  size: number;
  items: TextItem[]; // left to right
}

/** A horizontal rule at y, made of the x ranges it covers. */
interface HRule {
  y: number;
  spans: [number, number][];
}

interface Table {
  top: number;
  bottom: number;
  rows: string[];
}

const blank = (i: TextItem) => i.str.trim() === "";

/** Text the way unpdf's extractText gives it: each run, a newline where pdf.js saw a line end. */
function plain(items: TextItem[]): string {
  return items.map((i) => i.str + (i.eol ? "\n" : "")).join("");
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : 10;
}

function toLines(items: TextItem[]): Line[] {
  const sorted = items.filter((i) => !blank(i)).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - item.y) <= 0.4 * Math.max(line.size, item.size)) line.items.push(item);
    else lines.push({ y: item.y, size: item.size, items: [item] });
  }
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x);
    l.size = median(l.items.map((i) => i.size));
  }
  return lines;
}

/** Runs of one line joined: no space where pdf.js split a word, one where the gap is a space. */
function joinRuns(items: TextItem[]): string {
  let out = "";
  let end = -Infinity;
  for (const i of items) {
    out += out && i.x - end > 0.15 * i.size ? ` ${i.str}` : i.str;
    end = i.x + i.width;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** A line's cells: runs separated by more than a wide space. */
function lineCells(line: Line): { x: number; end: number; text: string }[] {
  const cells: { x: number; end: number; runs: TextItem[] }[] = [];
  for (const i of line.items) {
    const last = cells[cells.length - 1];
    if (last && i.x - last.end <= 0.45 * line.size) {
      last.runs.push(i);
      last.end = Math.max(last.end, i.x + i.width);
    } else cells.push({ x: i.x, end: i.x + i.width, runs: [i] });
  }
  return cells.map((c) => ({ x: c.x, end: c.end, text: joinRuns(c.runs) }));
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, " ").trim();

const ROW_NUMBER = /^(stt|tt|so tt|so thu tu)\.?$/;

/** The header of a plan's task table: at least 4 cells, a row-number column ("STT", "TT") and an owner or time column. */
function isTableHeader(line: Line): boolean {
  const cells = lineCells(line).map((c) => fold(c.text));
  return cells.length >= 4 && cells.some((c) => ROW_NUMBER.test(c)) && cells.some((c) => /chu tri|phoi hop|thoi gian|thoi han|tien do|thuc hien/.test(c));
}

/** Whether a page has a table header at all (only then are its rules worth reading). */
export function hasTableHeader(items: TextItem[]): boolean {
  return toLines(items).some(isTableHeader);
}

function horizontalRules(segments: Segment[]): HRule[] {
  const flat = segments
    .filter((s) => Math.abs(s.y1 - s.y0) < 0.5 && Math.abs(s.x1 - s.x0) > 2)
    .map((s) => ({ y: (s.y0 + s.y1) / 2, x0: Math.min(s.x0, s.x1), x1: Math.max(s.x0, s.x1) }))
    .sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rules: HRule[] = [];
  for (const s of flat) {
    // a border drawn as a thin filled box has two edges close together: one rule
    let rule = rules.find((r) => Math.abs(r.y - s.y) < 2);
    if (!rule) rules.push((rule = { y: s.y, spans: [] }));
    const touching = rule.spans.find(([a, b]) => s.x0 <= b + 2 && s.x1 >= a - 2);
    if (touching) {
      touching[0] = Math.min(touching[0], s.x0);
      touching[1] = Math.max(touching[1], s.x1);
    } else rule.spans.push([s.x0, s.x1]);
  }
  for (const r of rules) {
    // spans merged late may now touch each other
    r.spans.sort((a, b) => a[0] - b[0]);
    r.spans = r.spans.reduce<[number, number][]>((acc, s) => {
      const last = acc[acc.length - 1];
      if (last && s[0] <= last[1] + 2) last[1] = Math.max(last[1], s[1]);
      else acc.push([s[0], s[1]]);
      return acc;
    }, []);
  }
  return rules.sort((a, b) => b.y - a.y);
}

const covered = (r: HRule, from: number, to: number) => r.spans.reduce((s, [a, b]) => s + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);

function verticals(segments: Segment[]): Segment[] {
  return segments
    .filter((s) => Math.abs(s.x1 - s.x0) < 0.5 && Math.abs(s.y1 - s.y0) > 3)
    .map((s) => ({ x0: s.x0, x1: s.x0, y0: Math.min(s.y0, s.y1), y1: Math.max(s.y0, s.y1) }));
}

/** Distinct values, close ones (within `tol`) taken as one. */
function distinct(values: number[], tol: number): number[] {
  return [...values].sort((a, b) => a - b).reduce<number[]>((acc, v) => (acc.length && v - acc[acc.length - 1] <= tol ? acc : [...acc, v]), []);
}

/** Cell text: its runs line by line, top to bottom, wrapped lines joined with a space. */
function cellText(items: TextItem[]): string {
  return toLines(items)
    .map((l) => joinRuns(l.items))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Reads the table whose header is lines[at]; its top and bottom bound the region it takes on the page. */
function readTable(lines: Line[], at: number, segments: Segment[]): Table {
  const head = lines[at];
  const size = head.size;
  const headCells = lineCells(head);
  const extent: [number, number] = [headCells[0].x, headCells[headCells.length - 1].end];
  const wide = (r: HRule) => covered(r, extent[0], extent[1]) >= 0.5 * (extent[1] - extent[0]);
  const allRules = horizontalRules(segments);
  const hrules = allRules.filter(wide);
  const vrules = verticals(segments);

  // the header band: between the rules above and below the header line, else the header line and the lines wrapped under it
  const below = hrules.find((r) => r.y < head.y);
  const above = [...hrules].reverse().find((r) => r.y > head.y + 0.5 * size);
  const bandTop = above?.y ?? head.y + 1.2 * size;
  let bandBottom: number;
  if (below) bandBottom = below.y;
  else {
    let last = at;
    while (last + 1 < lines.length && last - at < 3 && lines[last].y - lines[last + 1].y <= 1.35 * size) last++;
    bandBottom = lines[last].y - 0.4 * size;
  }

  // columns: the vertical rules standing on the header's bottom rule
  const standing = distinct(
    vrules.filter((v) => v.y0 <= bandBottom + 1 && v.y1 >= bandBottom + 2 && v.x0 >= extent[0] - 3 * size && v.x0 <= extent[1] + 3 * size).map((v) => v.x0),
    1.5,
  );
  const ruled = standing.length >= 6;
  const left = ruled ? standing[0] : -Infinity;
  const right = ruled ? standing[standing.length - 1] : Infinity;

  // the table ends where its left border ends, else at its lowest rule, else at the page's end
  let bottom = -Infinity;
  if (ruled) {
    bottom = bandBottom;
    for (let grew = true; grew; ) {
      grew = false;
      for (const v of vrules) {
        if (Math.abs(v.x0 - left) <= 1.5 && v.y1 >= bottom - 1.5 && v.y0 < bottom - 0.5) {
          bottom = v.y0;
          grew = true;
        }
      }
    }
  } else if (below) bottom = Math.min(...hrules.map((r) => r.y));
  const inBody = (l: Line) => l.y <= bandBottom && l.y > bottom;
  const body = lines.filter(inBody);

  // without vertical rules a column starts at its header cell, or — the header centred over
  // left-aligned text — at the leftmost text start between that header cell and the one before
  const textStarts = body.flatMap((l) => lineCells(l).map((c) => c.x));
  const starts = ruled
    ? standing.slice(0, -1)
    : headCells.map((c, k) => {
        if (k === 0) return -Infinity;
        const between = textStarts.filter((x) => x > headCells[k - 1].end && x <= c.x + 0.5);
        return Math.min(c.x, ...between) - 0.3 * size;
      });
  const columnOf = (x: number) => {
    let k = 0;
    while (k + 1 < starts.length && x + 0.5 >= starts[k + 1]) k++;
    return k;
  };
  const n = starts.length;

  const inBand = (l: Line) => l.y < bandTop && l.y > bandBottom;
  const header = Array.from({ length: n }, () => [] as TextItem[]);
  for (const l of lines.filter(inBand)) {
    for (const i of l.items) {
      const k = columnOf(i.x);
      // a title over several columns ("Đơn vị thực hiện" over Chủ trì | Phối hợp) names none of them
      if (ruled && i.x + i.width > standing[k + 1] + 2) continue;
      header[k].push(i);
    }
  }
  const headerTexts = header.map(cellText);

  const stt = Math.max(0, headerTexts.findIndex((h) => ROW_NUMBER.test(fold(h))));
  const cells: TextItem[][][] = [];
  // a rule cuts a column when it runs across it (an underline in a cell does not)
  const crosses = (r: HRule, k: number) =>
    ruled
      ? covered(r, standing[k], standing[k + 1]) >= 0.8 * (standing[k + 1] - standing[k])
      : r.spans.some(([a, b]) => a <= headCells[k].x && b >= headCells[k].end);
  const cutsIn = allRules.filter((r) => r.y <= bandBottom + 0.5 && r.y >= bottom - 0.5);
  const ruledRows = cutsIn.some((r) => r.y < bandBottom - 1 && r.y > bottom + 1 && starts.some((_, k) => crosses(r, k)));
  if (ruledRows) {
    // rows between rules; a cell merged down over several rows (no rule across its column) belongs to the first
    const columnCuts = Array.from({ length: n }, (_, k) =>
      distinct([bandBottom, bottom, ...cutsIn.filter((r) => crosses(r, k)).map((r) => r.y)], 1).filter(Number.isFinite),
    );
    const fine = distinct(columnCuts.flat(), 1).reverse(); // top to bottom
    for (const l of body) {
      for (const i of l.items) {
        const k = columnOf(i.x);
        const mid = i.y + 0.3 * i.size;
        const top = columnCuts[k].filter((c) => c > mid).reduce((a, b) => Math.min(a, b), Infinity);
        const row = top === Infinity ? 0 : Math.max(0, fine.findIndex((f) => Math.abs(f - top) <= 1));
        ((cells[row] ??= [])[k] ??= []).push(i);
      }
    }
  } else {
    // no rules between the rows: a row starts where STT has text or after a gap wider than the line spacing
    const gaps = body.slice(1).map((l, j) => body[j].y - l.y);
    const pitch = Math.min(1.5 * size, ...gaps.filter((g) => g > 0.8 * size));
    let row = -1;
    body.forEach((l, j) => {
      if (j === 0 || l.items.some((i) => columnOf(i.x) === stt) || gaps[j - 1] > 1.25 * pitch + 0.5) row++;
      for (const i of l.items) ((cells[row] ??= [])[columnOf(i.x)] ??= []).push(i);
    });
  }
  const rows = cells.filter(Boolean).map((r) => Array.from({ length: n }, (_, k) => cellText(r[k] ?? [])));
  splitMergedContinuation(rows, headerTexts);
  return {
    top: bandTop,
    bottom,
    rows: [headerTexts, ...rows].filter((r) => r.some((c) => c !== "")).map((r) => r.join("\t")),
  };
}

/**
 * The first row under a repeated header may carry the rest of a merged Mục tiêu cell from the page
 * before beside a whole new sub-row. The parser joins a row onto the one cut by the break only when
 * its owner or time is empty, so the merged cell's rest goes in a row of its own ahead of the sub-row.
 */
function splitMergedContinuation(rows: string[][], header: string[]): void {
  const find = (re: RegExp) => header.findIndex((h) => re.test(fold(h)));
  const [stt, objective, lead, due] = [find(/^stt$/), find(/^muc tieu/), find(/chu tri/), find(/^(thoi gian|thoi han|tien do)/)];
  const first = rows[0];
  if (!first || [stt, objective, lead, due].some((k) => k < 0)) return;
  if (first[stt] !== "" || first[objective] === "" || first[lead] === "" || first[due] === "") return;
  const rest = header.map((_, k) => (k === objective ? first[objective] : ""));
  first[objective] = "";
  rows.unshift(rest);
}

/**
 * A page number above or below a table ("5", "- 5 -"; Nghị định 30/2020 puts it at the top centre)
 * would stand between the table's pages and end the appendix for the parser: it is left out there.
 */
function dropPageNumbers(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$/.test(l))
    .join("\n");
}

/** The page as text: tables as tab-separated rows, everything else as pdf.js reads it. */
export function pageText(items: TextItem[], segments: Segment[] = []): string {
  const lines = toLines(items);
  const tables: Table[] = [];
  for (let at = lines.findIndex(isTableHeader); at >= 0; ) {
    const table = readTable(lines, at, segments);
    tables.push(table);
    const next = lines.findIndex((l, j) => j > at && l.y <= table.bottom && isTableHeader(l));
    at = next;
  }
  if (tables.length === 0) return plain(items);
  const parts: string[] = [];
  let above = Infinity;
  for (const t of tables) {
    parts.push(plain(items.filter((i) => i.y < above && i.y >= t.top)), t.rows.join("\n"));
    above = t.bottom;
  }
  parts.push(plain(items.filter((i) => i.y < above)));
  return parts
    .map((p) => p.replace(/\n+$/, ""))
    .map((p, k) => (k % 2 === 1 ? p : dropPageNumbers(p)))
    .filter((p) => p.trim() !== "")
    .join("\n");
}
