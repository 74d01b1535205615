// Vietnamese text helpers shared by ingest, ask and the channels.

/** NFC, no BOM, LF line ends: the same text whatever the file's encoding habits. */
export function normalizeText(s: string): string {
  return s.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
}

/** Lower case without diacritics; đ→d (Unicode decomposition leaves đ alone, so map it by hand). */
export function foldVietnamese(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** Folded, without spaces or Markdown: compares text across PDF line and syllable breaks. */
export function compactFold(s: string): string {
  return foldVietnamese(s).replace(/[\s*]+/g, "");
}

/** Short ASCII id: "Sơn La" → "son-la", "Sở LĐTBXH" → "so-ldtbxh". */
export function slugify(s: string): string {
  return foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---------------------------------------------------------------------------
// Syllables. A Vietnamese syllable is (initial)(rhyme)+tone; PDF extraction splits some of them
// with a space ("củ a", "th eo", "hướ ng", "khắc phụ c"). We only rejoin two pieces when the
// result is a well-formed syllable and one piece is not, so real two-word phrases ("lấy ý") stay.

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g; // huyền, sắc, ngã, hỏi, nặng
const INITIALS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];
const OPEN_RHYMES = new Set(
  "a ai ao au ay âu ây e eo ê êu i ia iu o oa oai oay oe oeo oi ô ôi ơ ơi u ua uây uê ui uy uya uyu ư ưa ưi ưu ươi ươu uôi iêu yêu y uơ".split(" "),
);
// Nuclei that may (or, for ă â iê yê uô ươ …, must) take a final consonant.
const CLOSED_NUCLEI = new Set("a ă â e ê i o ô ơ u ư oa oă oe uâ uê uy iê yê uyê uô ươ oo y".split(" "));
const CODAS = ["ng", "nh", "ch", "c", "m", "n", "p", "t"];
const CH_NH_NUCLEI = new Set(["a", "ê", "i", "oa", "uê", "uy", "y"]);

function stripTone(s: string): string {
  return s.normalize("NFD").replace(TONES, "").normalize("NFC");
}

function validRhyme(rhyme: string): boolean {
  if (OPEN_RHYMES.has(rhyme)) return true;
  for (const coda of CODAS) {
    if (!rhyme.endsWith(coda)) continue;
    const nucleus = rhyme.slice(0, -coda.length);
    if (!CLOSED_NUCLEI.has(nucleus)) continue;
    if ((coda === "ch" || coda === "nh") && !CH_NH_NUCLEI.has(nucleus)) continue;
    return true;
  }
  return false;
}

/** Is this lower-case word a well-formed Vietnamese syllable? ("theo" yes, "th" no, "hướ" no) */
export function isVietnameseSyllable(word: string): boolean {
  const w = stripTone(word.toLowerCase());
  if (!/^[a-zđăâêôơư]+$/.test(w)) return false;
  // more than one tone mark is never a syllable
  if ((word.normalize("NFD").match(TONES) ?? []).length > 1) return false;
  for (const initial of INITIALS) {
    if (!w.startsWith(initial)) continue;
    const rhyme = w.slice(initial.length);
    if (rhyme === "" && initial === "gi") return true; // "gì"
    if (rhyme !== "" && validRhyme(rhyme)) return true;
  }
  return false;
}

const WORD = /^[\p{L}]+$/u;
const LOWER_WORD = /^\p{Ll}+$/u;
// a tone-marked u/ư/i at the end of a syllable: "củ", "mù" (the "a" of "của", "mùa" got split off)
const SPLIT_BEFORE_A = /[ủúùũụửứừữựỉíìĩị]$/u;

function shouldJoin(a: string, token: string): boolean {
  const b = token.replace(/[,.;:!?)”]+$/u, ""); // "phụ c;" → join "c", keep ";"
  if (!WORD.test(a) || !LOWER_WORD.test(b)) return false;
  if (/[A-ZĐ]{2,}/.test(a)) return false; // an acronym: "TTHC a)"
  const joined = a + b;
  if (!isVietnameseSyllable(joined)) return false;
  if (!isVietnameseSyllable(a) || !isVietnameseSyllable(b)) return true;
  return b === "a" && SPLIT_BEFORE_A.test(a);
}

