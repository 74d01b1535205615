// An unknown command gets the nearest known one: "bạn muốn gõ /han?"
import { describe, expect, it } from "vitest";
import { testCore, privateMsg } from "../../helpers/bot-core.ts";
import { nearestCommand } from "../../../bot/core/suggest-command.ts";

describe("unknown commands", () => {
  it("a slip of one or two letters, a swap, or a cut-short word suggests the command", async () => {
    const { core } = testCore();
    const reply = async (t: string) => (await core.handleMessage(privateMsg(t)))[0].text;
    expect(await reply("/hna quý III")).toMatch(/^Tôi chưa biết lệnh \/hna\. Bạn muốn gõ \/han\?/);
    expect(await reply("/dangki Văn phòng")).toMatch(/Bạn muốn gõ \/dangky\?/);
    expect(await reply("/tiendoo")).toMatch(/Bạn muốn gõ \/tiendo\?/);
    expect(await reply("/stat")).toMatch(/Bạn muốn gõ \/tiendo\?/); // an English alias cut short
    expect(await reply("/xyzabc")).not.toMatch(/Bạn muốn gõ/);
  });

  it("nothing is suggested for one letter or a far word", () => {
    const { core } = testCore();
    expect(nearestCommand("h", core.commands)).toBeNull();
    expect(nearestCommand("abc", core.commands)).toBeNull();
  });
});
