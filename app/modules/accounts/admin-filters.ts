export const MEMBERSHIP_FILTERS = ["none", "pending", "approved", "declined"] as const;
export const ROLE_FILTERS = ["admin", "reviewer", "suspended"] as const;

export const MEMBERSHIP_LABELS: Record<(typeof MEMBERSHIP_FILTERS)[number], string> = {
  none: "Not a member (account only)",
  pending: "Waiting for a decision",
  approved: "Member",
  declined: "Declined",
};
export const ROLE_LABELS: Record<(typeof ROLE_FILTERS)[number], string> = {
  admin: "Admins",
  reviewer: "Reviewers on any panel",
  suspended: "Suspended",
};
