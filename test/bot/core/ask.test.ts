import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Answer, AskOptions } from "../../../knowledge/ask.ts";
import { ADMIN, GROUP, STAFF, groupMsg, press, privateMsg, testCore } from "../../helpers/bot-core.ts";
import { FIXTURE } from "../../helpers/bot-knowledge.ts";

// the answer text is the ask helper's; here we check what the bot does around it
const asked: { question: string; opts: AskOptions }[] = [];
vi.mock("../../../knowledge/ask.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../knowledge/ask.ts")>();
  return {
    ...real,
    ask: (_index: unknown, question: string, opts: AskOptions = {}): Answer => {
      asked.push({ question, opts });
      return {
        question,
        found: true,
        intent: "deadline",
        answer: `Trả lời: ${question}`,
        lang: "vi",
        hits: [
          { planId: "son-la-gtvt-2024", kind: "report", text: "Báo cáo quý", lead: [], support: [], due: "2024-09-15", dueText: "15/9", value: null, source: { file: FIXTURE.SL_FILE, line: 254 } },
          { planId: "son-la-gtvt-2024", kind: "report", text: "Báo cáo quý", lead: [], support: [], due: "2024-09-15", dueText: "15/9", value: null, source: { file: FIXTURE.SL_FILE, line: 254 } },
          { planId: "quang-tri-ldtbxh-2024", kind: "task", text: "Rà soát", lead: [], support: [], due: null, dueText: null, value: null, source: { file: FIXTURE.QT_FILE, line: 186 } },
        ],
      };
    },
  };
});

beforeEach(() => void (asked.length = 0));

describe("questions", () => {
  it("answers any text in a private chat with ask()'s answer, passing today's date", async () => {
    const { core } = testCore({ now: "2024-03-01T23:30:00+07:00" });
    const [reply] = await core.handleMessage(privateMsg("han nop bao cao quy 3", STAFF));
    expect(reply.text).toBe("Trả lời: han nop bao cao quy 3");
    expect(asked[0].opts).toEqual({ agencyId: undefined, today: "2024-03-01" });
  });

  it("offers one 📄 Nguồn button per distinct source, within 64 bytes", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("hạn báo cáo?", STAFF));
    expect(reply.buttons).toEqual([[{ text: "📄 Nguồn 1", data: "src:son-la-gtvt-2024:254" }, { text: "📄 Nguồn 2", data: "src:quang-tri-ldtbxh-2024:186" }]]);
  });

  it("in a group answers /hoi, a mention or a reply to the bot — and ignores the rest", async () => {
    const { core } = testCore();
    expect(await core.handleMessage(groupMsg("chào cả nhà", STAFF))).toEqual([]);
    expect((await core.handleMessage(groupMsg("/hoi hạn báo cáo quý 3?", STAFF)))[0].text).toBe("Trả lời: hạn báo cáo quý 3?");
    expect((await core.handleMessage(groupMsg("hạn báo cáo năm?", STAFF, { addressed: true })))[0].text).toBe("Trả lời: hạn báo cáo năm?");
    expect(asked.map((a) => a.question)).toEqual(["hạn báo cáo quý 3?", "hạn báo cáo năm?"]);
  });

  it("a registered group's questions are narrowed to its agency", async () => {
    const { core } = testCore();
    await core.handleMessage(groupMsg("/dangky Thanh tra Quảng Trị", ADMIN));
    await core.handleMessage(groupMsg("/ask ai chủ trì?", STAFF));
    expect(asked.at(-1)?.opts.agencyId).toBe(FIXTURE.QT);
  });

  it("asks for the question when /hoi comes alone, and refuses a pasted document", async () => {
    const { core } = testCore();
    expect((await core.handleMessage(groupMsg("/hoi", STAFF)))[0].text).toMatch(/Bạn muốn hỏi gì\?/);
    expect((await core.handleMessage(privateMsg("a ".repeat(800), STAFF)))[0].text).toMatch(/Tin nhắn dài quá \(1599 ký tự\)/);
    expect(asked).toEqual([]);
  });

  it("📄 Nguồn shows the cited line of the plan file with its neighbours", async () => {
    const { core } = testCore();
    const result = await core.handlePress(press("src:son-la-gtvt-2024:254", STAFF, { chatId: GROUP, messageId: "77" }));
    const [reply] = result.replies;
    expect(reply.replyToMessageId).toBe("77");
    expect(reply.text).toMatch(/^📄 Sở GTVT Sơn La — số 2528\/KH-SGTVT, tệp son-la_so-gtvt_cchc-2024\.txt, dòng 254:/);
    expect(reply.text).toMatch(/▶ - Thời gian gửi báo cáo: Báo cáo quý, 6 tháng gửi trước ngày \*\*15\/3; 15\/6; 15\/9\*\*/);
    expect(reply.text.split("\n").length).toBeGreaterThan(4);
  });

  it("📄 Nguồn for a plan no longer loaded says so instead of failing", async () => {
    const { core } = testCore();
    const result = await core.handlePress(press("src:ha-noi:10", STAFF));
    expect(result.toast).toMatch(/Không còn tìm thấy/);
    expect(result.replies).toEqual([]);
  });
});
