// Conversation through the core with the real plans: follow-ups keep the previous question's scope
// for ten minutes, a bound group defaults to its unit and agency, relative time reads the injected clock.
import { beforeAll, describe, expect, it } from "vitest";
import type { Knowledge } from "../../../knowledge/schema.ts";
import type { Binding } from "../../../data/store.ts";
import { GROUP, STAFF, groupMsg, privateMsg, testCore } from "../../helpers/bot-core.ts";
import { bundledKnowledge } from "../../helpers/bot-real-plans.ts";

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await bundledKnowledge();
});

const bound = (unitId: string, agencyId: string): Binding => ({ channel: "telegram", chatId: GROUP, chatTitle: "Nhóm", unitId, agencyId, boundBy: "111", boundAt: "2024-01-01T00:00:00.000Z" });

/** A core whose clock the test moves. */
function clocked(start: string, bindings: Binding[] = []) {
  let now = new Date(start);
  const { core, deps } = testCore({ knowledge, state: { bindings } });
  deps.now = () => now;
  return { core, at: (iso: string) => void (now = new Date(iso)) };
}

const say = async (core: ReturnType<typeof testCore>["core"], text: string, group = false) =>
  (await core.handleMessage(group ? groupMsg(text, STAFF, { addressed: true }) : privateMsg(text, STAFF)))[0]?.text ?? "";

describe("follow-ups in the same chat", () => {
  it("“còn quý IV thì sao?” after a question about quý III answers about quý IV of the same plan", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00");
    expect(await say(core, "Báo cáo quý III của Sở GTVT Sơn La gửi trước ngày nào?")).toContain("15/9/2024");
    const next = await say(core, "còn quý I thì sao?");
    expect(next).toContain("15/3/2024");
    expect(next).not.toContain("15/9/2024");
  });

  it("“còn Đắk Lắk?” asks the same thing of the other plan", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00");
    expect(await say(core, "Mức độ hài lòng về giải quyết TTHC của Sơn La phấn đấu bao nhiêu?")).toMatch(/90\s?%/);
    expect(await say(core, "còn Đắk Lắk thì sao?")).toContain("Đắk Lắk");
  });

  it("“thế Thanh tra thì sao?” swaps the unit and keeps the plan", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00");
    await say(core, "Văn phòng Sở LĐTBXH Quảng Trị làm gì về kiểm kê tài sản?");
    const next = await say(core, "thế Thanh tra thì sao?");
    expect(next).toMatch(/khiếu nại|tiếp công dân/);
  });

  it("forgets the context after ten minutes", async () => {
    const { core, at } = clocked("2024-05-10T09:00:00+07:00");
    await say(core, "Báo cáo quý III của Sở GTVT Sơn La gửi trước ngày nào?");
    at("2024-05-10T09:11:00+07:00");
    expect(await say(core, "còn quý I thì sao?")).not.toContain("15/3/2024");
  });
});

describe("small talk, counts and definitions through the core", () => {
  it("greets and thanks in one friendly line with a hint, never an apology", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00");
    const hi = await say(core, "xin chào");
    expect(hi).toMatch(/^Chào bạn/);
    expect(hi).toContain("thử hỏi");
    expect(hi).not.toMatch(/xin lỗi/i);
    expect(await say(core, "cảm ơn bạn nhé")).toMatch(/không có gì/i);
  });

  it("counts a plan's tasks and says how many have a set deadline", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00");
    const r = await say(core, "Kế hoạch của Sở LĐTBXH Quảng Trị có bao nhiêu nhiệm vụ?");
    expect(r).toMatch(/Sở LĐTBXH Quảng Trị: \d+ nhiệm vụ \(\d+ trong phụ lục, \d+ có hạn cụ thể\)/);
  });

  it("“CCHC là gì?” gets one short line", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00");
    const r = await say(core, "CCHC là gì?");
    expect(r).toBe("CCHC là viết tắt của “cải cách hành chính”.");
  });
});

describe("relative time from the injected clock", () => {
  it("“tuần này” is the current Monday–Sunday", async () => {
    const { core } = clocked("2024-01-15T09:00:00+07:00");
    expect(await say(core, "tuần này Sở GTVT Sơn La có hạn gì?")).toMatch(/20\/0?1\/2024/);
    const { core: later } = clocked("2024-01-22T09:00:00+07:00");
    expect(await say(later, "tuần này Sở GTVT Sơn La có hạn gì?")).not.toMatch(/20\/0?1\/2024/);
  });

  it("“quá hạn” lists what fell due before today", async () => {
    const { core } = clocked("2024-02-05T09:00:00+07:00");
    const r = await say(core, "Sở LĐTBXH Quảng Trị có việc nào quá hạn rồi?");
    expect(r).toMatch(/^Việc đã quá hạn/);
    expect(r).toMatch(/15\/0?1\/2024/);
    expect(r).toMatch(/31\/0?1\/2024/);
    expect(r).not.toContain("30/8/2024");
  });
});

describe("a unit's bound group", () => {
  it("defaults to the group's agency: “sắp đến hạn” names no plan and is answered from its own", async () => {
    const { core } = clocked("2024-08-20T09:00:00+07:00", [bound("quang-tri/so-ldtbxh/van-phong-so", "quang-tri/so-ldtbxh")]);
    const r = await say(core, "việc của đơn vị mình sắp đến hạn?", true);
    expect(r).toContain("Văn phòng Sở");
    expect(r).not.toContain("Sơn La");
  });

  it("“đơn vị mình làm gì?” lists the bound unit's tasks", async () => {
    const { core } = clocked("2024-05-10T09:00:00+07:00", [bound("quang-tri/so-ldtbxh/thanh-tra-so", "quang-tri/so-ldtbxh")]);
    const r = await say(core, "đơn vị mình phải làm những việc gì?", true);
    expect(r).toMatch(/khiếu nại|tiếp công dân/);
  });
});
