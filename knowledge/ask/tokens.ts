// One canonical token form for questions and plan texts: folded, abbreviations expanded.
import { foldVietnamese } from "../text.ts";
import { ABBREVIATIONS, INDEX_NAMES, SL_AFTER, SPELLING, THESAURUS, VC_AFTER } from "./lexicon.ts";

const SYNONYMS = THESAURUS.filter(([a, b]) => a !== b).map(([from, to]) => [from.split(" "), to.split(" ")] as const);

const EXPANSIONS: Record<string, string[]> = Object.fromEntries(
  Object.entries(ABBREVIATIONS).map(([k, v]) => [k, v.split(" ")]),
);
const INDEX_SINGLE: Record<string, string[]> = Object.fromEntries(
  Object.entries(INDEX_NAMES)
    .filter(([k]) => !k.includes(" "))
    .map(([k, v]) => [k, v.split(" ")]),
);
const PAR_INDEX = INDEX_NAMES["par index"].split(" ");

/** Folded words and numbers of a text, in order. */
export function rawTokens(text: string): string[] {
  return foldVietnamese(text).match(/[a-z0-9]+/g) ?? [];
}

/**
 * Canonical tokens: abbreviations replaced by their words ("tthc" → thu tuc hanh chinh),
 * index names kept and followed by their Vietnamese name.
 */
export function canonTokens(text: string): string[] {
  const raw = rawTokens(text);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    if (t === "vc" && i > 0 && VC_AFTER.has(raw[i - 1])) {
      out.push("vien", "chuc");
    } else if (t === "sl" && i > 0 && SL_AFTER.has(raw[i - 1])) {
      out.push("so", "lieu");
    } else if (SPELLING[t]) {
      out.push(SPELLING[t]);
    } else if (EXPANSIONS[t]) {
      out.push(...EXPANSIONS[t]);
    } else if (INDEX_SINGLE[t]) {
      out.push(t, ...INDEX_SINGLE[t]);
    } else if (t === "par" && raw[i + 1] === "index") {
      out.push("par", "index", ...PAR_INDEX);
      i++;
    } else {
      out.push(t);
    }
  }
  return SYNONYMS.length ? applyThesaurus(out) : out;
}

function applyThesaurus(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const hit = SYNONYMS.find(([from]) => from.every((w, k) => tokens[i + k] === w));
    if (hit) {
      out.push(...hit[1]);
      i += hit[0].length;
    } else out.push(tokens[i++]);
  }
  return out;
}

/** The canonical form as one string with single spaces (for phrase lookups). */
export function canonText(text: string): string {
  return canonTokens(text).join(" ");
}

export function bigramsOf(tokens: string[], skip?: (a: string, b: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (skip && skip(tokens[i], tokens[i + 1])) continue;
    out.push(`${tokens[i]}_${tokens[i + 1]}`);
  }
  return out;
}

/** Does `phrase` (canonical, spaced) occur in `text` (canonical, spaced) as whole words? */
export function hasPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}
