import { and, eq } from "drizzle-orm";
import { db } from "~db/client";
import { ideaTeamMembers, users } from "~db/schema";
import { Invalid } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/record.server";
import { assertAllowed, assertLead, lockIdea, type Actor } from "./context.server";

/** The lead removes a team member, or a member leaves. The lead must hand over before leaving. */
export async function removeMember(
  actor: Actor,
  input: { ideaId: string; userId: string },
): Promise<{ name: string; left: boolean }> {
  return db.transaction(async (tx) => {
    const { idea, round, team } = await lockIdea(tx, input.ideaId);
    const leaving = actor.id === input.userId;
    if (!leaving) assertLead(actor, team, "remove people from the team");
    assertAllowed(round, "editIdea", actor);
    const target = team.find((m) => m.userId === input.userId);
    if (!target) throw new Invalid("Choose a person from the team.");
    if (target.role === "lead") {
      throw new Invalid("The lead cannot leave the team. Hand over the lead to another member first.");
    }
    const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
    await tx
      .delete(ideaTeamMembers)
      .where(and(eq(ideaTeamMembers.ideaId, idea.id), eq(ideaTeamMembers.userId, input.userId)));
    await recordAudit(
      {
        actorId: actor.id,
        action: leaving ? "idea.team.leave" : "idea.team.remove",
        subjectType: "idea",
        subjectId: idea.id,
        roundId: round.id,
        details: { userId: input.userId },
      },
      tx,
    );
    return { name: person?.name ?? "", left: leaving };
  });
}
