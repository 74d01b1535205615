// Can a word typed without diacritics be a Vietnamese syllable? ("nguoi", "tieu" yes; "report" no)
// Used to tell English from Vietnamese typed without marks.

const INITIALS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];
const OPEN = new Set(
  "a ai ao au ay e eo eu i ia iu o oa oai oay oe oeo oi u ua uay ue ui uy uya uyu uoi uou ieu yeu y uo uu".split(" "),
);
const NUCLEI = new Set("a e i o u oa oe ua ue uy ie ye uye uo oo y".split(" "));
const CODAS = ["ng", "nh", "ch", "c", "m", "n", "p", "t"];

export function isFoldedSyllable(word: string): boolean {
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w) || w.length > 7) return false;
  for (const initial of INITIALS) {
    if (!w.startsWith(initial)) continue;
    const rhyme = w.slice(initial.length);
    if (rhyme === "" && initial === "gi") return true;
    if (OPEN.has(rhyme)) return true;
    for (const coda of CODAS) {
      if (rhyme.endsWith(coda) && NUCLEI.has(rhyme.slice(0, -coda.length))) return true;
    }
  }
  return false;
}
