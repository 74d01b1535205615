// Roles through the Zalo channel: ids are Zalo's; a Zalo agency admin registers their agency's group only.
import { afterEach, describe, expect, it } from "vitest";
import { createCore, createKnowledgeRef, type CoreDeps } from "../../../bot/core/index.ts";
import type { ChannelName, Sender } from "../../../bot/core/types.ts";
import { createZaloChannel } from "../../../bot/zalo/index.ts";
import { memoryStore } from "../../../data/store.ts";
import { memoryAuditLog } from "../../../data/audit.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";
import { zaloTestKnowledge } from "../../helpers/zalo-knowledge.ts";

const SUPER = "admin-zalo-1";
const AGENCY_ADMIN = "zalo-staff-77";
const NOW = new Date("2024-09-11T03:00:00Z");
let fake: FakeZalo | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function rig() {
  fake = await startFakeZalo();
  const store = memoryStore();
  const senders: Partial<Record<ChannelName, Sender>> = {};
  const deps: CoreDeps = {
    store,
    knowledge: createKnowledgeRef(zaloTestKnowledge()),
    adminIds: new Set([`zalo:${SUPER}`]),
    now: () => NOW,
    senders,
    plansDir: "data/plans",
    knowledgeFile: "/nonexistent/knowledge.json",
    log: () => undefined,
    audit: memoryAuditLog(),
  };
  const channel = createZaloChannel({ token: fake.token, apiRoot: fake.apiRoot, core: createCore(deps), store, log: () => undefined, senders, now: () => NOW, backoffMs: 5, pollTimeoutSec: 5 });
  const f = fake;
  const say = async (text: string, userId: string, chatId = userId, group = false) => {
    const before = f.sent.length;
    await channel.adapter.handleUpdate(textUpdate({ text, chatId, userId, group }));
    return f.sent.slice(before).filter((m) => m.chat_id === chatId).map((m) => m.text).join("\n");
  };
  return { deps, say };
}

describe("roles on Zalo", () => {
  it("a super-admin adds a Zalo agency admin; /toi shows the Zalo id; another agency's group is refused", async () => {
    const { deps, say } = await rig();
    expect(await say("/toi", AGENCY_ADMIN)).toContain(`Mã của bạn trên Zalo: ${AGENCY_ADMIN}`);
    expect(await say("/dangky Văn phòng Sở GTVT Sơn La", AGENCY_ADMIN, "g-sl", true)).toMatch(/chỉ quản trị viên mới được đăng ký nhóm.*\nMã của bạn trên Zalo: zalo-staff-77/s);
    expect(await say(`/quantri them ${AGENCY_ADMIN} Sở LĐTBXH Quảng Trị`, SUPER)).toMatch(/là quản trị cơ quan của Sở LĐTBXH Quảng Trị/);
    expect(deps.store.state.roles).toMatchObject([{ channel: "zalo", userId: AGENCY_ADMIN }]);
    expect(await say("/dangky Văn phòng Sở GTVT Sơn La", AGENCY_ADMIN, "g-sl", true)).toMatch(/việc này thuộc Sở GTVT Sơn La\. Không có gì thay đổi/);
    expect(await say("/dangky Văn phòng", AGENCY_ADMIN, "g-qt", true)).toMatch(/Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở LĐTBXH Quảng Trị/);
    expect(deps.store.state.bindings).toMatchObject([{ channel: "zalo", chatId: "g-qt" }]);
  });
});
