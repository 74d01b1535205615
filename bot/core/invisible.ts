// Characters a user cannot see but a copy-paste carries (from Word, a web page, a phone keyboard):
// zero-width spaces/joiners, the BOM, soft hyphens, direction marks — all Unicode "format" (Cf)
// characters — are removed; non-breaking and other odd spaces (Unicode Zs) become a plain space.
// Done once, before any feature matches a command, a "đã nộp" or a question.

const FORMAT = /\p{Cf}/gu;
const SPACES = /[\p{Zs}\u2028\u2029]/gu;

export function stripInvisible(text: string): string {
  if (/^[\x20-\x7e\n\t]*$/.test(text)) return text; // ASCII: nothing to do (the common command)
  return text.replace(FORMAT, "").replace(SPACES, " ");
}
