import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { roundFromParams } from "~/modules/rounds/queries.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PhaseBadge } from "~/components/phase-badge";
import { RoundForm, valuesKey, type LockedSettings } from "~/components/round-form";
import { now } from "~/lib/clock";
import { redirectWithFlash } from "~/lib/flash.server";
import { domainFailure, formFailure, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatPence } from "~/lib/money";
import { formatLondon } from "~/lib/time";
import { requireAdmin } from "~/modules/accounts/auth.server";
import { roundToFormValues, rowCount } from "~/modules/rounds/form-values";
import { readRoundForm } from "~/modules/rounds/form.server";
import { describeFundingRule } from "~/modules/rounds/model";
import { type RoundWithDetails } from "~/modules/rounds/queries.server";
import { SCHEDULE_FIELDS } from "~/modules/rounds/rules";
import { updateRound } from "~/modules/rounds/update-round.server";

/** What can no longer change, and how to show it instead. */
function lockedSettings(round: RoundWithDetails, at: Date): LockedSettings {
  if (round.phase === "draft") return {};
  const passed: Record<string, string> = {};
  for (const field of SCHEDULE_FIELDS) {
    const time = round[field];
    if (time && time.getTime() <= at.getTime()) passed[field] = formatLondon(time);
  }
  const frozen = round.frozenSettingsHash
    ? {
        hash: round.frozenSettingsHash,
        shown: {
          maxAward: formatPence(round.maxAwardPence),
          pot: formatPence(round.potPence),
          fundingRule: describeFundingRule(round.fundingRule),
        },
      }
    : undefined;
  return { slug: true, passed, frozen };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const round = await roundFromParams(params);
  return {
    round: { slug: round.slug, title: round.title, phase: round.phase },
    values: roundToFormValues(round),
    locked: lockedSettings(round, now()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const round = await roundFromParams(params);
  const result = readRoundForm(await readForm(request));
  if (result.kind === "rerender") return formFailure({}, result.values, 200);
  if (result.kind === "invalid") return formFailure(result.errors, result.values);
  try {
    const saved = await updateRound(admin, round.id, result.settings);
    return redirectWithFlash("/admin/rounds", `The settings of ${saved.title} were saved.`);
  } catch (error) {
    return domainFailure(error, result.values);
  }
}

export default function EditRound() {
  const { round, values: stored, locked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? stored;
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/rounds", label: "Funding rounds" },
          { href: `/admin/rounds/${round.slug}`, label: round.title },
        ]}
        current="Settings"
      />
      <span className="caption">Settings</span>
      <h1>{round.title}</h1>
      <p>
        Phase: <PhaseBadge phase={round.phase} />. To open the round, move it on early or extend a deadline, use the{" "}
        <Link to={`/admin/rounds/${round.slug}/phase`}>phase page</Link>.
        {round.phase === "draft" ? (
          <>
            {" "}
            You can <Link to={`/admin/rounds/${round.slug}/delete`}>delete this draft</Link>.
          </>
        ) : null}
      </p>
      <RoundForm
        key={valuesKey(values)}
        values={values}
        errors={result?.errors}
        counts={{ categories: rowCount(values, "categories"), rubric: rowCount(values, "rubric") }}
        locked={locked}
        submitText="Save settings"
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Settings of ${data.round.title}` : "Round settings");
