import { describe, expect, it } from "vitest";
import { ask } from "../../../knowledge/ask.ts";
import type { CoreFeature } from "../../../bot/core/index.ts";
import {
  ADMIN_USER,
  GROUP_CHAT,
  STAFF_USER,
  botMessage,
  messageUpdate,
  pressUpdate,
  privateChat,
  recordingBot,
  textUpdate,
} from "../../helpers/bot-telegram.ts";
import { SLOW_DOWN } from "../../../bot/telegram/features/rate-limit.ts";
import { GROUP_WELCOME } from "../../../bot/telegram/features/membership.ts";

const staffChat = privateChat(STAFF_USER);

describe("private chat", () => {
  it("answers every text with ask()'s answer, in HTML parse mode", async () => {
    const { bot, deps, sent } = recordingBot();
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "Báo cáo quý I gửi trước ngày nào?"));
    const expected = ask(deps.knowledge.index, "Báo cáo quý I gửi trước ngày nào?", { today: "2024-03-01" }).answer;
    expect(sent()).toHaveLength(1);
    expect(sent()[0].payload).toMatchObject({ chat_id: 222, parse_mode: "HTML" });
    expect(sent()[0].payload.text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")).toBe(expected.slice(0, 4096));
  });

  it.each([
    ["/start", /Xin chào Bình! Tôi là Trợ lý Kế hoạch/],
    ["/help", /Các lệnh:/],
    ["/trogiup", /\/dangky \(\/register\)/],
    ["/hoi", /Bạn muốn hỏi gì\?/],
    ["/ask", /Bạn muốn hỏi gì\?/],
    ["/han quý I/2024", /Các hạn trong quý I\/2024/],
    ["/deadlines tháng 3/2024", /Các hạn trong tháng 3\/2024/],
    ["/viec Ban QLBT", /Nhiệm vụ của Ban Quản lý Bảo trì đường bộ/],
    ["/tasks", /Gõ \/viec &lt;tên đơn vị&gt;/],
    ["/tiendo", /^(?!Tôi chưa biết lệnh)\S/], // the reminders feature answers it
    ["/status", /^(?!Tôi chưa biết lệnh)\S/],
    ["/dangky Thanh tra", /chỉ quản trị viên/],
    ["/huydangky", /chỉ quản trị viên/],
    ["/nonsense", /chưa biết lệnh \/nonsense/],
  ])("%s gets its answer", async (text, expected) => {
    const { bot, sent } = recordingBot();
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, text));
    expect(sent()).toHaveLength(1);
    expect(sent()[0].payload.text).toMatch(expected);
  });

  it("escapes <, > and & from the plans", async () => {
    const { bot, sent } = recordingBot();
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "/viec Văn phòng Sở LĐTBXH Quảng Trị"));
    expect(sent()[0].payload.text).toContain("Báo cáo theo dõi tình hình thi hành pháp luật &lt;năm 2024&gt; &amp; tổng hợp");
  });

  it("splits a reply over 4096 characters on line boundaries, buttons on the last part", async () => {
    const long = Array.from({ length: 200 }, (_, i) => `${i}. ${"nội dung <dài> ".repeat(3).trim()}`).join("\n");
    const feature: CoreFeature = { name: "long", onMessage: async () => [{ text: long, buttons: [[{ text: "📄 Nguồn", data: "src:x:1" }]] }] };
    const { bot, sent } = recordingBot({ features: [feature] });
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "dài"));
    const parts = sent().map((c) => c.payload);
    expect(parts.length).toBe(3);
    const visible = parts.map((p) => p.text.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
    for (const v of visible) expect(v.length).toBeLessThanOrEqual(4096);
    expect(visible.join("\n")).toBe(long);
    expect(parts.map((p) => !!p.reply_markup)).toEqual([false, false, true]);
  });

  it("a sticker gets a hint; an edited message is ignored; a pasted document gets a short reply", async () => {
    const { bot, sent } = recordingBot();
    await bot.handleUpdate(messageUpdate(staffChat, STAFF_USER, { sticker: { file_id: "S", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }));
    expect(sent().at(-1)?.payload.text).toMatch(/chỉ đọc được tin nhắn chữ/);
    const edited = textUpdate(staffChat, STAFF_USER, "hạn báo cáo?") as any;
    await bot.handleUpdate({ update_id: edited.update_id, edited_message: { ...edited.message, edit_date: 1709254900 } });
    expect(sent()).toHaveLength(1);
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "x".repeat(3000)));
    expect(sent().at(-1)?.payload.text).toMatch(/Tin nhắn dài quá \(3000 ký tự\)/);
  });
});

