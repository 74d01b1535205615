// A throw-away PostgreSQL cluster for the tests: Debian's server (/usr/lib/postgresql/<v>/bin),
// initdb in a temp folder, on 127.0.0.1 with a free port, as the non-root user `postgres` when the
// tests run as root (the server refuses root). Started once per run (test/global-setup.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  stop(): void;
}

/** The server's binaries: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function postgresBin(): string {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error("PostgreSQL server not found (/usr/lib/postgresql/<v>/bin/initdb): apt-get install -y postgresql, or set PG_BIN");
  return join(root, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startTestCluster(): Promise<TestCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "pg-test-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    return asRoot ? execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe" }) : execFileSync(full, args, { stdio: "pipe" });
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      // fsync off: a test cluster need not survive a power cut
      run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "30", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, "start"]);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        stop() {
          try {
            run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
          } catch {
            // already gone
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      if (attempt >= 2) throw new Error(`PostgreSQL did not start: ${e instanceof Error ? e.message : String(e)}\n${spawnSync("cat", [join(dir, "log")]).stdout}`);
    }
  }
}
