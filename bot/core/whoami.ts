// /toi (/whoami): the user's id on this channel, their roles and agencies — the id is what they give IT.
import type { CoreFeature } from "./index.ts";
import { agencyLabel, bindingFor, matchCommand, unitLabel, unitById } from "./common.ts";
import { ROLE_LABEL, grantsOf, idLine, isSuperAdmin } from "./roles.ts";

const commands = [{ name: "toi", aliases: ["whoami", "me"], description: "Mã người dùng của bạn, vai trò và cơ quan của bạn" }];

export const whoamiFeature: CoreFeature = {
  name: "whoami",
  commands,
  async onMessage(msg, deps) {
    if (!matchCommand(msg, commands)) return null;
    const k = deps.knowledge.knowledge;
    const lines = [`👤 ${msg.userName || "Bạn"}`, idLine(msg)];
    const grants = grantsOf(deps, msg);
    if (isSuperAdmin(deps, msg.channel, msg.userId)) lines.push(`Vai trò: ${ROLE_LABEL.super} — mọi cơ quan.`);
    if (grants.length > 0) {
      lines.push("Vai trò trong cơ quan:");
      for (const g of grants) lines.push(`• ${ROLE_LABEL[g.role]} — ${agencyLabel(k, g.agencyId)}`);
    }
    if (!isSuperAdmin(deps, msg.channel, msg.userId) && grants.length === 0) {
      lines.push("Vai trò: chưa có vai trò quản trị nào. Bạn vẫn hỏi đáp, xem hạn (/han) và nhiệm vụ (/viec) như mọi người.");
    }
    if (msg.chatType === "group") {
      const b = bindingFor(deps, msg.channel, msg.chatId);
      const unit = b ? unitById(k, b.unitId) : undefined;
      lines.push("", `Nhóm này: mã ${msg.chatId}, ${b ? `gắn với ${unit ? unitLabel(k, unit) : b.unitId}` : "chưa gắn với đơn vị nào"}.`);
    }
    return [{ text: lines.join("\n") }];
  },
};
