// The reminders' core features, mounted in bot/core/index.ts › defaultFeatures.
export { confirmationFeature } from "./confirm.ts";
export { reminderStatusFeature } from "./status.ts";
export { remindNowFeature } from "./remind-now.ts";
