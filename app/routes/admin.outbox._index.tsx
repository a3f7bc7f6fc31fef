import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { OUTBOX_STATUS } from "~/modules/notifications/outbox-status";
import { listOutbox } from "~/modules/notifications/outbox.server";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const { rows, total } = await listOutbox(page, PAGE_SIZE);
  return {
    page,
    total,
    emails: rows.map((e) => ({
      id: e.id,
      to: e.toAddress,
      subject: e.subject,
      status: e.status,
      attempts: e.attempts,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

export default function Outbox() {
  const { emails, page, total } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Outbox</h1>
      <p>
        Every email the service sends, except ballot receipts: to keep ballots secret, nobody can see who received one
        or when. Without a mail server (SMTP_URL), emails are kept here for the programme team to read.
      </p>
      {total === 0 ? (
        <p>No emails yet.</p>
      ) : emails.length === 0 ? (
        <p>
          There are only {total} emails: <Link to="/admin/outbox">go to the first page</Link>.
        </p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="outbox-caption" tabIndex={0}>
          <table className="table">
            <caption id="outbox-caption">Emails, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Written</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>{formatLondon(new Date(e.createdAt))}</td>
                  <td>{e.to}</td>
                  <td>
                    <Link to={`/admin/outbox/${e.id}`}>{e.subject}</Link>
                  </td>
                  <td>{OUTBOX_STATUS[e.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {emails.length > 0 ? (
        <Pagination
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          noun="emails"
          makeHref={(p: number) => `/admin/outbox?page=${p}`}
        />
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => title("Outbox");
