import { z } from "zod";
import { MAX_COMMENT_LENGTH } from "./rules";

const body = z
  .string()
  .trim()
  .min(1, "Write your comment.")
  .max(MAX_COMMENT_LENGTH, `Keep your comment under ${MAX_COMMENT_LENGTH} characters.`);

export const PostCommentSchema = z.object({
  body,
  parentId: z
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export const EditCommentSchema = z.object({ body, commentId: z.uuid() });
export const CommentIdSchema = z.object({ commentId: z.uuid() });
export const ReportSchema = z.object({
  commentId: z.uuid(),
  reason: z
    .string()
    .trim()
    .min(1, "Say why you are reporting this comment.")
    .max(500, "Keep the reason under 500 characters."),
});
export const ModerateSchema = z.object({
  commentId: z.uuid(),
  reason: z
    .string()
    .trim()
    .min(1, "Give a reason; the author will see it.")
    .max(500, "Keep the reason under 500 characters."),
});
