import { describe, expect, it } from "vitest";
import { createCore, createKnowledgeRef, defaultFeatures, isAdmin, parseCommand, type CoreFeature } from "../../../bot/core/index.ts";
import { fallbackFeature } from "../../../bot/core/fallback.ts";
import { ADMIN, STAFF, groupMsg, press, privateMsg, testCore, testDeps } from "../../helpers/bot-core.ts";
import { botKnowledge } from "../../helpers/bot-knowledge.ts";

describe("parseCommand", () => {
  it("reads the name, drops the bot's @username, keeps the arguments", () => {
    expect(parseCommand("/dangky@tro_ly_bot Văn phòng")).toEqual({ name: "dangky", args: "Văn phòng" });
    expect(parseCommand("/HELP")).toEqual({ name: "help", args: "" });
    expect(parseCommand("  /han   quý III/2024 ")).toEqual({ name: "han", args: "quý III/2024" });
    expect(parseCommand("/hoi dòng 1\ndòng 2")).toEqual({ name: "hoi", args: "dòng 1\ndòng 2" });
  });
  it("accepts a command typed with Vietnamese diacritics", () => {
    expect(parseCommand("/hỏi hạn báo cáo")).toEqual({ name: "hoi", args: "hạn báo cáo" });
    expect(parseCommand("/đăngký Thanh tra")).toEqual({ name: "dangky", args: "Thanh tra" });
  });
  it("is null for text that is not a command", () => {
    expect(parseCommand("hạn báo cáo quý 3?")).toBeNull();
    expect(parseCommand("1/2 số hồ sơ")).toBeNull();
    expect(parseCommand("/")).toBeNull();
  });
});

describe("isAdmin", () => {
  it("matches a bare id on any channel and a prefixed id only on its channel", () => {
    const { deps } = testDeps({ adminIds: ["111", "zalo:abc"] });
    expect(isAdmin(deps, "telegram", "111")).toBe(true);
    expect(isAdmin(deps, "zalo", "111")).toBe(true);
    expect(isAdmin(deps, "zalo", "abc")).toBe(true);
    expect(isAdmin(deps, "telegram", "abc")).toBe(false);
    expect(isAdmin(deps, "telegram", "222")).toBe(false);
  });
  it("treats the console user as the owner of the process", () => {
    const { deps } = testDeps({ adminIds: [] });
    expect(isAdmin(deps, "console", "console")).toBe(true);
  });
});

describe("createCore", () => {
  it("lists every command of the default features with its aliases", () => {
    const { core } = testCore();
    const names = core.commands.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["start", "help", "hoi", "han", "viec", "dangky", "huydangky", "tiendo"]));
    const aliases = core.commands.flatMap((c) => c.aliases);
    expect(aliases).toEqual(expect.arrayContaining(["trogiup", "ask", "deadlines", "tasks", "register", "unregister", "status"]));
  });

  it("answers with the first feature that takes the message", async () => {
    const calls: string[] = [];
    const f = (name: string, takes: boolean): CoreFeature => ({
      name,
      async onMessage() {
        calls.push(name);
        return takes ? [{ text: name }] : null;
      },
    });
    const { deps } = testDeps();
    const core = createCore(deps, [f("a", false), f("b", true), f("c", true)]);
    expect(await core.handleMessage(privateMsg("x"))).toEqual([{ text: "b" }]);
    expect(calls).toEqual(["a", "b"]);
  });

  it("turns a failing feature into a polite reply and a log line, and keeps working", async () => {
    const boom: CoreFeature = {
      name: "boom",
      async onMessage(msg) {
        if (msg.text === "boom") throw new Error("kaput");
        return null;
      },
    };
    const { deps, logs } = testDeps();
    const core = createCore(deps, [boom, ...defaultFeatures]);
    const [reply] = await core.handleMessage(privateMsg("boom"));
    expect(reply.text).toMatch(/Xin lỗi, tôi gặp lỗi/);
    expect(logs.some((l) => l.level === "error" && /boom/.test(l.msg))).toBe(true);
    expect((await core.handleMessage(privateMsg("/help")))[0].text).toMatch(/Các lệnh/);
  });

  it("says a button is no longer valid when no feature knows its prefix", async () => {
    const { core } = testCore();
    const result = await core.handlePress(press("zzz:1"));
    expect(result.toast).toMatch(/không còn dùng được/);
    expect(result.replies).toEqual([]);
  });

  it("sees deps changed after it was built (main sets runReminders later)", async () => {
    const { deps } = testDeps();
    const seen: unknown[] = [];
    const probe: CoreFeature = { name: "probe", onMessage: async (_m, d) => (seen.push(d.runReminders), [{ text: "ok" }]) };
    const core = createCore(deps, [probe]);
    const run = async () => "done";
    deps.runReminders = run;
    await core.handleMessage(privateMsg("x"));
    expect(seen).toEqual([run]);
  });
});

describe("help and start", () => {
  it("/help lists the commands with aliases and marks the admin ones", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/trogiup", STAFF));
    expect(reply.text).toContain("/hoi (/ask)");
    expect(reply.text).toContain("/han (/deadlines)");
    expect(reply.text).toMatch(/\/dangky \(\/register\) — .*quản trị viên/);
  });
  it("/start greets, names the loaded plans and gives example questions", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/start", STAFF, { userName: "Lan" }));
    expect(reply.text).toContain("Xin chào Lan");
    expect(reply.text).toContain("Sở LĐTBXH Quảng Trị");
    expect(reply.text).toContain("Báo cáo quý I gửi trước ngày nào?");
  });
  it("/start in a group says whether the group is registered", async () => {
    const { core } = testCore();
    expect((await core.handleMessage(groupMsg("/start", STAFF)))[0].text).toMatch(/chưa gắn với đơn vị nào/);
    await core.handleMessage(groupMsg("/dangky Văn phòng Sở LĐTBXH Quảng Trị", ADMIN));
    expect((await core.handleMessage(groupMsg("/start", STAFF)))[0].text).toContain("nhóm của Văn phòng Sở — Sở LĐTBXH Quảng Trị");
  });
});

describe("createKnowledgeRef", () => {
  it("replaces the knowledge and its index together", () => {
    const ref = createKnowledgeRef(botKnowledge());
    const next = { ...botKnowledge(), plans: [] };
    ref.replace(next);
    expect(ref.knowledge).toBe(next);
    expect(ref.index.knowledge).toBe(next);
  });
});

describe("fallback", () => {
  it("answers an unknown command with a pointer to /help", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/xyz"));
    expect(reply.text).toMatch(/chưa biết lệnh \/xyz.*\/help/);
  });
  it("gives a hint for a sticker in a private chat and stays silent in a group", async () => {
    const { core } = testCore();
    expect((await core.handleMessage(privateMsg("")))[0].text).toMatch(/chỉ đọc được tin nhắn chữ/);
    expect(await core.handleMessage(groupMsg("", STAFF))).toEqual([]);
  });
  it("says what it does not do with a file nobody took", async () => {
    const { core } = testCore({}, [fallbackFeature]);
    const [reply] = await core.handleMessage(privateMsg("", STAFF, { file: { fileId: "F", name: "anh.jpg" } }));
    expect(reply.text).toContain("anh.jpg");
  });
});
