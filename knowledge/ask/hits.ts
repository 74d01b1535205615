// The contract's hits: one item as the bot and `ask --json` report it.
import type { AskIndex, Hit } from "../ask.ts";
import type { Item } from "../schema.ts";
import type { Doc } from "./docs.ts";
import { ownerNames, planLabel } from "./labels.ts";

export function toHit(index: AskIndex, d: Doc): Hit {
  const p = index.knowledge.plans[d.planIdx];
  const it: Item | null = d.item;
  if (!it) {
    return {
      planId: p.id,
      kind: "plan",
      text: `${planLabel(p)}: ${ownerNames(index.units, d.lead, null).join(", ")} chủ trì theo dõi, đôn đốc thực hiện kế hoạch.`,
      lead: ownerNames(index.units, d.lead, null),
      support: [],
      due: null,
      dueText: null,
      value: null,
      source: { file: p.sourceFile, line: 1 },
    };
  }
  const base = { planId: it.planId, kind: it.kind, text: it.text, source: { file: it.source.file, line: it.source.line } };
  if (it.kind === "task") {
    return {
      ...base,
      lead: ownerNames(index.units, it.lead, it.leadText),
      support: ownerNames(index.units, it.support, it.supportText),
      due: it.deadline.due,
      dueText: it.deadline.text || null,
      value: null,
    };
  }
  if (it.kind === "target") {
    return {
      ...base,
      lead: ownerNames(index.units, it.lead, null),
      support: ownerNames(index.units, it.support, null),
      due: it.horizon ? `${it.horizon}-12-31` : null,
      dueText: it.horizonText ?? (it.horizon ? `Năm ${it.horizon}` : null),
      value: it.values.map((v) => v.raw).join("; ") || null,
    };
  }
  return {
    ...base,
    lead: ownerNames(index.units, it.from, null),
    support: [],
    due: it.due.due,
    dueText: it.due.text || null,
    value: null,
  };
}