describe("group chat", () => {
  it("answers /hoi (quoting it), a mention and a reply to the bot — and nothing else", async () => {
    const { bot, sent } = recordingBot();
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "Chào cả nhà, chiều nay họp nhé"));
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "hạn báo cáo quý 3?", { reply_to_message: { message_id: 3, date: 1, chat: GROUP_CHAT, from: ADMIN_USER, text: "x" } }));
    await bot.handleUpdate(messageUpdate(GROUP_CHAT, STAFF_USER, { photo: [{ file_id: "P", file_unique_id: "p", width: 9, height: 9 }] }));
    expect(sent()).toEqual([]);

    const q = textUpdate(GROUP_CHAT, STAFF_USER, "/hoi hạn báo cáo quý 3?") as any;
    await bot.handleUpdate(q);
    expect(sent()).toHaveLength(1);
    expect(sent()[0].payload.reply_parameters).toEqual({ message_id: q.message.message_id, allow_sending_without_reply: true });

    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "@tro_ly_test_bot ai chủ trì rà soát văn bản?"));
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "còn báo cáo năm?", { reply_to_message: botMessage(GROUP_CHAT) }));
    expect(sent()).toHaveLength(3);
  });

  it("ignores commands addressed to another bot", async () => {
    const { bot, sent } = recordingBot();
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/help@other_bot"));
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/help@tro_ly_test_bot"));
    expect(sent()).toHaveLength(1);
    expect(sent()[0].payload.text).toMatch(/Trong nhóm, tôi trả lời/);
  });

  it("/dangky by an admin binds; by a staff member is refused and changes nothing", async () => {
    const { bot, deps, sent } = recordingBot();
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/dangky Văn phòng Sở LĐTBXH Quảng Trị"));
    expect(sent().at(-1)?.payload.text).toMatch(/chỉ quản trị viên/);
    expect(deps.store.state.bindings).toEqual([]);
    await bot.handleUpdate(textUpdate(GROUP_CHAT, ADMIN_USER, "/dangky@tro_ly_test_bot Văn phòng Sở LĐTBXH Quảng Trị"));
    expect(sent().at(-1)?.payload.text).toMatch(/✅ Đã gắn nhóm này/);
    expect(deps.store.state.bindings).toMatchObject([{ channel: "telegram", chatId: "-100500", unitId: "quang-tri/so-ldtbxh/van-phong-so", boundBy: "111" }]);
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/viec"));
    expect(sent().at(-1)?.payload.text).toMatch(/Nhiệm vụ của Văn phòng Sở — Sở LĐTBXH Quảng Trị/);
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/han 2024"));
    expect(sent().at(-1)?.payload.text).toMatch(/Các hạn trong năm 2024 — Văn phòng Sở \(Sở LĐTBXH Quảng Trị\)/);
    await bot.handleUpdate(textUpdate(GROUP_CHAT, ADMIN_USER, "/unregister"));
    expect(deps.store.state.bindings).toEqual([]);
  });

  it("an ambiguous /dangky shows buttons; the admin's tap edits the message and binds", async () => {
    const { bot, deps, sent, calls } = recordingBot();
    await bot.handleUpdate(textUpdate(GROUP_CHAT, ADMIN_USER, "/register Văn phòng"));
    const keyboard = sent().at(-1)?.payload.reply_markup.inline_keyboard;
    expect(keyboard.flat().map((b: any) => b.text)).toEqual(["Văn phòng Sở — Sở LĐTBXH Quảng Trị", "Văn phòng Sở — Sở GTVT Sơn La", "✖ Huỷ"]);

    await bot.handleUpdate(pressUpdate(GROUP_CHAT, STAFF_USER, keyboard[1][0].callback_data));
    expect(calls.at(-1)).toMatchObject({ method: "answerCallbackQuery", payload: { text: expect.stringMatching(/quản trị viên/) } });
    expect(deps.store.state.bindings).toEqual([]);

    await bot.handleUpdate(pressUpdate(GROUP_CHAT, ADMIN_USER, keyboard[1][0].callback_data));
    const edit = calls.find((c) => c.method === "editMessageText");
    expect(edit?.payload).toMatchObject({ chat_id: -100500, message_id: 42, parse_mode: "HTML", reply_markup: { inline_keyboard: [] } });
    expect(edit?.payload.text).toMatch(/Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở GTVT Sơn La/);
    expect(deps.store.state.bindings[0].unitId).toBe("son-la/so-gtvt/van-phong-so");
  });

  it("a group upgraded to a supergroup keeps its binding under the new id", async () => {
    const { bot, deps } = recordingBot();
    const small = { id: -500, type: "group" as const, title: "Thanh tra" };
    await bot.handleUpdate(textUpdate(small, ADMIN_USER, "/dangky Thanh tra Quảng Trị"));
    await bot.handleUpdate(messageUpdate(small, ADMIN_USER, { migrate_to_chat_id: -1009999 }));
    expect(deps.store.state.bindings).toMatchObject([{ chatId: "-1009999", unitId: "quang-tri/so-ldtbxh/thanh-tra" }]);
  });

  it("greets when added to a group", async () => {
    const { bot, sent } = recordingBot();
    await bot.handleUpdate({
      update_id: 99,
      my_chat_member: {
        chat: GROUP_CHAT,
        from: ADMIN_USER,
        date: 1,
        old_chat_member: { status: "left", user: { id: 123456, is_bot: true, first_name: "Bot" } },
        new_chat_member: { status: "member", user: { id: 123456, is_bot: true, first_name: "Bot" } },
      },
    } as any);
    expect(sent()[0].payload).toMatchObject({ chat_id: -100500, text: GROUP_WELCOME });
  });
});

