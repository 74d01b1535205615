// Rendering an Outgoing as Zalo text: no buttons and no formatting on Zalo, so the text
// is sent as is with the core's textFallback ("trả lời: đã nộp AB12") appended.
import type { Outgoing } from "../core/types.ts";

export { splitText } from "../core/split.ts";

export function renderText(out: Outgoing): string {
  const parts = [out.text.trim(), out.textFallback?.trim()].filter((p): p is string => !!p);
  return parts.join("\n\n");
}