/** Repairs one line of PDF text: split syllables, known misreadings, spaces before punctuation. */
export function repairLine(line: string): string {
  const tokens = line.split(/ +/);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    // "a" followed by ")" is a list letter, never half a syllable
    if (prev !== undefined && !(t === "a" && next?.startsWith(")")) && shouldJoin(prev, t)) {
      out[out.length - 1] = prev + t;
    } else out.push(t);
  }
  return out
    .join(" ")
    .replace(/\bnãm(?=\s+\d{4}\b)/gu, "năm") // "đến nãm 2030": ã for ă, only before a year
    .replace(/(^|\s)([đĐ])ên(?=\s+(?:năm|ngày|hết)\b)/gu, "$1$2ến") // "định hướng đên năm 2030"
    .replace(/\s+([,.;:!?)])/g, "$1")
    .replace(/([(“])\s+/g, "$1")
    .replace(/\s+”/g, "”");
}

// ---------------------------------------------------------------------------
// Paragraphs with their source lines. Every repaired paragraph keeps where each of its lines
// starts, so an item cut from the middle of a paragraph can still cite its own first line.

export interface Span {
  offset: number; // where this source line starts in the paragraph text
  line: number; // 1-based line in the file
}

export interface Paragraph {
  text: string;
  line: number; // first line
  spans: Span[];
}

/** The source line of a character offset in a paragraph. */
export function lineAt(p: Paragraph, offset: number): number {
  let line = p.line;
  for (const s of p.spans) if (s.offset <= offset) line = s.line;
  return line;
}

/** Joins source lines (already cleaned) into one paragraph, one space between them. */
export function joinLines(lines: { text: string; line: number }[]): Paragraph {
  let text = "";
  const spans: Span[] = [];
  for (const l of lines) {
    if (l.text === "") continue;
    if (text !== "") text += " ";
    spans.push({ offset: text.length, line: l.line });
    text += l.text;
  }
  return { text, line: spans[0]?.line ?? lines[0]?.line ?? 1, spans };
}

/** The paragraph from `offset` on, with its spans shifted (for a marker or title cut off the front). */
export function sliceParagraph(p: Paragraph, offset: number): Paragraph {
  const cut = p.text.slice(offset);
  const lead = cut.length - cut.trimStart().length;
  const start = offset + lead;
  const spans = p.spans.filter((s) => s.offset > start).map((s) => ({ offset: s.offset - start, line: s.line }));
  spans.unshift({ offset: 0, line: lineAt(p, start) });
  return { text: p.text.slice(start).trimEnd(), line: spans[0].line, spans };
}

/** Words in ALL CAPS (headings, "KẾ HOẠCH") → sentence case, keeping acronyms. */
const ACRONYMS = new Set(
  "CCHC TTHC QPPL PAR INDEX SIPAS PAPI PCI DDCI ICTINDEX DTI UBND HĐND GTVT LĐTBXH CBCCVC VTVL CNTT TP TX".split(" "),
);

export function sentenceCase(s: string): string {
  if (/\p{Ll}/u.test(s)) return s; // already mixed case
  const words = s.split(/(\s+)/);
  let first = true;
  return words
    .map((w) => {
      if (/^\s+$/.test(w) || w === "") return w;
      const bare = w.replace(/[^\p{L}]/gu, "");
      if (/^[IVX]+[.)]?$/.test(w)) return w; // a section number: the title after it still starts with a capital
      if (ACRONYMS.has(bare)) {
        if (bare !== "") first = false;
        return w;
      }
      const lower = w.toLocaleLowerCase("vi");
      if (first && bare !== "") {
        first = false;
        return lower.replace(/\p{L}/u, (c) => c.toLocaleUpperCase("vi"));
      }
      return lower;
    })
    .join("");
}

/** "Đắk lắk" → "Đắk Lắk": each word capitalised (place names). */
export function titleCase(s: string): string {
  return s
    .toLocaleLowerCase("vi")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^\p{L}/u, (c) => c.toLocaleUpperCase("vi")))
    .join(" ");
}
