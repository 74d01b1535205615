// Roles through Telegram: a super-admin makes a staff member an agency admin by replying to their
// message; /toi shows the Telegram id; a leader is refused /nhacviec with their id.
import { describe, expect, it } from "vitest";
import { ADMIN_USER, GROUP_CHAT, STAFF_USER, privateChat, recordingBot, textUpdate } from "../../helpers/bot-telegram.ts";

const LEADER_USER = { id: 444, is_bot: false, first_name: "Cường" };

describe("roles on Telegram", () => {
  it("a reply names the person; the new agency admin registers only their agency's group", async () => {
    const { bot, deps, sent } = recordingBot();
    const staffMessage = { message_id: 77, date: 1709254800, chat: GROUP_CHAT, from: STAFF_USER, text: "Em là Bình ở Văn phòng" };
    await bot.handleUpdate(textUpdate(GROUP_CHAT, ADMIN_USER, "/quantri them Sở LĐTBXH Quảng Trị", { reply_to_message: staffMessage }));
    expect(sent().at(-1)?.payload.text).toMatch(/✅ Bình \(telegram:222\) là quản trị cơ quan của Sở LĐTBXH Quảng Trị/);

    await bot.handleUpdate(textUpdate(privateChat(STAFF_USER), STAFF_USER, "/toi"));
    const me = sent(222).at(-1)?.payload.text;
    expect(me).toContain("Mã của bạn trên Telegram: 222");
    expect(me).toContain("• Quản trị cơ quan — Sở LĐTBXH Quảng Trị");

    await bot.handleUpdate(textUpdate(GROUP_CHAT, STAFF_USER, "/dangky Văn phòng"));
    expect(sent().at(-1)?.payload.text).toMatch(/^✅ Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở LĐTBXH Quảng Trị/);
    expect(deps.store.state.bindings).toMatchObject([{ chatId: "-100500", agencyId: "quang-tri/so-ldtbxh", boundBy: "222" }]);
  });

  it("a leader sees /tiendo and is refused /nhacviec, with the id to give IT", async () => {
    const { bot, deps, sent } = recordingBot({ now: "2024-03-01T08:00:00+07:00" });
    deps.runReminders = async () => "ran";
    await bot.handleUpdate(textUpdate(privateChat(ADMIN_USER), ADMIN_USER, `/quantri lanhdao ${LEADER_USER.id} Sơn La`));
    await bot.handleUpdate(textUpdate(privateChat(LEADER_USER), LEADER_USER, "/tiendo"));
    expect(sent(444).at(-1)?.payload.text).not.toMatch(/Xin lỗi/);
    await bot.handleUpdate(textUpdate(privateChat(LEADER_USER), LEADER_USER, "/nhacviec"));
    expect(sent(444).at(-1)?.payload.text).toMatch(/không cho phép chạy nhắc hạn\. Không có gì thay đổi\.\nMã của bạn trên Telegram: 444/);
    expect((await deps.audit!.list()).map((e) => `${e.action}/${e.outcome}`)).toEqual(["role-add/done", "run-jobs/refused"]);
  });
});
