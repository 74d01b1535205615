// Versioned SQL migrations of the PostgreSQL store, applied in order at start (one replica at a time,
// under an advisory lock). Never edit a released one: add the next version.
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: "state rows and the outbox",
    sql: `
      -- every write takes the next number, so a replica reads only what changed since it last looked
      CREATE SEQUENCE state_version;
      CREATE SEQUENCE state_order;
      -- the outbox, keyed by its natural id (occurrence|unit|stage|chat): a second plan of it is a no-op
      CREATE TABLE outbox (
        id text PRIMARY KEY,
        status text NOT NULL,
        channel text NOT NULL,
        chat_id text NOT NULL,
        data json NOT NULL,
        ord bigint NOT NULL DEFAULT nextval('state_order'),
        version bigint NOT NULL DEFAULT nextval('state_version')
      );
      CREATE INDEX outbox_pending ON outbox (channel, chat_id) WHERE status = 'pending';
      CREATE INDEX outbox_version ON outbox (version);
      -- every other collection of the state (bindings, submissions, sent messages, snoozes, escalations,
      -- pending conversations, roles, job runs, and collections later versions add), one row per entry;
      -- data NULL marks a removed entry until it is cleaned up; json (not jsonb) keeps each entry exactly as written
      CREATE TABLE state_rows (
        collection text NOT NULL,
        key text NOT NULL,
        data json,
        ord bigint NOT NULL DEFAULT nextval('state_order'),
        version bigint NOT NULL DEFAULT nextval('state_version'),
        PRIMARY KEY (collection, key)
      );
      CREATE INDEX state_rows_version ON state_rows (version);
    `,
  },
];
