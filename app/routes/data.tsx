import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { title } from "~/lib/meta";
import { getUser } from "~/modules/accounts/auth.server";
import {
  adminExportPath,
  DATASET_INFO,
  EXPORT_FORMATS,
  ledgerPath,
  OPEN_DATA_LICENCE,
  OPEN_DATA_LICENCE_URL,
  publicExportPath,
  type AdminDataset,
  type ExportFormat,
  type PublicDataset,
} from "~/modules/reporting/datasets";
import { openDataRounds, type OpenDataRound } from "~/modules/reporting/open-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const isAdmin = Boolean(user?.isAdmin);
  const rounds = await openDataRounds(isAdmin);
  return { isAdmin, rounds };
}

type Download = {
  key: string;
  title: string;
  about: string;
  rows: string;
  links: Array<{ format: ExportFormat; href: string }>;
};

function publicDownloads(round: OpenDataRound): Download[] {
  const of = (dataset: PublicDataset, rows: string): Download => ({
    key: dataset,
    title: DATASET_INFO[dataset].title,
    about: DATASET_INFO[dataset].about,
    rows,
    links: EXPORT_FORMATS.map((format) => ({ format, href: publicExportPath(round.slug, dataset, format) })),
  });
  const list = [of("ideas", count(round.ideas, "idea")), of("comments", count(round.comments, "comment"))];
  if (round.resultsPublished) list.push(of("results", count(round.resultLines, "proposal")));
  if (round.sealed && round.resultsPublished) {
    list.push({
      key: "ledger",
      title: "Anonymised ballot ledger",
      about:
        "Every ballot that counts, each under a reference of its own, with the seal, so that anyone can recount the vote (with the results file). It never says who voted, when, or who picked what.",
      rows: "Ballots that count",
      links: EXPORT_FORMATS.map((format) => ({ format, href: ledgerPath(round.slug, format) })),
    });
  }
  return list;
}

function adminDownloads(round: OpenDataRound): Download[] {
  const of = (dataset: AdminDataset, rows: string): Download => ({
    key: dataset,
    title: DATASET_INFO[dataset].title,
    about: DATASET_INFO[dataset].about,
    rows,
    links: EXPORT_FORMATS.map((format) => ({ format, href: adminExportPath(round.slug, dataset, format) })),
  });
  return [of("scores", count(round.reviews, "review")), of("proposals", count(round.proposals, "proposal"))];
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? noun : `${noun}s`}`;
}

export default function OpenData() {
  const { isAdmin, rounds } = useLoaderData<typeof loader>();
  const open = rounds.filter((r) => r.phase !== "draft");
  return (
    <div>
      <h1>Open data</h1>
      <div className="prose">
        <p className="lede">
          Everything that is public on this site about each funding round, as files you can download, check and reuse.
        </p>
        <h2>What is published</h2>
        <p>
          For every round that has opened: its ideas and proposals, the comments shown on the site, and once they are
          published the results. After a vote closes, the anonymised ballot ledger lets anyone recount the vote and
          check its seal.
        </p>
        <p>
          The files hold only what the site already shows to everyone. They never include email addresses, budget lines
          (only each proposal&apos;s total), draft ideas, comments hidden by moderation or deleted, the panel&apos;s
          private notes, or who voted and what anyone picked.
        </p>
        <h2>Terms</h2>
        <p>
          You may reuse the data under the{" "}
          <a href={OPEN_DATA_LICENCE_URL} rel="license">
            {OPEN_DATA_LICENCE}
          </a>{" "}
          licence: credit &ldquo;Q Exchange&rdquo; and link to this page. Ideas, proposals and comments are the words of
          the people who wrote them; quote them fairly.
        </p>
        <h2>Formats</h2>
        <p>
          Each file comes as CSV (UTF-8, opens in a spreadsheet; lists such as topics are separated by semicolons) and
          as JSON (the round, when the file was made, the licence and the rows). Addresses stay the same, so the latest
          data is always at the same link. Money is in pence; times are in UTC.
        </p>
      </div>

      {open.length === 0 ? (
        <div className="empty-state">
          <p>
            No round has opened yet, so there is no data to download. Come back when the first round opens for ideas.
          </p>
        </div>
      ) : (
        open.map((round) => (
          <RoundDownloads key={round.slug} round={round} downloads={publicDownloads(round)} idPrefix="public" />
        ))
      )}

      {isAdmin ? (
        <section className="section" aria-labelledby="admin-data-heading">
          <h2 id="admin-data-heading">For the programme team</h2>
          <p>
            Only admins can download these: they hold reviewers&apos; scores (reviewers are numbered, not named) and
            people&apos;s email addresses. Each download is recorded in the audit log. Do not publish them.
          </p>
          {rounds.map((round) => (
            <RoundDownloads
              key={round.slug}
              round={round}
              downloads={adminDownloads(round)}
              idPrefix="admin"
              level={3}
            />
          ))}
        </section>
      ) : null}
    </div>
  );
}

function RoundDownloads({
  round,
  downloads,
  idPrefix,
  level = 2,
}: {
  round: OpenDataRound;
  downloads: Download[];
  idPrefix: string;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const captionId = `${idPrefix}-${round.slug}-caption`;
  return (
    <section className="section open-data__round" aria-labelledby={`${idPrefix}-${round.slug}-heading`}>
      <Heading id={`${idPrefix}-${round.slug}-heading`}>{round.title}</Heading>
      {round.phase !== "draft" ? (
        <p>
          <Link to={`/rounds/${round.slug}`}>About this round</Link>
        </p>
      ) : (
        <p className="text-muted">A draft: not public.</p>
      )}
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table">
          <caption id={captionId}>Downloads for {round.title}</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Rows</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {downloads.map((d) => (
              <tr key={d.key}>
                <th scope="row">
                  {d.title}
                  <div className="text-muted small">{d.about}</div>
                </th>
                <td className="nowrap">{d.rows}</td>
                <td>
                  <ul className="inline-links">
                    {d.links.map((link) => (
                      <li key={link.format}>
                        <a href={link.href} download>
                          {link.format.toUpperCase()}
                          <span className="visually-hidden">
                            {" "}
                            of {d.title.toLowerCase()}, {round.title}
                          </span>
                        </a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const meta: MetaFunction = () => title("Open data");
