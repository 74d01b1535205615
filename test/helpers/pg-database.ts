// A fresh database on the run's test cluster, for one test file or one test.
import pg from "pg";
import { inject } from "vitest";

let n = 0;
export async function freshDatabase(prefix = "t"): Promise<string> {
  const base = inject("postgresUrl");
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++n}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return base.replace(/\/postgres$/, `/${name}`);
}
