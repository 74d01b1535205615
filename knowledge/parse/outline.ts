// Paragraphs → outline. The numbering decides the nesting (I. › 1. › 1.1. › a) › - › +), not
// Markdown levels or indentation, which the five plans use inconsistently. A numbered paragraph
// is a heading when it is a short title (or a title ending in ":"), otherwise it is itself a
// statement; "Title: statement" gives both.
import { sentenceCase, sliceParagraph, type Paragraph } from "../text.ts";
import { readMarker, type Marker } from "./blocks.ts";

export interface OutlineNode {
  block: Paragraph;
  marker: Marker | null;
  rank: number;
  /** the section label this node adds to its children's path, if any */
  label: string | null;
  /** the heading's words (no marker): "Cải cách thể chế", "Văn phòng Sở", "Đến năm 2025" */
  title: string | null;
  /** the statement this node makes, if any (marker and title cut off) */
  body: Paragraph | null;
  parents: OutlineNode[];
  children: OutlineNode[];
  index: number;
}

const RANK: Record<Marker["type"], number> = { dieu: 1, roman: 1, num: 2, sub: 3, letter: 4, dash: 5, plus: 6 };
const PLAIN = 7;
const LABEL_RANK = 5;
const CLOSING = /^(Trên đây là|Nơi nhận)/u;

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** "Đến năm 2025:" and similar short lead-ins that head the bullets below them. */
function isLabel(text: string): boolean {
  return /:$/.test(text) && words(text) <= 10;
}

function cleanTitle(s: string): string {
  return sentenceCase(
    s
      .replace(/\s*\((?:[^)]*?)(?:[Pp]hụ lục|[Cc]hi tiết|[Tt]hể hiện)[^)]*\)\s*/gu, " ")
      .replace(/[\s:.;]+$/, "")
      .trim(),
  );
}

function markerLabel(m: Marker): string {
  switch (m.type) {
    case "roman":
      return `${m.label}.`;
    case "num":
    case "sub":
      return `${m.label}.`;
    case "letter":
      return `${m.label})`;
    default:
      return m.label;
  }
}

/** Builds the outline; `index` keeps document order. */
export function buildOutline(paragraphs: Paragraph[]): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  paragraphs.forEach((block, index) => {
    const marker = readMarker(block.text);
    const after = marker ? block.text.slice(marker.length) : block.text;
    const closing = CLOSING.test(block.text);
    const rank = closing ? 0 : marker ? RANK[marker.type] : isLabel(after) || /^Đến (cuối )?năm \d{4}:/u.test(after) ? LABEL_RANK : PLAIN;
    // a plain paragraph belongs to the heading above, not to the last bullet;
    // "Trên đây là…", "Nơi nhận" and a new "I."/"Điều" close everything open
    const floor = rank === PLAIN ? LABEL_RANK : rank;
    if (rank <= 1) stack.length = 0;
    while (stack.length > 0 && stack[stack.length - 1].rank >= floor) stack.pop();
    const node: OutlineNode = { block, marker, rank, label: null, title: null, body: null, parents: [...stack], children: [], index };
    stack[stack.length - 1]?.children.push(node);
    nodes.push(node);
    if (rank < PLAIN) stack.push(node);
  });
  for (const node of nodes) shape(node);
  return nodes;
}

function shape(node: OutlineNode): void {
  const { block, marker } = node;
  const start = marker?.length ?? 0;
  const after = block.text.slice(start).trim();
  const hasChildren = node.children.length > 0;
  const sentences = after.replace(/[.;:]$/, "").split(/[.;]\s+(?=\p{Lu})/u).length;
  const colon = /^([^:]{2,90}?)\s*:\s+(?=\S)/u.exec(after);
  const bullet = marker?.type === "dash" || marker?.type === "plus";

  // "Đến năm 2030: Hoàn thiện…" / "a) Mục tiêu: Xây dựng…" / "1. Ban Chỉ đạo CCHC của Sở: Trực tiếp…"
  const horizonLabel = /^Đến (cuối )?năm \d{4}$/u.test(colon?.[1] ?? "");
  if (colon && (horizonLabel || (!bullet && words(colon[1]) <= 10 && !(hasChildren && sentences === 1 && !/[.]$/.test(after))))) {
    node.title = cleanTitle(colon[1]);
    node.label = bullet || !marker ? node.title : `${markerLabel(marker)} ${node.title}`;
    node.body = sliceParagraph(block, start + block.text.slice(start).indexOf(colon[0]) + colon[0].length);
    return;
  }
  // sub-sections below make it a heading; so does a short title without a full stop
  const structural = node.children.some((c) => c.marker && ["num", "sub", "letter"].includes(c.marker.type));
  const headingLike = /:$/.test(after)
    ? words(after) <= 30
    : (structural && words(after) <= 40) ||
      (sentences === 1 && !/[.]$/.test(after) && words(after) <= (hasChildren ? 60 : 14));
  if (!marker) {
    if (node.rank === LABEL_RANK) {
      node.title = cleanTitle(after);
      node.label = node.title;
    } else node.body = block;
    return;
  }
  if (bullet) {
    if (/:$/.test(after) && words(after) <= 12 && hasChildren) {
      node.title = cleanTitle(after);
      node.label = node.title;
    } else node.body = sliceParagraph(block, start);
    return;
  }
  if (headingLike && marker.type !== "dieu") {
    node.title = cleanTitle(after.split(/:\s/)[0]);
    node.label = `${markerLabel(marker)} ${node.title}`;
    return;
  }
  // a numbered statement: the number is its place in the path
  node.label = marker.label;
  node.body = sliceParagraph(block, start);
}

/** Labels from the outermost section to the innermost one above this node. */
export function pathOf(node: OutlineNode): string[] {
  return node.parents.map((p) => p.label).filter((l): l is string => l !== null);
}
