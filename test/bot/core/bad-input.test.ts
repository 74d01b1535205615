// Wrong or missing arguments and odd messages, through the whole core: each gets a short, clear
// Vietnamese reply (or nothing, where a group message was not for the bot) and changes no state.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Incoming, Outgoing } from "../../../bot/core/types.ts";
import { runConsole } from "../../../bot/console.ts";
import { ADMIN, GROUP, STAFF, groupMsg, privateMsg, testCore } from "../../helpers/bot-core.ts";
import { FIXTURE } from "../../helpers/bot-knowledge.ts";
import { bundledKnowledge } from "../../helpers/bot-real-plans.ts";

const bound = { channel: "telegram" as const, chatId: GROUP, chatTitle: "", unitId: `${FIXTURE.QT}/van-phong-so`, agencyId: FIXTURE.QT, boundBy: ADMIN, boundAt: "2024-02-01T00:00:00.000Z" };

/** Sends one message to a fresh core and checks that the state did not move. */
async function say(msg: Incoming, opts: { registered?: boolean } = {}): Promise<Outgoing[]> {
  const { core, deps } = testCore({ state: opts.registered ? { bindings: [bound] } : {} });
  const before = structuredClone(deps.store.state);
  const out = await core.handleMessage(msg);
  expect(deps.store.state).toEqual(before);
  return out;
}

async function one(msg: Incoming, opts: { registered?: boolean } = {}): Promise<string> {
  const out = await say(msg, opts);
  expect(out).toHaveLength(1);
  expect(out[0].text.length).toBeLessThan(700); // short: a hint, not a wall of text
  return out[0].text;
}

describe("/han with a period that does not exist", () => {
  it.each(["quý 5", "13/2024", "tháng 13 2024", "quý V/2024", "0/2024", "tháng mười hai"])("«/han %s» says it did not understand, lists nothing", async (args) => {
    const text = await one(privateMsg(`/han ${args}`, STAFF));
    expect(text).toBe(`Tôi chưa hiểu khoảng thời gian «${args}» (tháng từ 1 đến 12, quý từ I đến IV). Ví dụ: /han tháng 3/2024, /han quý III/2024, /han 2024, /han tháng này.`);
  });
  it("a real month still answers", async () => {
    expect(await one(privateMsg("/han 3/2024", STAFF))).toMatch(/^📅 Các hạn trong tháng 3\/2024:/);
  });
  it("a pasted paragraph after /han is clipped in the reply", async () => {
    const text = await one(privateMsg(`/han ${"x".repeat(5000)}`, STAFF));
    expect(text).toMatch(/^Tôi chưa hiểu khoảng thời gian «x+…»/);
  });
});

describe("commands with missing arguments", () => {
  it("/hoi with nothing asks for the question, in a private chat and in a group", async () => {
    expect(await one(privateMsg("/hoi", STAFF))).toMatch(/^Bạn muốn hỏi gì\? Hãy gõ câu hỏi, ví dụ: /);
    expect(await one(groupMsg("/ask", STAFF))).toMatch(/^Bạn muốn hỏi gì\?/);
  });
  it("/dangky with nothing, by an admin in a group, explains how, binds nothing", async () => {
    expect(await one(groupMsg("/dangky", ADMIN))).toBe("Cách dùng: /dangky <tên đơn vị>, có thể kèm tên sở hoặc tỉnh.\nVí dụ: /dangky Văn phòng Sở LĐTBXH Quảng Trị");
    expect(await one(groupMsg("/dangky", ADMIN), { registered: true })).toMatch(/^Cách dùng: \/dangky/);
  });
  it("/dangky with a nonsense name by a non-admin is refused before anything else", async () => {
    expect(await one(groupMsg("/dangky Phòng Không Tồn Tại", STAFF))).toMatch(/chỉ quản trị viên.*Không có gì thay đổi/);
  });
  it("/viec with nothing in a private chat says to name a unit", async () => {
    expect(await one(privateMsg("/viec", STAFF))).toBe("Gõ /viec <tên đơn vị>, ví dụ: /viec Văn phòng Sở LĐTBXH Quảng Trị");
  });
});

describe("commands in the wrong place", () => {
  it("/huydangky in a group that is not registered says there is nothing to remove", async () => {
    expect(await one(groupMsg("/huydangky", ADMIN))).toBe("Nhóm này chưa gắn với đơn vị nào, không có gì để bỏ.");
  });
  it("/huydangky in a private chat says it is used in the group", async () => {
    expect(await one(privateMsg("/huydangky", ADMIN))).toMatch(/^Lệnh này dùng trong nhóm chat đã đăng ký/);
  });
  it("/tiendo in an unregistered group says how to register; in a private chat an admin sees every unit, a stranger is told their id", async () => {
    expect(await one(groupMsg("/tiendo", STAFF))).toMatch(/^Nhóm này chưa gắn với đơn vị nào\. Quản trị viên gõ \/dangky <tên đơn vị>/);
    expect(await one(privateMsg("/tiendo", STAFF))).toMatch(/xem tiến độ của cơ quan.*Không có gì thay đổi\.\nMã của bạn trên Telegram: 222/s);
    const [priv] = await say(privateMsg("/tiendo", ADMIN));
    expect(priv.text).toMatch(/^📊 Tiến độ các việc đang đến hạn/);
    expect(priv.text).toContain("Văn phòng Sở: chưa nộp (nhóm chưa đăng ký)");
  });
});

