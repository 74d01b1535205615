// Question → language, intent, slots (time, agency, unit) and the words to search for.
import { foldVietnamese } from "../text.ts";
import { isFoldedSyllable } from "./syllable.ts";
import { ABBREVIATIONS, AGENCY_KINDS, AMBIGUOUS_PROVINCES, EN_STOP, FUNCTION_WORDS, GLOSSARY, INDEX_NAMES, INTENT_WORDS, PROVINCES, VI_STOP } from "./lexicon.ts";
import { readTimeSlots, type TimeSlots } from "./slots.ts";
import { bigramsOf, canonText, canonTokens, hasPhrase } from "./tokens.ts";

export type Intent = "deadline" | "owner" | "target" | "list" | "fact" | "unknown";
export type FactKind = "signer" | "number" | "date" | "base" | "period" | "appendix";

/** What the analyser needs to know about the corpus (built once with the index). */
export interface Catalog {
  plans: { id: string; agencyId: string; province: string; agency: string; aliases?: string[] }[];
  units: { id: string; agencyId: string; phrase: string }[];
  /** provinces (canonical) of no plan */
  foreignProvinces: string[];
  /** agency kinds (canonical) that are neither a plan's agency nor named in any plan */
  foreignAgencies: string[];
}

export interface Analysis {
  question: string;
  lang: "vi" | "en";
  intent: Intent;
  fact?: FactKind;
  /** owner questions: who leads, who supports, where a report goes */
  role?: "lead" | "support" | "recipient";
  /** data cut-off of a report rather than its due date */
  cutoff: boolean;
  /** asks across plans ("các Sở", "which agencies"): every plan that answers is shown */
  plural: boolean;
  time: TimeSlots;
  /** plans the question names (by province or agency); null when it names none */
  planIds: string[] | null;
  /** the question is about a place or agency no plan covers */
  outside?: string;
  unitIds: string[];
  /** canonical search words (no stop words) and word pairs */
  terms: string[];
  /** English words the glossary does not know: they count as partly missing, never as matches */
  unknownEnglish: string[];
  bigrams: string[];
  /** canonical text of the whole question (after translation) */
  canon: string;
  /** folded word → the words with diacritics the question wrote (when it wrote diacritics) */
  accents: Map<string, string[]>;
}

const EN_MARKERS = new Set(["when", "who", "what", "which", "how", "is", "are", "the", "of", "for", "due", "by", "must", "does", "do", "should", "plan", "report", "signed", "leads", "many", "much", "percentage", "share", "whats", "what's", "in", "be"]);
const VI_MARKERS = new Set(["ai", "khi", "nao", "bao", "nhieu", "cua", "ke", "hoach", "han", "ty", "le", "gi", "la", "duoc", "cac", "va", "nhung", "chu", "tri", "nop", "gui", "phai", "co", "khong", "thi", "o", "tai", "thuc", "hien", "so", "nam", "quy", "ngay", "thang", "viec", "muc", "do", "hai", "long"]);

const KNOWN_SHORT = new Set([...Object.keys(ABBREVIATIONS), ...Object.keys(INDEX_NAMES).flatMap((k) => k.split(" ")), "vc", "iso", "tcvn", "website", "ubnd", "hcc"]);

