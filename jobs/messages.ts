// Vietnamese texts of the jobs: one block per reminder item, composed into one message per chat.
import type { Knowledge } from "../knowledge/schema.ts";
import type { OutboxRecord } from "../data/store.ts";
import type { Button, Outgoing } from "../bot/core/types.ts";
import type { Occurrence } from "./occurrences.ts";
import { daysBetween } from "./workdays.ts";

export function planLabel(k: Knowledge, planId: string): string {
  if (planId.startsWith("adhoc:")) {
    const agency = k.plans.find((x) => x.agencyId === planId.slice(6));
    return `Nhiệm vụ được giao${agency?.agencyShort ? ` — ${agency.agencyShort}` : ""}`;
  }
  const p = k.plans.find((x) => x.id === planId);
  if (!p) return planId;
  return p.agencyShort ? `${p.title} — ${p.agencyShort}` : p.title;
}

/** "còn 5 ngày", "hạn là hôm nay", "đã quá hạn 2 ngày" (calendar days: what people count) */
export function daysLeftText(due: string, today: string): string {
  const n = daysBetween(today, due);
  if (n > 1) return `còn ${n} ngày`;
  if (n === 1) return "còn 1 ngày (hạn là ngày mai)";
  if (n === 0) return "hạn là hôm nay";
  return `đã quá hạn ${-n} ngày`;
}

/** One reminder item: what, which plan, due, days left, product, code. */
export function renderItem(occ: Occurrence, k: Knowledge, today: string): string {
  const lines = [
    `• ${occ.title} [mã ${occ.code}]`,
    `  Kế hoạch: ${planLabel(k, occ.planId)}`,
    `  Hạn: ${occ.dueText} — ${daysLeftText(occ.due, today)}`,
  ];
  if (occ.product) lines.push(`  Sản phẩm cần nộp: ${occ.product}`);
  return lines.join("\n");
}

/** One overdue item in an escalation to the coordinator. */
export function renderEscalation(occ: Occurrence, unit: string, k: Knowledge, today: string): string {
  return [`• ${unit}: ${occ.title} [mã ${occ.code}]`, `  Kế hoạch: ${planLabel(k, occ.planId)}`, `  Hạn: ${occ.dueText} — ${daysLeftText(occ.due, today)}`].join("\n");
}

export type RecordKind = "reminder" | "escalation" | "digest";

export function recordKind(r: Pick<OutboxRecord, "stage">): RecordKind {
  if (r.stage === "escalation") return "escalation";
  if (r.stage === "digest") return "digest";
  return "reminder";
}

export interface ComposeContext {
  unitName: (unitId: string) => string;
  catchUp: boolean;
}

const MAX_BUTTON_ROWS = 20;

/** Everything one chat gets in one run, as one message: reminders, then escalations, then the digest. */
export function composeMessage(records: OutboxRecord[], ctx: ComposeContext): Outgoing {
  const reminders = records.filter((r) => recordKind(r) === "reminder");
  const escalations = records.filter((r) => recordKind(r) === "escalation");
  const digests = records.filter((r) => recordKind(r) === "digest");
  const parts: string[] = [];
  if (ctx.catchUp) parts.push("(Gửi bù các nhắc nhở bị lỡ khi bot tạm dừng.)");
  if (reminders.length > 0) {
    const units = [...new Set(reminders.map((r) => ctx.unitName(r.unitId)))].join(", ");
    const head = reminders.length === 1 ? `🔔 Nhắc hạn — ${units}` : `🔔 Nhắc hạn — ${units}: ${reminders.length} việc`;
    // channel-neutral: Telegram adds ✅ buttons, text-only channels add their textFallback
    const hint =
      reminders.length === 1
        ? `Khi đã nộp, trả lời tin này "đã nộp" (có thể đính kèm tệp).`
        : `Khi đã nộp, trả lời tin này "đã nộp <mã>" (có thể đính kèm tệp).`;
    parts.push([head, ...reminders.map((r) => r.text), hint].join("\n\n"));
  }
  if (escalations.length > 0) {
    parts.push([`⚠️ Quá hạn chưa xác nhận nộp (${escalations.length}):`, ...escalations.map((r) => r.text)].join("\n\n"));
  }
  for (const d of digests) parts.push(d.text);

  const codes = reminders.map((r) => r.code);
  const buttons: Button[][] =
    codes.length === 1
      ? [[{ text: "✅ Đã nộp", data: `ok:${codes[0]}` }, { text: "⏰ Nhắc lại sau", data: `snz:${codes[0]}` }]]
      : codes.slice(0, MAX_BUTTON_ROWS).map((c) => [
          { text: `✅ Đã nộp ${c}`, data: `ok:${c}` },
          { text: `⏰ Nhắc lại sau ${c}`, data: `snz:${c}` },
        ]);
  // Telegram shows the heading and each item's title bold, and the codes as tap-to-copy <code>
  const titles = reminders.map((r) => /^• (.+) \[mã [A-Z0-9]+\]$/m.exec(r.text)?.[1]).filter((t): t is string => !!t);
  const heads = parts.map((p) => p.split("\n")[0]).filter((h) => /^(🔔|⚠️)/u.test(h));
  const allCodes = [...new Set(records.map((r) => r.code).filter(Boolean))];
  const out: Outgoing = { text: parts.join("\n\n"), format: { bold: [...heads, ...titles], code: allCodes } };
  if (codes.length > 0) {
    out.buttons = buttons;
    out.textFallback = codes.length === 1 ? `Trả lời: đã nộp ${codes[0]}` : `Trả lời: đã nộp <mã> (mã: ${codes.join(", ")})`;
  }
  return out;
}
