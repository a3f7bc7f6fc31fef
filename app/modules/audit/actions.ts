// Audit actions in words, for the audit log page. An action not listed here (a feature added
// later) is shown by its code with dots and underscores as spaces, so nothing is ever hidden.
export const AUDIT_ACTIONS: Record<string, string> = {
  "account.deleted": "Deleted their account",
  "account.recovery_code_used": "Signed in with a recovery code",
  "account.recovery_codes_replaced": "Made new recovery codes",
  "account.two_factor_disabled": "Turned off two-step sign-in",
  "account.two_factor_enabled": "Turned on two-step sign-in",
  "admin.granted": "Made an admin",
  "admin.removed": "Removed as admin",
  "ballot.paper_recorded": "Entered a paper ballot",
  "comment.hide": "Hid a comment",
  "comment.restore": "Restored a comment",
  "delivery.milestones_edited": "Edited a project's milestones",
  "delivery.update_edited": "Edited a project update",
  "delivery.update_published": "Published a project update",
  "idea.team.hand_over_lead": "Handed over the lead of an idea",
  "idea.team.invite": "Invited someone to a team",
  "idea.team.join": "Joined a team",
  "idea.team.leave": "Left a team",
  "idea.team.remove": "Removed someone from a team",
  "idea.team.revoke_invitation": "Revoked a team invitation",
  "membership.approved": "Approved membership",
  "membership.approved_by_domain": "Membership approved by email domain",
  "membership.declined": "Declined membership",
  "membership_domain.added": "Added a membership domain",
  "membership_domain.removed": "Removed a membership domain",
  "panel.assigned": "Assigned reviewers to every proposal",
  "panel.assignment_added": "Assigned a reviewer",
  "panel.assignment_removed": "Unassigned a reviewer",
  "panel.chair_set": "Set the panel chair",
  "panel.conflict_declared": "Declared a conflict of interest",
  "panel.conflict_overridden": "Overrode an organisation conflict",
  "panel.review_submitted": "Submitted a panel review",
  "panel.reviewer_added": "Added a reviewer to the panel",
  "panel.reviewer_removed": "Removed a reviewer from the panel",
  "proposal.submit": "Submitted a proposal",
  "proposal.withdraw": "Withdrew a proposal",
  "results.line_overridden": "Overrode a result with a public reason",
  "results.override_undone": "Undid a result override",
  "results.published": "Published the results",
  "round.created": "Created a round",
  "round.data_exported": "Exported a round's data",
  "round.deadline_extended": "Extended a deadline",
  "round.deleted": "Deleted a round",
  "round.phase_changed": "Changed a round's phase",
  "round.updated": "Changed a round's settings",
  "settings.two_factor_requirement_changed": "Changed whether admins and reviewers need two-step sign-in",
  "shortlist.confirmed": "Confirmed the shortlist",
  "shortlist.published": "Published the shortlist",
  "user.restored": "Restored a suspended account",
  "user.suspended": "Suspended an account",
};

export function actionInWords(action: string): string {
  const known = AUDIT_ACTIONS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Details as "key: value" pairs; empty values left out, nested values as compact JSON. */
export function detailPairs(details: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => [
      key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase(),
      typeof value === "string" ? value : JSON.stringify(value),
    ]);
}
