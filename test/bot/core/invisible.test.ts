// Invisible characters copied along with a text (zero-width space, BOM, NBSP, direction marks)
// change nothing a user sees, so they must change nothing the bot does; and wrong /han arguments
// get a clear refusal.
import { describe, expect, it } from "vitest";
import { stripInvisible } from "../../../bot/core/invisible.ts";
import { expandOccurrences } from "../../../jobs/occurrences.ts";
import { testCore, groupMsg, privateMsg, STAFF, GROUP } from "../../helpers/bot-core.ts";
import { QT_VP, bind, remindersKnowledge } from "../../helpers/reminders-knowledge.ts";

describe("invisible characters", () => {
  it("are stripped, odd spaces become plain ones", () => {
    expect(stripInvisible("\uFEFF/han\u00A0quý\u202FIII")).toBe("/han quý III");
    expect(stripInvisible("đã\u200B nộp\u200D")).toBe("đã nộp");
    expect(stripInvisible("\u200E/viec\u2060")).toBe("/viec");
  });

  it("a zero-width space inside 'đã nộp' still confirms", async () => {
    const k = remindersKnowledge();
    const report = expandOccurrences(k).find((o) => o.title === "Báo cáo kết quả rà soát")!;
    const { core, deps } = testCore({
      knowledge: k,
      now: "2024-11-13T09:00:00+07:00",
      state: { bindings: [bind(QT_VP, GROUP)], sentMessages: [{ channel: "telegram", chatId: GROUP, messageId: "500", codes: [report.code], at: "2024-11-13T01:00:00.000Z" }] },
    });
    const out = await core.handleMessage(groupMsg("đ\u200Bã\u00A0n\u200Bộp", STAFF, { replyTo: { messageId: "500", text: "🔔", fromBot: true } }));
    expect(out[0].text).toMatch(/✅ Đã ghi nhận/);
    expect(deps.store.state.submissions).toHaveLength(1);
  });

  it("a BOM or zero-width space before a command still runs it", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("\uFEFF\u200B/help"));
    expect(reply.text).toMatch(/\/han/);
  });
});

describe("wrong /han arguments", () => {
  it.each(["/han -1", "/han tháng -3", "/han quý −2"])("%s is refused clearly, no made-up period", async (cmd) => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg(cmd));
    expect(reply.text).toMatch(/^Tôi chưa hiểu khoảng thời gian/);
    expect(reply.text).not.toMatch(/tháng \d+\/0|Các hạn trong/);
  });
});
