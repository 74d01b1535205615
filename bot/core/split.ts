// Long replies split on line boundaries: Telegram takes ≤ 4096 characters per message, Zalo ≤ 2000.
// Lengths are UTF-16 code units, which is how the Bot API counts them.

export const TELEGRAM_TEXT_LIMIT = 4096;

/** Splits text into chunks of at most `max` characters, cutting between lines; an over-long line is cut at a space. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError("max must be positive");
  if (text.length <= max) return text.trim() ? [text] : [];
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    const t = current.replace(/\s+$/, "");
    if (t.trim()) chunks.push(t);
    current = "";
  };
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      const space = rest.lastIndexOf(" ", max);
      let cut = space > max / 2 ? space : max;
      // never cut a surrogate pair (emoji) in half
      if (cut === max && /[\uD800-\uDBFF]/.test(rest[cut - 1] ?? "")) cut -= 1;
      chunks.push(rest.slice(0, cut).replace(/\s+$/, ""));
      rest = rest.slice(cut).replace(/^\s+/, "");
    }
    current = rest;
  }
  flush();
  return chunks;
}
