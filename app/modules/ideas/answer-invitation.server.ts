// The accept/decline form, shared by /me/ideas and /invitations/:token.
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, parseForm } from "~/lib/forms.server";
import type { SessionUser } from "~/modules/accounts/sessions.server";
import { respondToInvitation } from "./respond-to-invitation.server";
import { InvitationChoiceSchema } from "./validation.server";

export async function answerInvitation(user: SessionUser, form: FormData, back: string) {
  const intent = form.get("intent");
  const parsed = parseForm(InvitationChoiceSchema, form);
  if (!parsed.ok || (intent !== "accept" && intent !== "decline"))
    return formFailure({ form: "Choose an invitation to answer." }, {});
  try {
    const answer = await respondToInvitation(user, {
      invitationId: parsed.data.invitationId,
      accept: intent === "accept",
    });
    if (!answer.accepted)
      return redirectWithFlash(back, `You have declined the invitation to join the team for “${answer.title}”.`);
    return redirectWithFlash(answer.path, `You have joined the team for “${answer.title}”.`);
  } catch (error) {
    return domainFailure(error, {});
  }
}
