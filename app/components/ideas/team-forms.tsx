import { Form } from "@remix-run/react";
import { Checkbox, Radios } from "~/components/checkbox";
import { Field } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";

type Errors = Record<string, string> | undefined;
type TeamMember = { userId: string; name: string; isMember: boolean };

/** The lead's forms: invite, hand over the lead, remove someone. Each confirms with a checkbox. */
export function LeadForms({
  others,
  values,
  errors,
}: {
  others: TeamMember[];
  values: Record<string, string>;
  errors: Errors;
}) {
  return (
    <>
      <section className="section">
        <h2>Invite someone</h2>
        <Form method="post" noValidate>
          <Field
            label="Email address"
            name="email"
            type="email"
            autoComplete="off"
            hint="They do not need an account yet: the invitation waits until they sign in or join with this address."
            defaultValue={values.email}
            error={errors?.email}
          />
          <SubmitButton name="intent" value="invite" pendingText="Sending…">
            Send invitation
          </SubmitButton>
        </Form>
      </section>
      {others.length > 0 ? (
        <>
          <section className="section">
            <h2>Hand over the lead</h2>
            <Form method="post" noValidate>
              <Radios
                name="leadUserId"
                legend="Who should lead the idea?"
                hint="You stay on the team. Only a member of Q Exchange can lead; the lead submits the proposal."
                options={others.map((m) => ({
                  value: m.userId,
                  label: m.name,
                  hint: m.isMember ? undefined : "Not a member of Q Exchange, so cannot lead",
                }))}
                defaultValue={values.leadUserId}
                error={errors?.leadUserId}
              />
              <Checkbox
                name="confirmHandOver"
                label="I understand I will no longer lead this idea"
                error={errors?.confirmHandOver}
              />
              <SubmitButton name="intent" value="hand-over" variant="warning" pendingText="Handing over…">
                Hand over the lead
              </SubmitButton>
            </Form>
          </section>
          <section className="section">
            <h2>Remove someone from the team</h2>
            <Form method="post" noValidate>
              <Radios
                name="removeUserId"
                legend="Who should be removed?"
                options={others.map((m) => ({ value: m.userId, label: m.name }))}
                defaultValue={values.removeUserId}
                error={errors?.removeUserId}
              />
              <Checkbox
                name="confirmRemove"
                label="I want to remove this person from the team"
                error={errors?.confirmRemove}
              />
              <SubmitButton name="intent" value="remove" variant="warning" pendingText="Removing…">
                Remove from team
              </SubmitButton>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}

export function LeaveForm({ errors }: { errors: Errors }) {
  return (
    <section className="section">
      <h2>Leave the team</h2>
      <Form method="post" noValidate>
        <Checkbox name="confirmLeave" label="I want to leave this team" error={errors?.confirmLeave} />
        <SubmitButton name="intent" value="leave" variant="warning" pendingText="Leaving…">
          Leave the team
        </SubmitButton>
      </Form>
    </section>
  );
}
