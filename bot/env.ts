// The one way every entry point (bot, ingest, ask, remind, bench, demo) reads its settings: `.env`
// (if present) under the real environment, then the zod schema of config.ts. Variables already set
// in the environment win over the file, as with process.loadEnvFile.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ConfigError, parseConfig, type Config } from "./config.ts";

export { ConfigError };

/** `env` with the file's variables added where `env` has none. */
export function withEnvFile(env: Record<string, string | undefined>, envFile = ".env"): Record<string, string | undefined> {
  if (!existsSync(envFile)) return env;
  const fromFile = parseEnv(readFileSync(envFile, "utf8")) as Record<string, string>;
  return { ...fromFile, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) };
}

/** Reads `.env` and validates; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, envFile = ".env"): Config {
  return parseConfig(withEnvFile(env, envFile));
}

/** For the command-line tools: the config, or the one-sentence Vietnamese error and exit code 2. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
