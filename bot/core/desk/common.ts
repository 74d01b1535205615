// What the coordinating office's commands share: reading a day, finding an occurrence with the desk's
// extensions and ad-hoc tasks, and where a unit's group is.
import type { CoreDeps } from "../index.ts";
import type { Binding } from "../../../data/store.ts";
import { expandOccurrences, findByCode, type Occurrence } from "../../../jobs/occurrences.ts";
import { randomBytes } from "node:crypto";

const pad = (n: number) => String(n).padStart(2, "0");

function realDay(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2100) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null; // 31/4, 30/2
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A day typed by a person: "29/3/2024", "29-03-2024", "29.3.2024", "2024-03-29", "ngày 29/3" (this year).
 * Returns the ISO day and the text without it, or null when no day is there; `invalid` when one is
 * written but does not exist (31/4/2024).
 */
export function findDay(text: string, today: string): { day: string; rest: string } | { invalid: string } | null {
  const iso = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(text);
  const vn = /(?:\bngày\s+|\bngay\s+)?(?<!\d)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?(?![\d/.-]*\d)/i.exec(text);
  const m = iso ?? vn;
  if (!m) return null;
  const [y, mo, d] = iso ? [Number(m[1]), Number(m[2]), Number(m[3])] : [m[3] ? Number(m[3]) : Number(today.slice(0, 4)), Number(m[2]), Number(m[1])];
  const day = realDay(y, mo, d);
  if (!day) return { invalid: m[0].trim().replace(/^ng[aà]y\s+/i, "") };
  const rest = (text.slice(0, m.index) + " " + text.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim();
  return { day, rest };
}

/** "hằng tháng ngày 20", "hàng tháng vào ngày 5", "mỗi tháng ngày 5", "monthly on day 20" → 20 */
export function findMonthly(text: string): { day: number; rest: string } | null {
  const t = text.normalize("NFC");
  const m = /(?:h[aàằ]ng|m[oỗ]i)\s+th[aá]ng(?:\s+v[aà]o)?(?:\s+ng[aà]y)?\s+(\d{1,2})(?!\d)|\bmonthly(?:\s+on)?(?:\s+day)?\s+(\d{1,2})(?!\d)/iu.exec(t);
  if (!m) return null;
  const day = Number(m[1] ?? m[2]);
  if (day < 1 || day > 31) return null;
  const rest = (t.slice(0, m.index) + " " + t.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim();
  return { day, rest };
}

/** Every occurrence, with the desk (extensions, ad-hoc tasks) applied. */
export function occurrencesOf(deps: CoreDeps): Occurrence[] {
  return expandOccurrences(deps.knowledge.knowledge, deps.store.state);
}

export function occurrenceByCode(deps: CoreDeps, code: string): Occurrence | undefined {
  return findByCode(deps.knowledge.knowledge, code, deps.store.state);
}

/** The bound chats of a unit. */
export function chatsOfUnit(deps: CoreDeps, unitId: string): Binding[] {
  return deps.store.state.bindings.filter((b) => b.unitId === unitId);
}

/** A short random id for state records ("ext-k3m9x2", "adhoc-…"). */
export function newRecordId(prefix: string): string {
  const alphabet = "acdefhjkmnprtuvwxy34679";
  let out = "";
  for (const b of randomBytes(8)) out += alphabet[b % alphabet.length];
  return `${prefix}-${out}`;
}
