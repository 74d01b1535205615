// A replayed Telegram update (same update_id: a webhook retried, a poll repeated after a restart)
// is answered once — also when the bot restarted in between (the ids are kept in the state file).
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../../data/store.ts";
import { STAFF_USER, privateChat, recordingBot, textUpdate } from "../../helpers/bot-telegram.ts";

describe("update dedupe", () => {
  it("the same update_id is answered once, across a restart", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "dedupe-")), "db.json");
    const update = textUpdate(privateChat(STAFF_USER), STAFF_USER, "/help");

    const first = recordingBot();
    first.deps.store = await openStore(file);
    await first.bot.handleUpdate(update);
    await first.bot.handleUpdate(structuredClone(update)); // a webhook retry
    expect(first.sent()).toHaveLength(1);
    await first.deps.store.update(() => undefined); // the batched write of seen ids has landed

    const restarted = recordingBot();
    restarted.deps.store = await openStore(file);
    await restarted.bot.handleUpdate(structuredClone(update));
    expect(restarted.sent()).toHaveLength(0);
    await restarted.bot.handleUpdate(textUpdate(privateChat(STAFF_USER), STAFF_USER, "/help"));
    expect(restarted.sent()).toHaveLength(1);
  });
});
