import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { FORM_KEY_FIELD } from "~/lib/form-key";
import { formatLondon } from "~/lib/time";
import type { SerialisedComment } from "~/modules/conversation/thread.server";
import { Pagination } from "~/components/pagination";

/** What came back from a failed comment form: the errors and the text to put back. */
export type CommentFailure = { errors: Record<string, string>; values: Record<string, string> } | undefined;

const INTENTS = new Set(["comment", "reply", "edit-comment", "report"]);

/** The action's result when it came from one of the comment forms (they show their own errors). */
export function commentFailure(result: unknown): CommentFailure {
  const r = result as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  return r?.errors && r.values && INTENTS.has(r.values.intent) ? { errors: r.errors, values: r.values } : undefined;
}

type Ctx = { canComment: boolean; signedIn: boolean; failure: CommentFailure; formKey: string };

const failedHere = (failure: CommentFailure, intent: string, commentId: string) =>
  failure &&
  failure.values.intent === intent &&
  (failure.values.commentId === commentId || failure.values.parentId === commentId)
    ? failure
    : undefined;

function errorOf(failure: CommentFailure) {
  return failure ? (failure.errors.body ?? failure.errors.reason ?? failure.errors.form) : undefined;
}

/** A textarea with its own label and id, for the many small forms under the comments. */
function Textarea({
  id,
  label,
  name,
  error,
  defaultValue,
  rows = 3,
}: {
  id: string;
  label: string;
  name: string;
  error?: string;
  defaultValue?: string;
  rows?: number;
}) {
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        className="textarea"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

export function CommentList({ comments, ctx }: { comments: SerialisedComment[]; ctx: Ctx }) {
  return (
    <ol className="comment-list">
      {comments.map((c) => (
        <CommentItem key={c.id} comment={c} ctx={ctx} />
      ))}
    </ol>
  );
}

function CommentItem({ comment: c, ctx }: { comment: SerialisedComment; ctx: Ctx }) {
  const anchor = `comment-${c.id}`;
  const replyFailure = failedHere(ctx.failure, "reply", c.id);
  const editFailure = failedHere(ctx.failure, "edit-comment", c.id);
  const reportFailure = failedHere(ctx.failure, "report", c.id);
  return (
    <li className="comment" id={anchor}>
      <article className="comment__body" aria-labelledby={`${anchor}-by`}>
        <header className="comment__meta" id={`${anchor}-by`}>
          {c.status === "deleted" ? (
            <span className="text-muted">Comment deleted</span>
          ) : c.status === "removed" ? (
            <span className="text-muted">Comment hidden by moderators</span>
          ) : (
            <>
              {c.author ? (
                <Link to={`/people/${c.author.handle}`} className="comment__author">
                  {c.author.name}
                </Link>
              ) : (
                <span className="comment__author">Former member</span>
              )}
              {c.author?.organisation ? <span className="text-muted">, {c.author.organisation}</span> : null}
              {c.isTeam ? (
                <>
                  {" "}
                  <span className="badge badge--accent">Team</span>
                </>
              ) : null}
            </>
          )}{" "}
          <a href={`#${anchor}`} className="comment__time small text-muted">
            <time dateTime={c.createdAt}>{formatLondon(new Date(c.createdAt))}</time>
            <span className="visually-hidden"> (link to this comment)</span>
          </a>
          {c.edited ? <span className="small text-muted"> · edited</span> : null}
        </header>
        {c.status === "hidden" ? (
          <p className="comment__hidden">
            <strong>Hidden from others.</strong> {c.hiddenReason ? `Reason: ${c.hiddenReason}` : null}
          </p>
        ) : null}
        {c.status === "visible" || c.status === "hidden" ? (
          <div className="prose comment__text" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
        ) : null}
        <div className="comment__actions">
          {ctx.canComment && c.canReply ? (
            <details className="details" open={Boolean(replyFailure)}>
              <summary>
                Reply<span className="visually-hidden"> to this comment</span>
              </summary>
              <Form method="post" noValidate className="details__content" preventScrollReset>
                <input type="hidden" name="parentId" value={c.id} />
                <input type="hidden" name={FORM_KEY_FIELD} value={`${ctx.formKey}-reply-${c.id}`} />
                <Textarea
                  id={`reply-${c.id}`}
                  label="Your reply"
                  name="body"
                  error={errorOf(replyFailure)}
                  defaultValue={replyFailure?.values.body}
                />
                <SubmitButton name="intent" value="reply" pendingText="Posting…">
                  Post reply
                </SubmitButton>
              </Form>
            </details>
          ) : null}
          {c.canEdit ? (
            <details className="details" open={Boolean(editFailure)}>
              <summary>
                Edit<span className="visually-hidden"> your comment</span>
              </summary>
              <Form method="post" noValidate className="details__content" preventScrollReset>
                <input type="hidden" name="commentId" value={c.id} />
                <Textarea
                  id={`edit-${c.id}`}
                  label="Your comment"
                  name="body"
                  error={errorOf(editFailure)}
                  defaultValue={editFailure?.values.body ?? c.bodyMd}
                  rows={5}
                />
                <SubmitButton name="intent" value="edit-comment" pendingText="Saving…">
                  Save changes
                </SubmitButton>
              </Form>
            </details>
          ) : null}
          {c.mine && c.status !== "deleted" ? (
            <details className="details">
              <summary>
                Delete<span className="visually-hidden"> your comment</span>
              </summary>
              <Form method="post" className="details__content">
                <input type="hidden" name="commentId" value={c.id} />
                <p>Your text goes; replies stay in place under “Comment deleted”.</p>
                <SubmitButton name="intent" value="delete-comment" variant="warning" pendingText="Deleting…">
                  Delete comment
                </SubmitButton>
              </Form>
            </details>
          ) : null}
          {ctx.signedIn && !c.mine && c.status === "visible" ? (
            c.reported ? (
              <span className="small text-muted">You reported this comment.</span>
            ) : (
              <details className="details" open={Boolean(reportFailure)}>
                <summary>
                  Report<span className="visually-hidden"> this comment</span>
                </summary>
                <Form method="post" noValidate className="details__content" preventScrollReset>
                  <input type="hidden" name="commentId" value={c.id} />
                  <Textarea
                    id={`report-${c.id}`}
                    label="Why should moderators look at this?"
                    name="reason"
                    error={errorOf(reportFailure)}
                    defaultValue={reportFailure?.values.reason}
                    rows={2}
                  />
                  <SubmitButton name="intent" value="report" variant="secondary" pendingText="Sending…">
                    Send report
                  </SubmitButton>
                </Form>
              </details>
            )
          ) : null}
        </div>
      </article>
      {c.replies.length > 0 ? <CommentList comments={c.replies} ctx={ctx} /> : null}
    </li>
  );
}

export function NewCommentForm({ failure, formKey }: { failure: CommentFailure; formKey: string }) {
  const mine = failure && failure.values.intent === "comment" ? failure : undefined;
  return (
    <Form method="post" noValidate className="comment-form" preventScrollReset>
      {/* Sent twice (a double click, a retry), the form still posts one comment. */}
      <input type="hidden" name={FORM_KEY_FIELD} value={`${formKey}-comment`} />
      <Field
        label="Add a comment"
        name="body"
        multiline
        rows={4}
        hint="You can use *emphasis*, links, lists, quotes and code."
        error={mine?.errors.body ?? mine?.errors.form}
        defaultValue={mine?.values.body}
      />
      <SubmitButton name="intent" value="comment" pendingText="Posting…">
        Post comment
      </SubmitButton>
    </Form>
  );
}

export type ConversationData = {
  sort: "newest" | "oldest";
  count: number;
  tree: SerialisedComment[];
  canComment: boolean;
  note: string | null;
  signedIn: boolean;
  following: boolean;
  /** Top-level threads in all, this page's number, and how many threads a page holds. */
  threads: number;
  page: number;
  threadsPerPage: number;
  /** A fresh key per rendering: every comment form on the page sends it, each with its own suffix. */
  formKey: string;
};

const FOLLOW_TEXT = {
  idea: {
    on: "You follow this idea: we tell you about new comments.",
    off: "Follow this idea to hear about new comments.",
  },
  project: {
    on: "You follow this project: we tell you about new updates and comments.",
    off: "Follow this project to hear about new updates and comments.",
  },
};

/** The comments of an idea (or of a project's update): follow, sort, the form and the thread. */
export function Conversation({
  data,
  path,
  failure,
  about = "idea",
}: {
  data: ConversationData;
  path: string;
  failure: CommentFailure;
  about?: keyof typeof FOLLOW_TEXT;
}) {
  const ctx = { canComment: data.canComment, signedIn: data.signedIn, failure, formKey: data.formKey };
  return (
    <section className="section conversation" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments ({data.count})</h2>
      {data.signedIn ? (
        <Form method="post" className="conversation__follow">
          <p className="small text-muted">{data.following ? FOLLOW_TEXT[about].on : FOLLOW_TEXT[about].off}</p>
          <SubmitButton name="intent" value={data.following ? "unfollow" : "follow"} variant="secondary">
            {data.following ? "Unfollow" : "Follow"}
          </SubmitButton>
        </Form>
      ) : null}
      {data.canComment ? (
        <NewCommentForm failure={failure} formKey={data.formKey} />
      ) : data.signedIn ? (
        data.note ? (
          <p className="text-muted">{data.note}</p>
        ) : null
      ) : (
        <p>
          <Link to={`/sign-in?redirectTo=${encodeURIComponent(`${path}#comments`)}`}>Sign in</Link> to join the
          conversation.
        </p>
      )}
      {data.tree.length > 0 ? (
        <>
          <p className="conversation__sort small">
            Show:{" "}
            {data.sort === "oldest" ? (
              <strong aria-current="true">oldest first</strong>
            ) : (
              <Link to={`${path}?sort=oldest#comments`} preventScrollReset>
                oldest first
              </Link>
            )}
            {" · "}
            {data.sort === "newest" ? (
              <strong aria-current="true">newest first</strong>
            ) : (
              <Link to={`${path}?sort=newest#comments`} preventScrollReset>
                newest first
              </Link>
            )}
          </p>
          <CommentList comments={data.tree} ctx={ctx} />
          {data.threads > data.threadsPerPage ? (
            <Pagination
              page={data.page}
              pageSize={data.threadsPerPage}
              total={data.threads}
              noun="conversations"
              nounSingular="conversation"
              label="Pages of comments"
              makeHref={(n) =>
                `${path}?${new URLSearchParams({ ...(data.sort === "newest" ? { sort: "newest" } : {}), ...(n > 1 ? { comments: String(n) } : {}) })}#comments`
              }
            />
          ) : null}
        </>
      ) : (
        <p className="empty-state">No comments yet.</p>
      )}
    </section>
  );
}
