import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/submit-button";

/** Accept and decline buttons for one invitation. */
export function InvitationAnswer({ invitationId, ideaTitle }: { invitationId: string; ideaTitle: string }) {
  return (
    <Form method="post" className="button-group">
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton name="intent" value="accept" pendingText="Joining…">
        Join the team<span className="visually-hidden"> for {ideaTitle}</span>
      </SubmitButton>
      <SubmitButton name="intent" value="decline" variant="secondary" pendingText="Declining…">
        Decline<span className="visually-hidden"> the invitation for {ideaTitle}</span>
      </SubmitButton>
    </Form>
  );
}
