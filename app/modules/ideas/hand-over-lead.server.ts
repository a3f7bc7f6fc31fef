import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { isUniqueViolation } from "~db/errors";
import { ideas, ideaTeamMembers, users } from "~db/schema";
import { now } from "~/lib/clock";
import { Conflict, Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assertAllowed, assertLead, lockIdea, type Actor } from "./context.server";
import { canLead } from "./permissions";

/** The lead hands the lead to another team member, who must be a member of Q Exchange. */
export async function handOverLead(actor: Actor, input: { ideaId: string; userId: string }): Promise<{ name: string }> {
  let name = "";
  try {
    await db.transaction(async (tx) => {
      const { idea, round, team } = await lockIdea(tx, input.ideaId);
      assertLead(actor, team, "hand over the lead");
      assertAllowed(round, "editIdea", actor);
      if (idea.state === "withdrawn") throw new Invalid("This idea has been withdrawn.");
      const target = team.find((m) => m.userId === input.userId && m.role === "member");
      if (!target) throw new Invalid("Choose someone on the team to lead the idea.");
      const [person] = await tx
        .select({ name: users.name, membership: users.membership, isAdmin: users.isAdmin })
        .from(users)
        .where(eq(users.id, input.userId));
      name = person.name;
      if (!canLead(person)) {
        throw new Invalid(`${person.name} is not a member of Q Exchange, and only members can lead an idea.`);
      }
      // The old lead steps down first: an idea has exactly one lead at any moment.
      await tx
        .update(ideaTeamMembers)
        .set({ role: "member" })
        .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(ideaTeamMembers.userId, actor.id)));
      await tx
        .update(ideaTeamMembers)
        .set({ role: "lead" })
        .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(ideaTeamMembers.userId, input.userId)));
      await tx.update(ideas).set({ leadId: input.userId, lastActivityAt: now() }).where(eq(ideas.id, idea.id));
      await recordAudit(
        {
          actorId: actor.id,
          action: "idea.team.hand_over_lead",
          subjectType: "idea",
          subjectId: idea.id,
          roundId: round.id,
          details: { from: actor.id, to: input.userId },
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error, "ideas_one_proposal_per_lead_key")) {
      throw new Conflict(`${name} already leads a submitted proposal in this round, and a member may submit only one.`);
    }
    throw error;
  }
  return { name };
}
