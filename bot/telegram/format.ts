// Outgoing text → Bot API HTML (core.telegram.org/bots/api#html-style). Everything is escaped; only the
// spans a feature marked (Outgoing.format) become <b>, <code> or <blockquote expandable>, so text a user
// typed can never open a tag.
import type { TextFormat } from "../core/types.ts";

/** Bot API HTML style: only <, > and & must be escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

type Kind = "quote" | "bold" | "code";
const OPEN: Record<Kind, string> = { quote: "<blockquote expandable>", bold: "<b>", code: "<code>" };
const CLOSE: Record<Kind, string> = { quote: "</blockquote>", bold: "</b>", code: "</code>" };
/** outer kinds first: a code may sit inside a bold title, both inside a quote */
const RANK: Record<Kind, number> = { quote: 0, bold: 1, code: 2 };

interface Span {
  start: number;
  end: number;
  kind: Kind;
}

function spansOf(text: string, format: TextFormat): Span[] {
  const found: Span[] = [];
  for (const kind of ["quote", "bold", "code"] as const) {
    const list = format[kind] ?? [];
    for (const needle of new Set(list)) {
      if (!needle.trim()) continue;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
        // a code is a whole word: "K7MXR" never inside a longer token
        if (kind === "code" && (/[\p{L}\p{N}]/u.test(text[at - 1] ?? "") || /[\p{L}\p{N}]/u.test(text[at + needle.length] ?? ""))) continue;
        found.push({ start: at, end: at + needle.length, kind });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind]);
  // keep spans that nest properly; a span crossing another's edge, or a quote inside anything, is dropped
  const kept: Span[] = [];
  for (const s of found) {
    const clash = kept.some((k) => {
      const disjoint = s.end <= k.start || s.start >= k.end;
      const inside = s.start >= k.start && s.end <= k.end;
      return !disjoint && (!inside || RANK[s.kind] <= RANK[k.kind]);
    });
    if (!clash) kept.push(s);
  }
  return kept;
}

/** HTML for one message part: escaped text with the marked spans formatted. */
export function toHtml(text: string, format?: TextFormat): string {
  if (!format) return escapeHtml(text);
  const spans = spansOf(text, format);
  if (spans.length === 0) return escapeHtml(text);
  const events: { at: number; html: string; order: number }[] = [];
  for (const [i, s] of spans.entries()) {
    events.push({ at: s.start, html: OPEN[s.kind], order: i });
    events.push({ at: s.end, html: CLOSE[s.kind], order: -i - 1 });
  }
  // at one position: closings (innermost first) before openings (outermost first)
  events.sort((a, b) => a.at - b.at || Number(a.order >= 0) - Number(b.order >= 0) || a.order - b.order);
  let out = "";
  let pos = 0;
  for (const e of events) {
    out += escapeHtml(text.slice(pos, e.at)) + e.html;
    pos = e.at;
  }
  return out + escapeHtml(text.slice(pos));
}
