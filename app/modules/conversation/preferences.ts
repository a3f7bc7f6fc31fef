// What each kind of notification does by email unless the person has chosen otherwise.
import type { DeliveryPreference, NotificationKind } from "../../../db/schema/conversation";

export const KIND_LABELS: Record<NotificationKind, string> = {
  comment: "New comments on ideas you follow",
  reply: "Replies to your comments",
  invitation: "Invitations to join an idea's team",
  idea_state: "Changes to the state of your ideas",
  phase_change: "Phase changes in rounds you take part in",
  project_update: "New updates from funded projects you follow",
};

export const DEFAULT_DELIVERY: Record<NotificationKind, DeliveryPreference> = {
  comment: "digest",
  reply: "immediate",
  invitation: "immediate",
  idea_state: "immediate",
  // "Voting is open" matters on the day: round news goes out at once unless people choose otherwise.
  phase_change: "immediate",
  // Teams post an update every month or two: rare enough to send at once.
  project_update: "immediate",
};

export const DELIVERY_LABELS: Record<DeliveryPreference, string> = {
  immediate: "Email at once",
  digest: "Daily digest",
  off: "No email",
};
