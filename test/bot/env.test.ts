// Every entry point reads settings the same way: .env under the environment, validated by config.ts.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../../bot/env.ts";
import { UsageError, parseCli } from "../../bot/cli.ts";

const envFile = (text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), "env-")), ".env");
  writeFileSync(f, text);
  return f;
};

describe("loadConfig", () => {
  it("reads .env, and a variable set in the environment wins over the file", () => {
    const f = envFile("DB_FILE=/srv/tro-ly/db.json\nPLANS_DIR=/srv/tro-ly/plans\n# comment\nTZ=Asia/Bangkok\n");
    const c = loadConfig({ TZ: "Asia/Ho_Chi_Minh" }, f);
    expect(c.dbFile).toBe("/srv/tro-ly/db.json");
    expect(c.plansDir).toBe("/srv/tro-ly/plans");
    expect(c.tz).toBe("Asia/Ho_Chi_Minh");
  });

  it("no .env: the defaults", () => {
    expect(loadConfig({}, "/nonexistent/.env").dbFile).toBe("data/db.json");
  });

  it("a bad value in .env is refused naming the variable, as the bot does", () => {
    const f = envFile("PORT=tám nghìn\n");
    expect(() => loadConfig({}, f)).toThrow(ConfigError);
    expect(() => loadConfig({}, f)).toThrow(/PORT/);
  });
});

describe("parseCli", () => {
  const options = { now: { type: "string" }, json: { type: "boolean" } } as const;
  const error = (argv: string[]) => {
    try {
      parseCli(argv, options, "Cách dùng: …");
    } catch (e) {
      return (e as UsageError).text;
    }
    return null;
  };
  it("says in Vietnamese what is wrong with the arguments, then the usage", () => {
    expect(error(["--bogus"])).toBe("Không hiểu tuỳ chọn --bogus.\nCách dùng: …");
    expect(error(["--now"])).toMatch(/^Thiếu giá trị sau --now\./);
    expect(error(["--json=1"])).toMatch(/^Tuỳ chọn --json không nhận giá trị\./);
    expect(error(["thừa"])).toMatch(/^Không hiểu tham số «thừa»\./);
    expect(error(["--help"])).toBe("Cách dùng: …");
    expect(parseCli(["--now=2024-01-01", "--json"], options, "").values).toEqual({ now: "2024-01-01", json: true });
  });
});
