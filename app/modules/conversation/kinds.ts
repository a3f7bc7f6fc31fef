// What a notification can be about. Pure, so pages can use it without pulling the database schema
// into the browser; db/schema/conversation.ts builds its enum from it.
export const NOTIFICATION_KINDS = [
  "comment",
  "reply",
  "invitation",
  "idea_state",
  "phase_change",
  "project_update",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
