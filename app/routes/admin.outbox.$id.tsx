import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { OUTBOX_STATUS, SEALED_BODY, isSealedKind } from "~/modules/notifications/outbox-status";
import { getOutboxEmail } from "~/modules/notifications/outbox.server";

const Params = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const parsed = Params.safeParse(params);
  const email = parsed.success ? await getOutboxEmail(parsed.data.id) : null;
  if (!email) httpError(404, "There is no such email.");
  return {
    email: {
      to: email.toAddress,
      subject: email.subject,
      // A sealed email (a ballot receipt) is never found here; belt and braces for its text.
      body: isSealedKind(email.kind) ? SEALED_BODY : email.textBody,
      status: email.status,
      attempts: email.attempts,
      lastError: email.lastError,
      createdAt: email.createdAt.toISOString(),
    },
  };
}

export default function OutboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="prose">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/outbox", label: "Outbox" },
        ]}
      />
      <h1>{email.subject}</h1>
      <dl className="summary-list">
        <div>
          <dt>To</dt>
          <dd>{email.to}</dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>{formatLondon(new Date(email.createdAt))}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {OUTBOX_STATUS[email.status]} ({email.attempts} attempt{email.attempts === 1 ? "" : "s"})
            {email.lastError ? ` (last error: ${email.lastError})` : ""}
          </dd>
        </div>
      </dl>
      <h2>Message</h2>
      <pre className="email-body">{linkify(email.body)}</pre>
    </div>
  );
}

// Links in the email are clickable here, so the programme team can follow them in a demo.
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s]+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export const meta: MetaFunction = () => title("Email");
