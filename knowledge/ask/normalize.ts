// Input normalisation before analysis: what a hurried keyboard leaves in a question.
// - telex leftovers ("hanj nopj", "sowr", "ddoocs") and VNI digits ("la5ng so7n", "chu3 tri2");
// - glued syllables ("thanhtra", "baocao", "tiềngiang") and split ones ("tho i", "ke t");
// - a plan's province by its initials ("SL:", "QT", "ĐL") — read from the plans, never listed here.
// Only words no Vietnamese syllable can spell are touched, and only into words that are syllables.
import { foldVietnamese } from "../text.ts";
import { ABBREVIATIONS, EN_STOP, INDEX_NAMES } from "./lexicon.ts";
import { isFoldedSyllable } from "./syllable.ts";
import { detectLanguage } from "./analyze.ts";

/** Telex: doubled letters and w for the marked vowels, a final letter for the tone (general telex). */
const TELEX_VOWELS: [RegExp, string][] = [
  [/dd/g, "d"],
  [/uow/g, "uo"],
  [/aa|aw/g, "a"],
  [/ee/g, "e"],
  [/oo|ow/g, "o"],
  [/uw/g, "u"],
];
const TELEX_TONE = /[sfrxj]$/;

const KNOWN = new Set([...Object.keys(ABBREVIATIONS), ...Object.keys(INDEX_NAMES).flatMap((k) => k.split(" ")), ...EN_STOP]);

/** A folded word typed in telex, back to its folded syllable ("sowr" → "so"), or null. */
export function fromTelex(word: string): string | null {
  if (!/^[a-z]{2,9}$/.test(word) || isFoldedSyllable(word) || KNOWN.has(word)) return null;
  let w = word;
  for (const [re, to] of TELEX_VOWELS) w = w.replace(re, to);
  if (w !== word && isFoldedSyllable(w)) return w;
  if (TELEX_TONE.test(w)) {
    const bare = w.slice(0, -1);
    if (bare.length >= 1 && isFoldedSyllable(bare)) return bare;
  }
  // the tone letter typed before the final consonant: "hanfh", "nhieuf"… rarely; not guessed
  return null;
}

/** A word typed in VNI (digits for marks: "tri2", "so7n", "d9"), back to its folded syllable, or null. */
export function fromVni(word: string): string | null {
  if (!/^[a-z]+[1-9][a-z1-9]*$/.test(word)) return null;
  const w = word.replace(/d9/g, "d").replace(/[1-9]/g, "");
  // VNI and telex mixed in one word ("ddo63i")
  return isFoldedSyllable(w) ? w : fromTelex(w);
}

/** Two syllables typed as one ("thanhtra" → "thanh tra"), or null when no single split works. */
export function splitGlued(word: string, names: Map<string, string>, english = false): string | null {
  if (!/^[a-z]{4,16}$/.test(word) || isFoldedSyllable(word) || KNOWN.has(word)) return null;
  const named = names.get(word);
  if (named) return named;
  // in an English sentence a word no syllable spells is English ("data", "team"), not glued
  if (english) return null;
  const splits: string[] = [];
  for (let i = 1; i < word.length; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (a.length >= 2 && b.length >= 2 && isFoldedSyllable(a) && isFoldedSyllable(b)) splits.push(`${a} ${b}`);
  }
  return splits.length === 1 ? splits[0] : splits.length > 1 ? preferCodaSplit(splits) : null;
}

/** "thanhtra": "thanh tra" over "than htra" — a split whose second part starts a syllable cleanly. */
function preferCodaSplit(splits: string[]): string | null {
  // the longest first part keeps codas (ng, nh, ch) together
  return splits.sort((x, y) => y.indexOf(" ") - x.indexOf(" "))[0];
}

export interface NormalizeCatalog {
  /** folded province names of the plans ("son la") */
  provinces: string[];
}

const memo = new WeakMap<NormalizeCatalog, { initials: Map<string, string>; glued: Map<string, string> }>();
function lookups(c: NormalizeCatalog) {
  let l = memo.get(c);
  if (l) return l;
  const initials = new Map<string, string>();
  const clash = new Set<string>();
  const glued = new Map<string, string>();
  for (const p of new Set(c.provinces)) {
    const words = p.split(" ").filter(Boolean);
    if (words.length < 2) continue;
    glued.set(words.join(""), p);
    const ini = words.map((w) => w[0]).join("");
    // initials shared by two plans' provinces, or that are a known abbreviation, say nothing
    if (initials.has(ini) || KNOWN.has(ini)) clash.add(ini);
    else initials.set(ini, p);
  }
  for (const c2 of clash) initials.delete(c2);
  l = { initials, glued };
  memo.set(c, l);
  return l;
}

/**
 * The question with keyboard leftovers undone. Words it changes come out folded (no diacritics);
 * the rest is kept as typed.
 */
export function normalizeQuestion(question: string, catalog: NormalizeCatalog): string {
  const { initials, glued } = lookups(catalog);
  const parts = question.normalize("NFC").split(/(\s+)/);
  const words = parts.filter((_, i) => i % 2 === 0);
  const folded = words.map((w) => foldVietnamese(w).toLowerCase());
  const core = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  // telex leftovers look like English words: decide the language with them undone
  const english = detectLanguage(question) === "en" && detectLanguage(folded.map((w) => fromTelex(core(w)) ?? fromVni(core(w)) ?? w).join(" ")) === "en";
  const vniCount = folded.filter((w) => fromVni(core(w))).length;
  const telexCount = folded.filter((w) => fromTelex(core(w))).length;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const raw = words[i];
    const w = core(folded[i]);
    const lead = raw.match(/^[^\p{L}\p{N}]*/u)![0];
    const tail = raw.match(/[^\p{L}\p{N}]*$/u)![0];
    const rawCore = core(raw);
    let rep: string | null = null;
    // "SL:", "QT", "ĐL": written in capitals (or opening the question with a colon) — a plan's province
    const ini = initials.get(w);
    if (ini && (/^\p{Lu}{2,4}$/u.test(rawCore) || (i === 0 && tail.startsWith(":")) || /^so$/.test(core(folded[i - 2] ?? "")))) rep = ini;
    else if (vniCount >= 1 && !(vniCount === 1 && /^(?:quy|thang|q|h|nam)\d/.test(w))) rep = fromVni(w);
    if (!rep && !english && telexCount >= 1) rep = fromTelex(w);
    if (!rep) rep = splitGlued(w, glued, english);
    out.push(rep ? `${lead}${rep}${tail}` : raw);
  }
  // a syllable split in two ("tho i", "ke t"): a one-letter piece that is no word joins the previous word
  for (let i = 1; i < out.length; i++) {
    const piece = core(foldVietnamese(out[i]).toLowerCase());
    const prev = core(foldVietnamese(out[i - 1]).toLowerCase());
    if (!/^[a-z]$/.test(piece) || /^(?:quy|phu|luc|muc|phan|a|o|y)$/.test(prev) || !prev || isFoldedSyllable(piece) && piece !== "i") continue;
    if (isFoldedSyllable(prev + piece)) {
      out[i - 1] = `${prev}${piece}${out[i].match(/[^\p{L}\p{N}]*$/u)![0]}`;
      out.splice(i, 1);
      i--;
    }
  }
  return out.join(" ");
}
