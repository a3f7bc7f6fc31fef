// The tables on the admin panel page: reviewers with their load, and proposals with their
// reviewers, conflicts and the forms that adjust them. Every form posts to the page's action.
import { Form } from "@remix-run/react";
import { fieldId } from "./field";

type Member = { id: string; name: string; email: string; organisation: string; isChair: boolean; load: number };
type Conflict = {
  reviewerId: string;
  name: string;
  kind: string;
  detail: string;
  overridden: boolean;
  overrideReason: string | null;
};
type Proposal = {
  id: string;
  title: string;
  category: string;
  reviewers: { id: string; name: string; status: string }[];
  conflicts: Conflict[];
};

export const CONFLICT_LABELS: Record<string, string> = {
  team: "On the team (blocked)",
  organisation: "Same organisation (blocked unless overridden)",
  engagement: "Supported or commented on the idea (flagged)",
  declared: "Declared a conflict (recused)",
};

export function PanelMembersSection({ members }: { members: Member[] }) {
  return (
    <>
      <h2>Reviewers</h2>
      {members.length === 0 ? (
        <div className="empty-state">
          <p>No one is on the panel yet. Add reviewers by the email address of their account.</p>
        </div>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="members-caption" tabIndex={0}>
          <table className="table">
            <caption id="members-caption">Reviewers on the panel and how many proposals each has</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Organisation</th>
                <th scope="col" className="num">
                  Assigned
                </th>
                <th scope="col">Role</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.name}
                    <br />
                    <span className="small text-muted">{m.email}</span>
                  </td>
                  <td>{m.organisation || "—"}</td>
                  <td className="num">{m.load}</td>
                  <td>{m.isChair ? <span className="badge badge--accent">Chair</span> : "Reviewer"}</td>
                  <td>
                    <Form method="post" className="panel-inline-form">
                      <input type="hidden" name="userId" value={m.isChair ? "none" : m.id} />
                      <button type="submit" name="intent" value="chair" className="link-button">
                        {m.isChair ? `Stop ${m.name} being chair` : `Make ${m.name} chair`}
                      </button>
                    </Form>
                    <Form method="post" className="panel-inline-form">
                      <input type="hidden" name="userId" value={m.id} />
                      <button type="submit" name="intent" value="remove-reviewer" className="link-button">
                        Remove {m.name}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function PanelProposalsSection({
  proposals,
  members,
  errors,
  values,
}: {
  proposals: Proposal[];
  members: Member[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  if (proposals.length === 0)
    return (
      <>
        <h2>Proposals</h2>
        <div className="empty-state">
          <p>No proposals have been submitted in this round yet.</p>
        </div>
      </>
    );
  return (
    <>
      <h2>Proposals</h2>
      {proposals.map((p, index) => {
        const blockedIds = new Set(
          p.conflicts
            .filter((c) => c.kind === "team" || c.kind === "declared" || (c.kind === "organisation" && !c.overridden))
            .map((c) => c.reviewerId),
        );
        const free = members.filter((m) => !blockedIds.has(m.id) && !p.reviewers.some((r) => r.id === m.id));
        return (
          <section key={p.id} className="panel-proposal" aria-labelledby={`proposal-${index}`}>
            <h3 id={`proposal-${index}`}>
              {p.title} <span className="small text-muted">({p.category})</span>
            </h3>
            <p>
              {p.reviewers.length === 0
                ? "No reviewers yet."
                : `${p.reviewers.length} ${p.reviewers.length === 1 ? "reviewer" : "reviewers"}:`}
            </p>
            {p.reviewers.length > 0 ? (
              <ul>
                {p.reviewers.map((r) => (
                  <li key={r.id}>
                    {r.name} ({r.status}){" "}
                    <Form method="post" className="panel-inline-form">
                      <input type="hidden" name="ideaId" value={p.id} />
                      <input type="hidden" name="reviewerId" value={r.id} />
                      <button type="submit" name="intent" value="remove-assignment" className="link-button">
                        Remove {r.name} from “{p.title}”
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : null}
            {free.length > 0 ? (
              <Form method="post" className="panel-inline-form">
                <input type="hidden" name="ideaId" value={p.id} />
                <label className="field__label" htmlFor={`add-${p.id}`}>
                  Add a reviewer to “{p.title}”
                </label>{" "}
                <select className="select" id={`add-${p.id}`} name="reviewerId">
                  {free.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit" name="intent" value="add-assignment" className="button button--secondary">
                  Assign
                </button>
              </Form>
            ) : null}
            {p.conflicts.length > 0 ? (
              <>
                <h4>Conflicts</h4>
                <ul>
                  {p.conflicts.map((c) => {
                    const failedHere =
                      Boolean(errors?.reason) && values?.ideaId === p.id && values?.reviewerId === c.reviewerId;
                    return (
                      <li key={`${c.reviewerId}-${c.kind}`}>
                        {c.name}: {CONFLICT_LABELS[c.kind] ?? c.kind}. {c.detail}
                        {c.overridden ? ` Overridden: ${c.overrideReason}` : null}
                        {c.kind === "organisation" && !c.overridden ? (
                          <Form method="post" noValidate>
                            <input type="hidden" name="ideaId" value={p.id} />
                            <input type="hidden" name="reviewerId" value={c.reviewerId} />
                            <label
                              className="field__label"
                              htmlFor={failedHere ? fieldId("reason") : `override-${p.id}-${c.reviewerId}`}
                            >
                              Reason to let {c.name} review “{p.title}”
                            </label>
                            {failedHere ? <p className="field__error">{errors?.reason}</p> : null}
                            <input
                              className="input input--width-30"
                              id={failedHere ? fieldId("reason") : `override-${p.id}-${c.reviewerId}`}
                              name="reason"
                            />{" "}
                            <button type="submit" name="intent" value="override" className="button button--secondary">
                              Override the conflict
                            </button>
                          </Form>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