describe("/nhacviec where no reminder job runs", () => {
  it("in the console: reminders go to Telegram/Zalo groups, and a dry run shows what would be sent", async () => {
    const text = await one(privateMsg("/nhacviec", "console", { channel: "console", chatId: "console" }));
    expect(text).toMatch(/^Cửa sổ lệnh không có nhóm chat nào để gửi, nên \/nhacviec không chạy ở đây\./);
    expect(text).toContain("nhóm Telegram/Zalo đã đăng ký bằng /dangky");
    expect(text).toContain("npm run -s remind -- --now 2024-03-01T08:00:00+07:00 --dry-run");
    expect(text).not.toContain("chưa chạy trong bot này");
  });
  it("in a channel started without the job it says the same, without blaming the console", async () => {
    const text = await one(privateMsg("/remind_now", ADMIN));
    expect(text).toMatch(/^Bộ nhắc hạn chưa được bật/);
    expect(text).toContain("--dry-run");
  });
});

describe("odd messages", () => {
  const long = `Kế hoạch ${"rất dài ".repeat(700)}`.slice(0, 5000);

  it("a 5000-character message is not read as a question", async () => {
    expect(await one(privateMsg(long, STAFF))).toMatch(/^Tin nhắn dài quá \(\d{4} ký tự\).*dưới 1000 ký tự/);
    expect(await one(privateMsg(`/hoi ${long}`, STAFF))).toMatch(/^Tin nhắn dài quá/);
    expect(await one(groupMsg(long, STAFF, { addressed: true }))).toMatch(/^Tin nhắn dài quá/);
    expect(await say(groupMsg(long, STAFF))).toEqual([]);
  });
  it("an empty message gets a hint in a private chat and nothing in a group", async () => {
    expect(await one(privateMsg("", STAFF))).toMatch(/^Tôi chỉ đọc được tin nhắn chữ/);
    expect(await one(privateMsg("   ", STAFF))).toMatch(/^Tôi chỉ đọc được tin nhắn chữ/);
    expect(await say(groupMsg("", STAFF))).toEqual([]);
  });
  it("only emoji (or only digits and punctuation) gets a short hint in a private chat, not a search of the plans", async () => {
    for (const text of ["😀🎉👍", "👍", "???", "12345"]) {
      const reply = await one(privateMsg(text, STAFF));
      expect(reply).toBe("Tôi chưa hiểu tin nhắn này. Hãy gõ câu hỏi bằng chữ (ví dụ: Báo cáo quý I gửi trước ngày nào?), hoặc /help để xem các lệnh.");
    }
  });
  it("only emoji in a group is a reaction: nothing, even in reply to the bot", async () => {
    expect(await say(groupMsg("👍", STAFF))).toEqual([]);
    expect(await say(groupMsg("👍", STAFF, { addressed: true, replyTo: { messageId: "9", text: "Báo cáo…", fromBot: true } }), { registered: true })).toEqual([]);
  });
  it("a group message not addressed to the bot is ignored", async () => {
    expect(await say(groupMsg("Báo cáo quý I gửi trước ngày nào?", STAFF))).toEqual([]);
    expect(await say(groupMsg("Báo cáo quý I gửi trước ngày nào?", STAFF), { registered: true })).toEqual([]);
  });
  it("a lone slash, or a slash and a space, is not taken for a command silently", async () => {
    expect(await one(privateMsg("/", STAFF))).toBe("«/» không phải là lệnh. Tên lệnh viết liền sau dấu /, ví dụ /han hoặc /help.");
    expect(await one(privateMsg("/ han", STAFF))).toMatch(/^«\/ han» không phải là lệnh/);
    expect(await say(groupMsg("/", STAFF, { addressed: false }))).toEqual([]);
  });
  it("an unknown command with arguments points to /help", async () => {
    expect(await one(groupMsg("/xoa tất cả", STAFF))).toBe("Tôi chưa biết lệnh /xoa. Gõ /help để xem các lệnh, hoặc hỏi thẳng bằng một câu.");
  });
});

describe("the console chat", () => {
  it("answers an unknown unit and /nhacviec with what to do, never a wrong unit", async () => {
    const { core } = testCore({ knowledge: await bundledKnowledge(), now: "2024-11-13T09:00:00+07:00" });
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (d) => (out += d));
    const done = runConsole({ core, input, output, now: () => new Date("2024-11-13T02:00:00Z") });
    input.end("/viec Phòng Không Tồn Tại\n/nhacviec\n");
    await done;
    expect(out).toContain("Không tìm thấy đơn vị «Phòng Không Tồn Tại» trong các kế hoạch.");
    expect(out).not.toContain("📋 Nhiệm vụ của");
    expect(out).toContain("npm run -s remind -- --now 2024-11-13T08:00:00+07:00 --dry-run");
  });
});
