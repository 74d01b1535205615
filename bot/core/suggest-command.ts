// "bạn muốn gõ /han?": the nearest known command to a mistyped one, over the names and aliases the
// mounted features declare. Typing slips are one or two letters wrong, swapped, or a word cut short,
// so the measure is the edit distance with swaps (optimal string alignment) and a prefix of 3+ letters.
import type { CoreCommand } from "./index.ts";

/** Levenshtein distance where swapping two neighbours counts as one edit */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export function nearestCommand(typed: string, commands: readonly CoreCommand[]): string | null {
  const t = typed.toLowerCase();
  if (t.length < 2) return null;
  // short names tolerate one slip, longer ones two
  const allowed = t.length <= 4 ? 1 : 2;
  let best: { name: string; score: number } | null = null;
  for (const c of commands) {
    for (const key of [c.name, ...c.aliases]) {
      const score = t.length >= 3 && key.startsWith(t) ? 0.5 : editDistance(t, key);
      if (score <= allowed && (!best || score < best.score)) best = { name: c.name, score };
    }
  }
  return best?.name ?? null;
}
