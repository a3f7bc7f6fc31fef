// The idea page's conversation forms, told apart by `intent`. Each intent parses its form with
// the shared schema and calls one use case; every failure keeps what was typed.
import { domainFailure, formFailure, formValues, parseForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formKeyOf } from "~/lib/form-submissions.server";
import type { Actor } from "~/modules/ideas/context.server";
import { commentLink, deleteComment, editComment, postComment } from "./comments.server";
import { setFollow } from "./follows.server";
import { reportComment } from "./moderation.server";
import { CommentIdSchema, EditCommentSchema, PostCommentSchema, ReportSchema } from "./validation";

export const CONVERSATION_INTENTS = [
  "comment",
  "reply",
  "edit-comment",
  "delete-comment",
  "report",
  "follow",
  "unfollow",
];

/** `updateId` when the forms sit under a project update: new comments then belong to that update. */
export async function conversationAction(
  actor: Actor,
  idea: { id: string },
  path: string,
  form: FormData,
  updateId: string | null = null,
) {
  const intent = String(form.get("intent"));
  const values = formValues(form);
  try {
    if (intent === "comment" || intent === "reply") {
      const parsed = parseForm(PostCommentSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      if (intent === "reply" && !parsed.data.parentId)
        return formFailure({ body: "Choose a comment to reply to." }, values);
      const comment = await postComment(actor, {
        ideaId: idea.id,
        body: parsed.data.body,
        parentId: intent === "reply" ? parsed.data.parentId : undefined,
        updateId,
        formKey: formKeyOf(form),
      });
      return redirectWithFlash(
        commentLink(path, comment.id),
        intent === "reply" ? "Your reply is posted." : "Your comment is posted.",
      );
    }
    if (intent === "edit-comment") {
      const parsed = parseForm(EditCommentSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      await editComment(actor, { ideaId: idea.id, ...parsed.data });
      return redirectWithFlash(commentLink(path, parsed.data.commentId), "Your comment is updated.");
    }
    if (intent === "delete-comment") {
      const parsed = parseForm(CommentIdSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      await deleteComment(actor, { ideaId: idea.id, commentId: parsed.data.commentId });
      return redirectWithFlash(commentLink(path, parsed.data.commentId), "Your comment is deleted.");
    }
    if (intent === "report") {
      const parsed = parseForm(ReportSchema, form);
      if (!parsed.ok) return formFailure(parsed.errors, values);
      await reportComment(actor, parsed.data);
      return redirectWithFlash(`${path}#comments`, "Thank you. A moderator will look at the comment.");
    }
    if (intent === "follow" || intent === "unfollow") {
      await setFollow(actor, { ideaId: idea.id, follow: intent === "follow" });
      return redirectWithFlash(
        path,
        intent === "follow"
          ? "You follow this idea: we will tell you about new comments."
          : "You no longer follow this idea.",
      );
    }
  } catch (error) {
    return domainFailure(error, values);
  }
  return null;
}