export function detectLanguage(question: string): "vi" | "en" {
  const marked = /[\u0300-\u036f]/.test(question.normalize("NFD")) || /[đĐ]/.test(question);
  if (marked) {
    // an English sentence may quote a Vietnamese name ("What is Văn phòng responsible for?")
    const plain = question.toLowerCase().match(/[a-z']+/g) ?? [];
    const en = plain.filter((w) => EN_MARKERS.has(w)).length;
    const vi = plain.filter((w) => VI_MARKERS.has(w)).length;
    return en >= 3 && en > vi + 1 ? "en" : "vi";
  }
  const words = question.toLowerCase().match(/[a-z']+/g) ?? [];
  let en = 0;
  let vi = 0;
  let foreign = 0;
  for (const w of words) {
    if (EN_MARKERS.has(w)) en++;
    if (VI_MARKERS.has(w)) vi++;
    // without diacritics, a word no Vietnamese syllable can spell is English ("report", "deadline")
    if (!KNOWN_SHORT.has(w) && !isFoldedSyllable(w.replace(/'.*$/, ""))) foreign++;
  }
  if (/^\s*(when|who|what|which|how|by when|is|are|does|do)\b/i.test(question)) en += 2;
  if (en >= 2 && en > vi) return "en";
  return foreign >= 2 && foreign >= words.length * 0.4 ? "en" : "vi";
}

const PHRASES = GLOSSARY.map(([en, vi]) => [en.split(/\s+/), vi] as const).sort((a, b) => b[0].length - a[0].length);

/**
 * English phrases → Vietnamese words; English filler words dropped; other words kept.
 * Each translated phrase is its own segment ("|"), so no word pair spans two of them.
 */
function translate(text: string, produced: Set<string>): string {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (words[i] === "|") {
      out.push("|");
      i++;
      continue;
    }
    const hit = PHRASES.find(([p]) => p.every((w, k) => words[i + k]?.replace(/'s$/, "").replace(/[^a-z0-9'-]/g, "") === w));
    if (hit) {
      out.push("|", hit[1], "|");
      for (const w of canonTokens(hit[1])) produced.add(w);
      i += hit[0].length;
      continue;
    }
    const w = words[i].replace(/[^a-z0-9%'-]/g, "");
    const bare = w.replace(/'s$/, "");
    if (w && !EN_STOP.has(w) && !EN_STOP.has(bare)) out.push(bare);
    else out.push("|");
    i++;
  }
  return out.join(" ");
}

/** Question phrases that say what kind of answer is wanted: boundaries, never subject words. */
const CUES = [
  "ty le", "bao nhieu", "phan tram", "khi nao", "bao gio", "luc nao", "ngay nao", "thang nao", "nam nao", "la gi",
  "nhu the nao", "the nao", "lam gi", "yeu cau gi", "ngay may", "chu tri", "phoi hop", "don vi nao", "co quan nao", "phong nao", "bo phan nao",
  "o dau", "ve dau", "viec gi", "nhung gi", "nhiem vu gi", "thoi han", "truoc ngay", "ai", "han", "la", "co", "khong",
  "phu trach", "chiu trach nhiem", "dam nhiem", "giao cho", "cham nhat", "muon nhat", "han cuoi", "han chot", "phai xong",
  "hoan thanh truoc", "bao nhieu viec", "bao nhieu nhiem vu",
].map((c) => c.split(" "));

// "hạn" asks for a deadline, but "đúng hạn", "quá hạn", "trễ hạn" are what a target is about
const HAN_CONTENT = new Set(["dung", "qua", "tre", "truoc", "som", "cham", "gia"]);

/** Splits canonical segments wherever one of `phrases` (token lists) occurs. */
function cutSegments(segments: string[][], phrases: string[][]): string[][] {
  const out: string[][] = [];
  for (const seg of segments) {
    let cur: string[] = [];
    for (let i = 0; i < seg.length; ) {
      const hit = phrases.find((p) => p.length > 0 && p.every((w, k) => seg[i + k] === w) && !(p.length === 1 && p[0] === "han" && HAN_CONTENT.has(seg[i - 1])));
      if (hit) {
        if (cur.length) out.push(cur);
        cur = [];
        i += hit.length;
      } else cur.push(seg[i++]);
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

const RE = {
  signer: /\b(?:ai|nguoi)\s+(?:da\s+)?ky\b|\bgiam\s+doc\b.*\bla\s+ai\b|\bai\s+la\s+giam\s+doc\b|\bwho\s+is\s+the\s+director\b|\bky\s+boi\b|\bwho\s+signed\b|\bsigner\b|\bsigned\s+by\b/,
  number: /\bso\s+hieu\b|\bso\s+may\b|\bso\s+ky\s+hieu\b|\bke\s+hoach\b.*\bso\s+(?:bao\s+nhieu|gi)\s*$|\bke\s+hoach\s+so\s+(?:bao\s+nhieu|gi)\b|\bplan\s+number\b|\bnumber\s+of\s+the\b|\bwhat\s+is\s+the\s+number\b/,
  date: /\b(?:ban\s+hanh|ky)\s+(?:vao\s+)?(?:ngay|thang)\s+nao\b|\bngay\s+ban\s+hanh\b|\bngay\s+ky\b|\bwhen\s+was\b.*\b(?:issued|signed)\b/,
  base: /\b(?:can\s+cu|thuc\s+hien|trien\s+khai|theo)\s+(?:vao\s+)?(?:nghi\s+quyet|quyet\s+dinh|ke\s+hoach|van\s+ban|chi\s+thi|chuong\s+trinh)\s+(?:nao|gi)\b|\bcan\s+cu\s+(?:vao\s+)?(?:dau|gi)\b|\bwhich\s+(?:document|resolution|decision|plan)\b.*\bimplement|\bimplements?\s+(?:which|what)\b/,
  period: /\bgiai\s+doan\s+nao\b|\bdinh\s+huong\s+den\s+nam\s+nao\b|\bke\s+hoach\b.*\b(?:cho|cua|trong)\s+nam\s+nao\b|\bwhich\s+period\b|\bwhat\s+period\b/,
  appendix: /\bphu\s+luc\b|\bnhiem\s+vu\s+cu\s+the\b|\bchi\s+tiet\b|\bappendix\b|\bannex\b/,
  list: /\b(?:nhung|cac)\s+(?:viec|nhiem\s+vu|cong\s+viec)\s*(?:gi|nao)\b|\bviec\s+gi\b|\bnhiem\s+vu\s+gi\b|\bco\s+nhung\s+(?:viec|nhiem\s+vu|gi)\b|\bgom\s+nhung\s+(?:gi|viec)\b|\bwhat\s+(?:tasks|is\s+due|are\s+the\s+tasks|must\b.*\bdo\b)|\bwhich\s+tasks\b|\bwhat'?s\s+due\b|\bbao\s+nhieu\s+(?:viec|nhiem\s+vu|cong\s+viec)\b|\bhow\s+many\s+tasks\b|\bwhat\s+does\b.*\bdo\b|\bresponsible\s+for\s+what\b/,
  owner: /\bai\b|\bwho\b|\b(?:don\s+vi|phong|co\s+quan|bo\s+phan|to)\s+nao\b|\bwhich\s+(?:unit|office|agency|body)\b|\bin\s+charge\b|\bchu\s+tri\b|\bphoi\s+hop\b|\bphu\s+trach\b|\bchiu\s+trach\s+nhiem\b|\bdam\s+nhiem\b|\bve\s+dau\b|\bcho\s+ai\b|\bqua\s+co\s+quan\s+nao\b|\bleads?\b|\bhandles?\b|\bresponsible\b/,
  deadline: /\bcham\s+nhat\b|\bmuon\s+nhat\b|\bhan\s+(?:cuoi|chot)\b|\bkhi\s+nao\b|\bbao\s+gio\b|\bluc\s+nao\b|(?<!\b(?:tre|dung|qua|truoc|som|gia|dai|ngan|gioi|huu|vo)\s)\bhan\b|\bthoi\s+han\b|\b(?:truoc\s+)?ngay\s+nao\b|\bngay\s+(?:may|bao\s+nhieu)\b|\bthoi\s+(?:gian|diem)\s+nao\b|\bchot\s+so\s+lieu\b|\bdata\s+(?:window|period)\b|\bwhen\b|\bdeadline\b|\bdue\b|\bcut-?off\b|\bby\s+when\b/,
  target: /\bbao\s+lau\b|\bmay\s+(?:ngay|phut|gio|thang)\b|\bbao\s+nhieu\b|\bty\s+le\b|\bphan\s+tram\b|%|\bmuc\s+(?:do\s+)?hai\s+long\b|\bchi\s+tieu\b|\btoi\s+(?:thieu|da)\b|\bhow\s+(?:many|much|long)\b|\bpercentage\b|\bshare\b|\bpercent\b|\btieu\s+chuan\s+nao\b|\bwhich\s+standard\b|\bsatisfaction\s+level\b|\btargets?\b/,
  recipient: /\bve\s+dau\b|\bcho\s+ai\b|\blen\s+ai\b|\bqua\s+co\s+quan\s+nao\b|\bsent\s+to\b|\breport\s+to\b|\bsubmitted\s+to\b/,
  support: /\bphoi\s+hop\b|\bsupports?\b|\bassists?\b/,
  cutoff: /\bchot\s+so\s+lieu\b|\bcut-?off\b|\bdata\s+(?:window|period)\b/,
};

function findFact(f: string): FactKind | undefined {
  if (RE.signer.test(f)) return "signer";
  if (RE.number.test(f) && !/%|\bty\s+le\b/.test(f)) return "number";
  if (RE.date.test(f) && !/\bhan\b/.test(f)) return "date";
  if (RE.base.test(f)) return "base";
  if (RE.period.test(f)) return "period";
  if (RE.appendix.test(f)) return "appendix";
  return undefined;
}

function findIntent(f: string, fact: FactKind | undefined): Intent {
  if (fact && fact !== "appendix") return "fact";
  if (RE.list.test(f)) return "list";
  if (RE.owner.test(f)) return "owner";
  if (RE.deadline.test(f)) return "deadline";
  if (RE.target.test(f)) return "target";
  if (fact === "appendix") return "fact";
  if (/\blam\s+gi\b|\byeu\s+cau\s+gi\b|\bthe\s+nao\b|\bra\s+sao\b|\bbang\s+cach\s+nao\b|\bwhat\s+must\b|\bwhat\s+should\b/.test(f)) return "fact";
  return "unknown";
}

const AGENCY_KIND_SET = new Set(AGENCY_KINDS.map((k) => canonText(k)).filter((k) => !/^so (giao thong|lao dong)$/.test(k)));

interface Lookup {
  province: Map<string, string[]>;
  agency: Map<string, string[]>;
  units: Map<string, { id: string; agencyId: string }[]>;
  foreignProvinces: Set<string>;
  foreignAgencies: Set<string>;
}

// Phrases by their words, built once per catalog: a question is checked by its own word runs.
const lookups = new WeakMap<Catalog, Lookup>();
function lookupOf(catalog: Catalog): Lookup {
  let l = lookups.get(catalog);
  if (l) return l;
  const add = <T,>(m: Map<string, T[]>, k: string, v: T) => {
    if (!k) return;
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  l = { province: new Map(), agency: new Map(), units: new Map(), foreignProvinces: new Set(catalog.foreignProvinces), foreignAgencies: new Set(catalog.foreignAgencies) };
  for (const p of catalog.plans) {
    add(l.province, p.province, p.id);
    add(l.agency, p.agency, p.id);
    for (const a of p.aliases ?? []) if (a !== p.agency) add(l.agency, a, p.id);
  }
  for (const u of catalog.units) add(l.units, u.phrase, { id: u.id, agencyId: u.agencyId });
  lookups.set(catalog, l);
  return l;
}

/** Every run of up to 8 words of the question, as phrases to look up. */
function phrasesOf(canon: string): string[] {
  const w = canon.split(" ").filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) for (let j = i + 1; j <= Math.min(w.length, i + 8); j++) out.push(w.slice(i, j).join(" "));
  return out;
}

/** Finds the plans a question names: a province of a plan, and/or its kind of agency. */
function findScope(canon: string, catalog: Catalog, question: string): { planIds: string[] | null; outside?: string; named: string[] } {
  const l = lookupOf(catalog);
  const named: string[] = [];
  const byProvince = new Set<string>();
  const byAgency = new Set<string>();
  const phrases = phrasesOf(canon);
  for (const ph of phrases) {
    const prov = l.province.get(ph);
    if (prov) {
      prov.forEach((id) => byProvince.add(id));
      if (!named.includes(ph)) named.push(ph);
    }
    const ag = l.agency.get(ph);
    if (ag) {
      ag.forEach((id) => byAgency.add(id));
      if (!named.includes(ph)) named.push(ph);
    }
  }
  // Another place or agency, and none of ours: the plans cannot answer.
  if (byProvince.size === 0) {
    for (const place of phrases.filter((ph) => l.foreignProvinces.has(ph))) {
      const ambiguous = AMBIGUOUS_PROVINCES.has(place);
      // written as a name ("Ha Tinh", "Hà Tĩnh") or right before an agency ("ha tinh so gtvt") it is a place
      if (ambiguous && !new RegExp(`\\b(?:tinh|so \\S+(?: \\S+){0,6}|tp|thanh pho) ${place}\\b|\\b${place} (?:so|tinh)\\b`).test(canon) && !titleCased(question, place)) continue;
      return { planIds: [], outside: place, named };
    }
  }
  if (byAgency.size === 0) {
    const kind = phrases.find((ph) => l.foreignAgencies.has(ph));
    if (kind) return { planIds: [], outside: kind, named };
  }
  // "Sở Xây dựng Đắk Lắk": another agency of a province we know
  if (byProvince.size && byAgency.size === 0) {
    for (const ph of phrases) {
      if (!/^so \S+/.test(ph) || !AGENCY_KIND_SET.has(ph)) continue;
      const next = phrases.find((x) => x.startsWith(`${ph} `) && l.province.has(x.slice(ph.length + 1)));
      if (next) return { planIds: [], outside: `${ph} ${next.slice(ph.length + 1)}`, named };
    }
  }
  if (byProvince.size && byAgency.size) {
    const both = [...byProvince].filter((id) => byAgency.has(id));
    return { planIds: both, outside: both.length ? undefined : "agency", named };
  }
  if (byProvince.size) return { planIds: [...byProvince], named };
  if (byAgency.size) return { planIds: [...byAgency], named };
  return { planIds: null, named };
}

/** The question writes `phrase` (folded) with every word capitalised, as a proper name. */
function titleCased(question: string, phrase: string): boolean {
  const words = question.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  const n = phrase.split(" ").length;
  for (let i = 0; i + n <= words.length; i++) {
    const span = words.slice(i, i + n);
    if (foldVietnamese(span.join(" ")).toLowerCase() === phrase && span.every((w) => /^\p{Lu}\p{Ll}/u.test(w))) return true;
  }
  return false;
}

function findUnits(canon: string, catalog: Catalog, agencyIds: Set<string> | null): string[] {
  const l = lookupOf(catalog);
  const found: { phrase: string; ids: string[] }[] = [];
  for (const ph of phrasesOf(canon)) {
    const units = l.units.get(ph);
    if (!units) continue;
    const ids = [...new Set(units.filter((u) => !agencyIds || agencyIds.has(u.agencyId)).map((u) => u.id))];
    if (ids.length) found.push({ phrase: ph, ids });
  }
  // "van phong so" wins over the "van phong" inside it
  return [...new Set(found.filter((f) => !found.some((g) => g !== f && g.phrase.length > f.phrase.length && hasPhrase(g.phrase, f.phrase))).flatMap((f) => f.ids))];
}

const isStop = (t: string) => VI_STOP.has(t) || INTENT_WORDS.has(t);


/** The question's own spelling of each word, when it is typed with diacritics ("lương" ≠ "lượng"). */
function accentForms(question: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const nfc = question.normalize("NFC").toLowerCase();
  if (!/[\u0300-\u036f]/.test(nfc.normalize("NFD")) && !/đ/.test(nfc)) return out;
  for (const w of nfc.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const f = foldVietnamese(w);
    if (ABBREVIATIONS[f] || !/^[a-z]+$/.test(f)) continue;
    const list = out.get(f) ?? [];
    if (!list.includes(w)) list.push(w);
    out.set(f, list);
  }
  return out;
}

export function analyzeQuestion(question: string, catalog: Catalog): Analysis {
  const lang = detectLanguage(question);
  const folded = foldVietnamese(question.normalize("NFC")).replace(/[“”"«»]/g, " ").replace(/\s+/g, " ").trim();
  const { slots: time, rest: afterTime } = readTimeSlots(folded);
  const spaced = (s: string) => s.replace(/[^a-z0-9%'/-]+/g, " ").replace(/\s+/g, " ").trim();
  const cues = spaced(folded);
  const fact = findFact(cues);
  const intent = findIntent(cues, fact);

  // punctuation ends a phrase: word pairs never cross it
  const marked = spaced(afterTime.replace(/[,;:?!.()“”"]+/g, " | ")).replace(/(^|\s)(?=\|)/g, " ");
  const produced = new Set<string>();
  const body = lang === "en" ? translate(marked, produced) : marked;
  const segments0 = body.split("|").map((x) => canonTokens(x)).filter((x) => x.length);
  const canon = segments0.map((x) => x.join(" ")).join(" ");
  const scope = findScope(canon, catalog, question);
  const agencyIds = scope.planIds ? new Set(catalog.plans.filter((p) => scope.planIds!.includes(p.id)).map((p) => p.agencyId)) : null;
  const unitIds = findUnits(canon, catalog, agencyIds);

  const named = scope.named.map((n) => n.split(" "));
  const segments = cutSegments(segments0, [...named, ...CUES]);
  const seq = segments.flat();
  const english = (t: string) => lang === "en" && !produced.has(t) && /^[a-z]{3,}$/.test(t) && !isFoldedSyllable(t) && !KNOWN_SHORT.has(t);
  const unknownEnglish = [...new Set(seq.filter(english))];
  const terms = [...new Set(seq.filter((t) => !isStop(t) && !/^\d{4}$/.test(t) && !english(t)))];
  const pairSkip = (a: string, b: string) => (isStop(a) && isStop(b)) || FUNCTION_WORDS.has(a) || FUNCTION_WORDS.has(b);
  const bigrams = [...new Set(segments.flatMap((seg) => bigramsOf(seg, pairSkip)))];

  // "Tổ Website làm gì?", "What does the inspectorate do?": a unit's tasks
  let intentOut = intent;
  const unitTasks = /\b(?:lam|phu\s+trach|chiu\s+trach\s+nhiem|trach\s+nhiem|nhiem\s+vu)\s+(?:nhung\s+)?(?:gi|viec\s+gi)\b|\bwhat\s+does\b.*\bdo\b|^\s*what\b.*\bresponsible\s+for\b|\bwhat\s+tasks\b/;
  if (unitIds.length && (intent === "fact" || intent === "unknown" || intent === "owner") && unitTasks.test(cues) && !/^\s*(?:who|ai)\b/.test(cues)) intentOut = "list";
  let role: Analysis["role"];
  if (intent === "owner") role = RE.recipient.test(cues) ? "recipient" : RE.support.test(cues) ? "support" : "lead";

  return {
    question,
    accents: accentForms(question),
    lang,
    intent: intentOut,
    fact,
    role,
    cutoff: RE.cutoff.test(cues),
    plural: /\b(?:cac|nhung|moi) (?:so|ke hoach|tinh|co quan)\b|\bwhich (?:plans|agencies|departments|provinces)\b|\beach (?:plan|agency)\b|\ball (?:the )?plans\b/.test(cues),
    time,
    planIds: scope.planIds,
    outside: scope.outside,
    unitIds,
    terms,
    unknownEnglish,
    bigrams: bigrams.filter((b) => !b.split("_").some(english)),
    canon,
  };
}

/** Canonical phrases for the catalog (kept here so questions and catalog agree). */
export function catalogPhrase(s: string): string {
  return canonText(s);
}

export function foreignLists(ownProvinces: string[], ownAgencies: string[], corpusHas: (phrase: string) => boolean) {
  const own = new Set(ownProvinces);
  const foreignProvinces = PROVINCES.map(canonText).filter((p) => !own.has(p));
  const foreignAgencies = AGENCY_KINDS.map(canonText).filter(
    (k) => !ownAgencies.some((a) => a.startsWith(k) || k.startsWith(a)) && !corpusHas(k),
  );
  return { foreignProvinces, foreignAgencies };
}