describe("📄 Nguồn", () => {
  it("a tap replies with the cited passage, quoting the answer", async () => {
    const { bot, sent, calls } = recordingBot();
    await bot.handleUpdate(pressUpdate(staffChat, STAFF_USER, "src:quang-tri-ldtbxh-2024:186"));
    expect(calls[0]).toMatchObject({ method: "answerCallbackQuery", payload: { text: "📄 Nguồn" } });
    // the heading bold, the passage in an expandable blockquote (collapsed until tapped)
    expect(sent()[0].payload.text).toMatch(/^<b>📄 Sở LĐTBXH Quảng Trị — tệp quang-tri_so-ldtbxh_cchc-2024\.txt, dòng 186:<\/b>\n\n<blockquote expandable>/);
    expect(sent()[0].payload.text).toMatch(/<\/blockquote>$/);
    expect(sent()[0].payload.text).toContain("▶ 2 | Rà soát văn bản QPPL | Ban hành kế hoạch rà soát văn bản QPPL");
    expect(sent()[0].payload.reply_parameters.message_id).toBe(42);
  });
});

describe("robustness", () => {
  it("a failed send is logged and the next update is still answered", async () => {
    const { bot, sent, logs } = recordingBot({ failFirst: "sendMessage" });
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "/help"));
    expect(logs.some((l) => l.level === "error" && /sending a reply/.test(l.msg))).toBe(true);
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "/help"));
    expect(sent()).toHaveLength(2);
  });

  it("an error inside a feature is caught by the boundary, the bot runs on", async () => {
    const { bot, logs, sent } = recordingBot({ failFirst: "answerCallbackQuery" });
    await expect(bot.handleUpdate(pressUpdate(staffChat, STAFF_USER, "src:quang-tri-ldtbxh-2024:186"))).resolves.toBeUndefined();
    expect(logs.some((l) => l.level === "error" && /update \d+ failed/.test(l.msg))).toBe(true);
    await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "/start"));
    expect(sent().at(-1)?.payload.text).toMatch(/Xin chào/);
  });

  it("a user who floods is told once to slow down and the excess is dropped", async () => {
    const { bot, sent } = recordingBot({ rateLimit: { limit: 3, timeFrameMs: 60_000 } });
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate(staffChat, STAFF_USER, "/help"));
    const texts = sent().map((c) => c.payload.text);
    expect(texts.filter((t) => /Các lệnh/.test(t))).toHaveLength(3);
    expect(texts.filter((t) => t === SLOW_DOWN)).toHaveLength(1);
    // another user is not affected
    await bot.handleUpdate(textUpdate(privateChat(ADMIN_USER), ADMIN_USER, "/help"));
    expect(sent(111)).toHaveLength(1);
  });

  it("group chatter not addressed to the bot does not count against the limit", async () => {
    const { bot, sent } = recordingBot({ rateLimit: { limit: 2, timeFrameMs: 60_000 } });
    for (let i = 0; i < 5; i++) await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, `tin nhắn ${i}`));
    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/help"));
    expect(sent().map((c) => c.payload.text)).toEqual([expect.stringMatching(/^Các lệnh/)]);
  });
});
