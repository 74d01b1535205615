// A unit bound to a forum topic that was deleted: its messages now go to the group (render.ts), and the
// coordinating office (the plan's coordinating unit's chats) is told once, so someone re-registers the unit.
import type { CoreDeps } from "../core/index.ts";
import { groupOfChat, planOfAgency, unitById } from "../core/common.ts";

export function createTopicGoneNotifier(deps: Pick<CoreDeps, "store" | "knowledge" | "senders" | "log">): (chatKey: string) => Promise<void> {
  const told = new Set<string>();
  return async (chatKey) => {
    deps.log("warn", `telegram: the topic ${chatKey} is gone; sent to its group instead`);
    if (told.has(chatKey)) return;
    told.add(chatKey);
    const bindings = deps.store.state.bindings;
    const gone = bindings.find((b) => b.channel === "telegram" && b.chatId === chatKey);
    if (!gone) return;
    const knowledge = deps.knowledge.knowledge;
    const coordinator = planOfAgency(knowledge, gone.agencyId)?.coordinatorUnitId;
    const unit = unitById(knowledge, gone.unitId)?.name ?? gone.unitId;
    const text = `⚠️ Chủ đề Telegram của ${unit}${gone.chatTitle ? ` (nhóm «${gone.chatTitle}»)` : ""} không còn nữa: tin nhắc của đơn vị đang gửi vào nhóm chung (${groupOfChat(chatKey)}). Hãy gõ /dangky trong chủ đề mới của đơn vị.`;
    for (const b of bindings.filter((x) => x.unitId === coordinator && x.chatId !== chatKey)) {
      const send = deps.senders[b.channel];
      if (!send) continue;
      await send(b.chatId, { text }).catch((e) => deps.log("warn", `telegram: could not tell the coordinator ${b.channel}:${b.chatId} about ${chatKey}`, e instanceof Error ? e.message : e));
    }
  };
}
