// /giao and /huygiao in process: a task outside the plans is reminded, confirmed by "đã nộp <mã>", listed
// (/tiendo, /han, "việc được giao tuần này?"), assigned step by step (buttons; numbers on Zalo) across a
// restart, cancelled; bad input changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../../../bot/core/index.ts";
import type { ButtonPress, ChannelName, Incoming } from "../../../../bot/core/types.ts";
import { runReminderJob } from "../../../../jobs/run.ts";
import type { Knowledge } from "../../../../knowledge/schema.ts";
import { sharedKnowledge } from "../../../helpers/shared-knowledge.ts";
import { testDeps } from "../../../helpers/bot-core.ts";
import { fakeClock, noWaitLimiter, quietLog, recordingSender } from "../../../helpers/reminders-env.ts";

const AGENCY = "son-la/so-gtvt";
const TTRA = `${AGENCY}/thanh-tra-so`;
const VP_CHAT = "-2001";
const TTRA_CHAT = "-2004";

let k: Knowledge;
beforeAll(async () => {
  k = await sharedKnowledge();
});

function setup(start = "2024-07-10T08:00:00+07:00") {
  const clock = fakeClock(start);
  const { deps } = testDeps({
    knowledge: k,
    state: {
      bindings: [
        { channel: "telegram", chatId: VP_CHAT, chatTitle: "VP", unitId: `${AGENCY}/van-phong-so`, agencyId: AGENCY, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" },
        { channel: "telegram", chatId: TTRA_CHAT, chatTitle: "Thanh tra", unitId: TTRA, agencyId: AGENCY, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" },
      ],
    },
  });
  (deps as { now: () => Date }).now = clock.now;
  const telegram = recordingSender();
  const job = () => runReminderJob({ store: deps.store, knowledge: () => k, senders: { telegram: telegram.sender }, now: clock.now, limiter: noWaitLimiter, log: quietLog }, { reason: "test", digest: false, catchUp: false });
  return { deps, core: createCore(deps), clock, telegram, job };
}

let n = 0;
const msg = (text: string, o: { chatId?: string; userId?: string; channel?: ChannelName; chatType?: "group" | "private" } = {}): Incoming => ({
  channel: o.channel ?? "telegram",
  chatId: o.chatId ?? VP_CHAT,
  chatType: o.chatType ?? (Number(o.chatId ?? VP_CHAT) < 0 ? "group" : "private"),
  userId: o.userId ?? "111",
  userName: o.userId === "500" ? "Chị Lan" : "An",
  messageId: String(++n),
  text,
  addressed: true,
  date: "2024-07-10T01:00:00.000Z",
});
const say = async (core: Core, text: string, o?: Parameters<typeof msg>[1]) => (await core.handleMessage(msg(text, o))).map((x) => x.text).join("\n");
const codeIn = (text: string) => /\[mã ([A-Z0-9]{5,6})\]/.exec(text)![1];

describe("/giao", () => {
  it("one line: a code, the unit told; reminded, confirmed by 'đã nộp <mã>', and listed like a plan task", async () => {
    const { deps, core, clock, telegram, job } = setup();
    const replies = await core.handleMessage(msg("/giao Thanh tra Sở | Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT | 19/7/2024"));
    expect(replies[0].text).toMatch(/^✅ Đã giao việc \[mã [A-Z0-9]{5,6}\] cho Thanh tra Sở — Sở GTVT Sơn La: «Kiểm tra công tác đăng kiểm theo Văn bản 88\/UBND-KT», hạn 19\/7\/2024\./);
    const code = codeIn(replies[0].text);
    expect(replies[1]).toMatchObject({ chatId: TTRA_CHAT, channel: "telegram" });
    expect(replies[1].text).toContain(`Khi xong, trả lời: đã nộp ${code}`);
    expect(deps.store.state.adhocTasks).toEqual([expect.objectContaining({ unitId: TTRA, agencyId: AGENCY, due: "2024-07-19", recurrence: null, userId: "111" })]);

    // reminded: d-7 of 19/7 is 10/7
    await job();
    const reminder = telegram.sent.find((m) => m.chatId === TTRA_CHAT)!;
    expect(reminder.message.text).toContain(`• Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT [mã ${code}]`);
    expect(reminder.message.text).toContain("Kế hoạch: Nhiệm vụ được giao — Sở GTVT Sơn La");
    expect(reminder.message.buttons?.[0]?.[0]).toEqual({ text: "✅ Đã nộp", data: `ok:${code}` });

    // listed: the coordinator's /tiendo, the unit's /han, a question
    expect(await say(core, "/tiendo")).toContain(`• Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT [${code}] — hạn 19/7/2024 (còn 9 ngày)`);
    expect(await say(core, "/han", { chatId: TTRA_CHAT })).toContain("• 19/07/2024: Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT (việc được giao)");
    expect(await say(core, "/viec", { chatId: TTRA_CHAT })).toContain(`Việc được giao ngoài kế hoạch, chưa nộp (1):\n• Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT [${code}] — hạn: 19/7/2024`);
    clock.set("2024-07-16T08:00:00+07:00");
    expect(await say(core, "việc được giao tuần này?", { chatId: TTRA_CHAT })).toContain(`• Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT [${code}] — Thanh tra Sở, hạn 19/7/2024 — ⏳ còn 3 ngày`);

    // confirmed by "đã nộp <mã>" in the unit's group; the next run sends nothing more for it
    expect(await say(core, `đã nộp ${code}`, { chatId: TTRA_CHAT, userId: "500" })).toContain(`✅ Đã ghi nhận: Thanh tra Sở đã nộp «Kiểm tra công tác đăng kiểm theo Văn bản 88/UBND-KT» [mã ${code}]`);
    const before = telegram.sent.length;
    await job();
    expect(telegram.sent.slice(before).filter((m) => m.message.text.includes(code))).toEqual([]);
    expect(await say(core, "việc được giao tuần này?", { chatId: TTRA_CHAT })).toContain(`[${code}] — Thanh tra Sở, hạn 19/7/2024 — ✅ đã nộp`);
  });

  it("hằng tháng ngày 20: one occurrence a month, each with its own code, up to the year's end", async () => {
    const { deps, core } = setup();
    const text = await say(core, "/giao Thanh tra Sở; Báo cáo tình hình xử lý vi phạm; 20/7/2024 hằng tháng ngày 20");
    expect(text).toContain("hạn 20/7/2024 (hằng tháng ngày 20, đến 31/12/2024; 6 lần)");
    const { expandOccurrences } = await import("../../../../jobs/occurrences.ts");
    const occs = expandOccurrences(k, deps.store.state).filter((o) => o.kind === "adhoc");
    expect(occs.map((o) => o.due)).toEqual(["2024-07-20", "2024-08-20", "2024-09-20", "2024-10-20", "2024-11-20", "2024-12-20"]);
    expect(new Set(occs.map((o) => o.code)).size).toBe(6);
    const planCodes = new Set(expandOccurrences(k).map((o) => o.code));
    expect(occs.some((o) => planCodes.has(o.code))).toBe(false);
  });

  it("step by step with buttons, across a restart (the steps are in the state)", async () => {
    const { deps, core } = setup();
    const dm = { chatId: "111", chatType: "private" as const };
    expect(await say(core, "/giao", dm)).toContain("Bước 1/3 — Giao cho đơn vị nào?");
    const ask = await core.handleMessage(msg("Thanh tra Sở", dm));
    expect(ask[0].text).toBe("Có nhiều đơn vị khớp. Giao cho đơn vị nào?");
    const choice = ask[0].buttons!.flat().find((b) => b.text.includes("Sơn La"))!;
    const restarted = createCore(deps); // a new process on the same state
    const press: ButtonPress = { channel: "telegram", chatId: "111", chatType: "private", userId: "111", userName: "An", messageId: "9", data: choice.data };
    const pressed = await restarted.handlePress(press);
    expect(pressed.edit?.text).toBe("Giao cho: Thanh tra Sở — Sở GTVT Sơn La");
    expect(pressed.replies[0].text).toContain("Bước 2/3 — Nội dung công việc là gì?");
    expect(await say(restarted, "Rà soát hồ sơ cấp phép vận tải", dm)).toContain("Bước 3/3 — Hạn hoàn thành?");
    expect(await say(restarted, "ngày 31/6/2024", dm)).toBe("Ngày «31/6/2024» không có thật. Hãy gõ hạn dạng ngày/tháng/năm, ví dụ 30/9/2024. Hãy gõ lại hạn, hoặc «huỷ».");
    expect(await say(restarted, "30/7/2024", dm)).toMatch(/^✅ Đã giao việc \[mã [A-Z0-9]{5,6}\] cho Thanh tra Sở — Sở GTVT Sơn La: «Rà soát hồ sơ cấp phép vận tải», hạn 30\/7\/2024\./);
    expect(deps.store.state.pending).toEqual([]);
    expect(deps.store.state.adhocTasks).toHaveLength(1);
  });

  it("step by step on Zalo: numbered answers; «huỷ» stops without saving", async () => {
    const { deps, core } = setup();
    const zalo = { channel: "zalo" as const, chatId: "z-111", chatType: "private" as const, userId: "111" };
    await say(core, "/giao", zalo);
    const list = (await core.handleMessage(msg("Thanh tra Sở", zalo)))[0];
    expect(list.textFallback).toMatch(/1\. Thanh tra Sở — .*\n2\. Thanh tra Sở — /);
    const n = list.textFallback!.split("\n").findIndex((l) => l.includes("Sơn La")) + 1;
    expect(await say(core, String(n), zalo)).toContain("Giao việc cho Thanh tra Sở — Sở GTVT Sơn La.");
    expect(await say(core, "huỷ", zalo)).toBe("Đã huỷ, chưa giao việc nào.");
    expect(deps.store.state.adhocTasks).toEqual([]);
    expect(deps.store.state.pending).toEqual([]);
  });

  it("/huygiao cancels the task, tells the unit, and its reminders stop", async () => {
    const { deps, core, telegram, job } = setup();
    const code = codeIn(await say(core, "/giao Thanh tra Sở | Kiểm tra đột xuất bến xe | 19/7/2024"));
    const replies = await core.handleMessage(msg(`/huygiao ${code}`));
    expect(replies[0].text).toBe(`Đã huỷ việc «Kiểm tra đột xuất bến xe» [mã ${code}] của Thanh tra Sở — Sở GTVT Sơn La; nhóm của đơn vị đã được báo.`);
    expect(replies[1]).toMatchObject({ chatId: TTRA_CHAT, text: expect.stringContaining(`[mã ${code}] đã được huỷ`) });
    expect(deps.store.state.adhocTasks[0].cancelledAt).not.toBeNull();
    await job();
    expect(telegram.sent.filter((m) => m.message.text.includes(code))).toEqual([]);
    expect(await say(core, `/huygiao ${code}`)).toBe(`Không có việc được giao nào mang mã ${code}. Không có gì thay đổi.`);
  });

  it("bad input: one sentence each, nothing saved", async () => {
    const { deps, core } = setup();
    expect(await say(core, "/giao Phòng Không Tồn Tại | Việc | 20/7/2024")).toMatch(/^Không tìm thấy đơn vị «Phòng Không Tồn Tại» mà bạn được giao việc\..* Chưa giao việc nào\.$/);
    expect(await say(core, "/giao Thanh tra Sở | Việc | 1/7/2024")).toBe("Hạn 1/7/2024 đã qua (hôm nay 10/7/2024); hạn phải từ hôm nay trở đi. Chưa giao việc nào.");
    expect(await say(core, "/giao Thanh tra Sở | Việc | sớm nhất có thể")).toMatch(/^Tôi chưa đọc được hạn hoàn thành\./);
    expect(await say(core, "/giao Thanh tra Sở")).toMatch(/^Thiếu nội dung hoặc hạn\./);
    expect(await say(core, "/giao Thanh tra Sở | Việc | 20/7/2024", { chatId: TTRA_CHAT, userId: "500" })).toMatch(/^Xin lỗi, chỉ quản trị viên mới được gia hạn hoặc giao việc/);
    expect(deps.store.state.adhocTasks).toEqual([]);
  });
});
