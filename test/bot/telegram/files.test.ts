// Downloading a sent document from the Bot API (getFile + /file/bot<token>/<path>) on a fake server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { createTelegramDownloader, FileDownloadError } from "../../../bot/telegram/files.ts";
import { startFakeTelegram, type FakeTelegram } from "../../helpers/fake-telegram.ts";

let tg: FakeTelegram;
beforeEach(async () => {
  tg = await startFakeTelegram();
});
afterEach(async () => {
  await tg.close();
});

const downloader = (maxBytes?: number) =>
  createTelegramDownloader({ api: new Api(tg.token, { apiRoot: tg.apiRoot }), token: tg.token, apiRoot: tg.apiRoot, maxBytes });

describe("createTelegramDownloader", () => {
  it("fetches the bytes of a document, whatever its name", async () => {
    const bytes = new TextEncoder().encode("Kế hoạch cải cách hành chính năm 2025");
    tg.addFile("DOC1", bytes, "Kế hoạch CCHC #1 (2025).txt");
    expect(await downloader()("DOC1")).toEqual(bytes);
    expect(tg.calls.map((c) => c.method)).toEqual(["getFile"]);
  });

  it("refuses a file over the limit before downloading it", async () => {
    tg.addFile("BIG", new Uint8Array(2048), "lon.pdf");
    const e = await downloader(1024)("BIG").catch((x) => x);
    expect(e).toBeInstanceOf(FileDownloadError);
    expect(e.reason).toBe("too-large");
    expect(e.message).toContain("MB");
  });

  it("reports an unknown file id as a failed download", async () => {
    const e = await downloader()("NOPE").catch((x) => x);
    expect(e).toBeInstanceOf(FileDownloadError);
    expect(e.reason).toBe("failed");
    expect(e.message).toBe("Không lấy được tệp từ Telegram.");
  });
});
