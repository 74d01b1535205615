// Short names for plans, units, sections and deadlines as answers print them.
import { formatDateEn, formatDateVi, formatDeadline } from "../deadlines.ts";
import type { Deadline, Plan, Task, Unit } from "../schema.ts";
import { foldVietnamese } from "../text.ts";

export type Lang = "vi" | "en";

const TITLE_ABBREV: [RegExp, string][] = [
  [/^kế hoạch\s*/iu, ""],
  [/\bcải cách hành chính\b/giu, "CCHC"],
  [/\bthủ tục hành chính\b/giu, "TTHC"],
  [/\bChỉ số CCHC \(PAR INDEX\)/giu, "PAR INDEX"],
  [/\bChỉ số hài lòng về sự phục vụ hành chính \(SIPAS\)/giu, "SIPAS"],
  [/\bnâng cao nâng cao\b/giu, "nâng cao"],
];

/** "KH CCHC năm 2024 – Sở GTVT Sơn La": the plan as answers cite it. */
export function planLabel(p: Plan): string {
  let t = p.title.replace(/\s+/g, " ").trim();
  for (const [re, to] of TITLE_ABBREV) t = t.replace(re, to);
  // the agency and province are said once, after the dash
  for (const name of [p.agency, p.agencyShort, p.province ? `tỉnh ${p.province}` : "", p.province]) {
    if (!name) continue;
    const re = new RegExp(`\\s*(?:của\\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "giu");
    t = t.replace(re, "");
  }
  t = t.replace(/\s+,/g, ",").replace(/[\s,–-]+$/u, "").replace(/\s+/g, " ").trim();
  if (t.length > 70) t = `${t.slice(0, 67).replace(/\s+\S*$/u, "")}…`;
  return `KH ${t} – ${p.agencyShort}`;
}

export function unitName(units: Map<string, Unit>, id: string): string {
  return units.get(id)?.name ?? id.replace(/^.*\//, "");
}

export function ownerNames(units: Map<string, Unit>, ids: string[], fallback: string | null | undefined): string[] {
  if (ids.length) return ids.map((id) => unitName(units, id));
  return fallback && fallback.trim() ? [fallback.trim()] : [];
}

const MARKER = /^((?:[IVXLC]+|\d+(?:\.\d+)*)[.)]?|[a-zđ][.)])(?=\s|$)\s*/u;

/**
 * Where in the plan: the appendix row for table rows, else the section numbers with the nearest
 * heading: "II › 3. Cải cách TTHC › a) Chỉ tiêu" → "mục II.3.a (Chỉ tiêu)".
 */
export function sectionRef(section: string, row: string | null | undefined, lang: Lang): string {
  if (row) return lang === "vi" ? `Phụ lục, mục ${row}` : `appendix row ${row}`;
  const parts = section.replace(/\*+/g, "").split("›").map((x) => x.replace(/\s+/g, " ").trim()).filter(Boolean);
  if (!parts.length) return "";
  const nums: string[] = [];
  let head = "";
  for (const part of parts) {
    const m = MARKER.exec(part);
    if (/^\d+(?:\.\d+)*\.?$/.test(part)) nums.push(part.replace(/\.$/, ""));
    else if (m) {
      nums.push(m[1].replace(/[.)]$/, ""));
      head = part.slice(m[0].length);
    } else head = part;
  }
  // "1.7" under "1" already says "1"
  const path = nums.filter((n, i) => !(i + 1 < nums.length && nums[i + 1].startsWith(`${n}.`))).join(".");
  const title = clip(head, 60);
  const appendix = /^Phụ lục/iu.test(parts[0]) ? (lang === "vi" ? "Phụ lục, " : "appendix, ") : "";
  const word = appendix + (lang === "vi" ? "mục" : "section");
  if (!path) return /^(Điều|Phụ lục)/u.test(title) ? title : `${word} ${title}`;
  return title ? `${word} ${path} (${title})` : `${word} ${path}`;
}

export function citation(p: Plan, section: string, row: string | null | undefined, line: number | null, lang: Lang): string {
  const parts = [planLabel(p), sectionRef(section, row, lang)].filter(Boolean);
  if (line) parts.push(lang === "vi" ? `dòng ${line}` : `line ${line}`);
  return `${lang === "vi" ? "Nguồn" : "Source"}: ${parts.join(", ")}.`;
}

export function deadlineText(d: Deadline, lang: Lang): string {
  const s = formatDeadline(d, lang).trim();
  if (!s) return lang === "vi" ? "không ghi thời hạn" : "no deadline given";
  // in English, the plan's own words too, so the date can be checked against the plan
  const own = d.text.replace(/\s+/g, " ").trim();
  if (lang === "en" && own && /\d/.test(own) && !s.includes(own)) return `${s}; plan: “${own}”`;
  return s;
}

export function dateText(iso: string, lang: Lang): string {
  return lang === "vi" ? formatDateVi(iso) : formatDateEn(iso);
}

/** "GIÁM ĐỐC" → "Giám đốc"; "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" → "Phó Giám đốc (ký thay Giám đốc)". */
export function signerTitle(title: string, lang: Lang): string {
  const f = foldVietnamese(title);
  const deputy = /pho giam doc/.test(f);
  const onBehalf = /\bkt\b/.test(f);
  if (lang === "en") return deputy ? "Deputy Director" + (onBehalf ? ", signing for the Director" : "") : /giam doc/.test(f) ? "Director" : title;
  if (deputy) return onBehalf ? "Phó Giám đốc (KT. Giám đốc)" : "Phó Giám đốc";
  if (/giam doc/.test(f)) return "Giám đốc";
  return title.trim();
}

/** A task's name: its task (or activity) cell, with the objective when the cell alone is vague. */
export function taskName(t: Task, objective?: string | null): string {
  const main = (t.task ?? t.activity ?? "").replace(/\s+/g, " ").trim();
  if (!main) return "";
  const obj = (t.objective ?? objective)?.replace(/\s+/g, " ").trim();
  // a long objective is a sentence of its own, not a label
  if (obj && obj.length <= 90 && !foldVietnamese(main).includes(foldVietnamese(obj).slice(0, 20))) {
    const mainWords = new Set(foldVietnamese(main).match(/[a-z0-9]+/g) ?? []);
    const objWords = foldVietnamese(obj).match(/[a-z0-9]+/g) ?? [];
    const shared = objWords.filter((w) => mainWords.has(w)).length;
    if (shared < objWords.length * 0.6) return clip(`${obj} – ${main}`, 200);
  }
  return clip(main, 200);
}

export function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1).replace(/\s+\S*$/u, "")}…` : t;
}

/** Cuts a multi-line text at a line boundary so it fits in `max` characters. */
export function clipLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split("\n");
  const out: string[] = [];
  let len = 2;
  for (const l of lines) {
    if (len + l.length + 1 > max) break;
    out.push(l);
    len += l.length + 1;
  }
  return `${out.join("\n")}\n…`;
}
