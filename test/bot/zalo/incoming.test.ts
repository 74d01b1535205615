import { beforeEach, describe, expect, it } from "vitest";
import { stripMention, toIncoming, withQuotedReminder } from "../../../bot/zalo/incoming.ts";
import { memoryStore, type Store } from "../../../data/store.ts";
import { textUpdate } from "../../helpers/fake-zalo.ts";

let store: Store;
beforeEach(() => {
  store = memoryStore();
});

describe("toIncoming", () => {
  it("maps a group text update: group chat, always addressed, mention dropped", () => {
    const msg = toIncoming(
      textUpdate({ text: "@Trợ lý Kế hoạch /dangky Văn phòng", chatId: "g1", userId: "u7", name: "Lê Thị B", group: true, messageId: "m1", date: Date.UTC(2024, 8, 20) }),
      ["Trợ lý Kế hoạch"],
    );
    expect(msg).toEqual({
      channel: "zalo",
      chatId: "g1",
      chatType: "group",
      userId: "u7",
      userName: "Lê Thị B",
      messageId: "m1",
      addressed: true,
      text: "/dangky Văn phòng",
      date: "2024-09-20T00:00:00.000Z",
    });
  });

  it("maps an image to file evidence with its caption as text", () => {
    const msg = toIncoming({
      event_name: "message.image.received",
      message: {
        message_id: "m2",
        date: 1,
        caption: "đã nộp AB12",
        photo_url: "https://zalo.example/p.jpg",
        chat: { id: "g1", chat_type: "GROUP" },
        from: { id: "u1", first_name: "An" },
      },
    });
    expect(msg?.text).toBe("đã nộp AB12");
    expect(msg?.file).toEqual({ fileId: "https://zalo.example/p.jpg", name: "anh-m2.jpg", mimeType: "image/jpeg" });
    expect(msg?.userName).toBe("An");
  });

  it("in a private chat a photo is not a document: only its caption counts", () => {
    const photo = (caption?: string) => ({
      event_name: "message.image.received",
      message: { message_id: "m4", date: 1, caption, photo_url: "https://zalo.example/p.jpg", chat: { id: "u1", chat_type: "PRIVATE" }, from: { id: "u1" } },
    });
    expect(toIncoming(photo("hạn báo cáo quý III?"))).toMatchObject({ text: "hạn báo cáo quý III?", chatType: "private" });
    expect(toIncoming(photo("x"))?.file).toBeUndefined();
    expect(toIncoming(photo())).toBeNull();
  });

  it("returns null for stickers and unsupported messages", () => {
    const base = { message_id: "m3", date: 1, chat: { id: "u1", chat_type: "PRIVATE" }, from: { id: "u1" } };
    expect(toIncoming({ event_name: "message.sticker.received", message: { ...base, sticker: "abc" } })).toBeNull();
    expect(toIncoming({ event_name: "message.unsupported.received", message: base })).toBeNull();
  });

  it("drops a mention of unknown length only before a command or a confirmation", () => {
    expect(stripMention("@Bot CCHC /han quý III")).toBe("/han quý III");
    expect(stripMention("@Trợ lý Kế hoạch đã nộp AB12")).toBe("đã nộp AB12");
    expect(stripMention("@Tro ly Da nop AB12")).toBe("Da nop AB12");
    expect(stripMention("@Bot CCHC hạn báo cáo?")).toBe("@Bot CCHC hạn báo cáo?");
    expect(stripMention("@Bot xongxuôi")).toBe("@Bot xongxuôi");
  });
});

describe("withQuotedReminder", () => {
  it("treats a group message as quoting the latest reminder sent to that group", async () => {
    const at = "2024-09-11T01:00:00Z";
    await store.update((s) => {
      s.sentMessages.push(
        { channel: "zalo", chatId: "g1", messageId: "r1", codes: ["AAAA"], at },
        { channel: "telegram", chatId: "g1", messageId: "t9", codes: ["BBBB"], at },
        { channel: "zalo", chatId: "g1", messageId: "r2", codes: ["CCCC"], at },
        { channel: "zalo", chatId: "g2", messageId: "r3", codes: ["DDDD"], at },
      );
    });
    const msg = toIncoming(textUpdate({ text: "đã nộp", chatId: "g1", group: true }))!;
    expect(withQuotedReminder(msg, store).replyTo).toEqual({ messageId: "r2", text: "", fromBot: true });
    // not for commands, private chats, or a group that got no reminder
    expect(withQuotedReminder({ ...msg, text: "/tiendo" }, store).replyTo).toBeUndefined();
    expect(withQuotedReminder({ ...msg, chatType: "private" }, store).replyTo).toBeUndefined();
    expect(withQuotedReminder({ ...msg, chatId: "g9" }, store).replyTo).toBeUndefined();
  });
});
