// The store contract against the embedded adapters: memory and the lowdb file (a temp folder).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryStore, openStore, type Store } from "../../data/store.ts";
import { storeContract } from "./store-contract.ts";

storeContract("memory", { fresh: async () => memoryStore() });

const files = new WeakMap<Store, string>();
storeContract("lowdb file", {
  async fresh() {
    const file = join(mkdtempSync(join(tmpdir(), "store-contract-")), "db.json");
    const store = await openStore(file);
    files.set(store, file);
    return store;
  },
  async reopen(store) {
    const file = files.get(store)!;
    await store.close?.();
    const again = await openStore(file);
    files.set(again, file);
    return again;
  },
});
