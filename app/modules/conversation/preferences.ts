// What each kind of notification does by email unless the person has chosen otherwise.
import type { DeliveryPreference, NotificationKind } from "../../../db/schema/conversation";

export const KIND_LABELS: Record<NotificationKind, string> = {
  comment: "New comments on ideas you follow",
  reply: "Replies to your comments",
  invitation: "Invitations to join an idea's team",
  idea_state: "Changes to the state of your ideas",
  phase_change: "Phase changes in rounds you take part in",
};

export const DEFAULT_DELIVERY: Record<NotificationKind, DeliveryPreference> = {
  comment: "digest",
  reply: "immediate",
  invitation: "immediate",
  idea_state: "immediate",
  phase_change: "digest",
};

export const DELIVERY_LABELS: Record<DeliveryPreference, string> = {
  immediate: "Email at once",
  digest: "Daily digest",
  off: "No email",
};
