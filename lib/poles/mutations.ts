import "server-only";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type PoleInput, poleRegionOf, poleSchema } from "@/lib/poles/schema";
import { parseInput } from "@/lib/validation";

/**
 * Creates or updates the applicant's pole. Its region follows its département; the drafts of the pole
 * follow it too (a submitted dossier keeps the region it was routed to).
 */
export async function savePole(actor: Actor, poleId: string | null, input: PoleInput) {
  assertCan(actor, "pole.edit");
  const { members, ...pole } = parseInput(poleSchema, input);
  const regionCode = poleRegionOf(pole.departementCode);
  if (!regionCode)
    throw new AppError("VALIDATION", undefined, {
      departementCode: ["Ce département n'existe pas."],
    });
  const data = { ...pole, regionCode };
  return db().$transaction(async (tx) => {
    // One pole per applicant: without an id (a form opened before the pole existed), the existing one is updated.
    const target =
      poleId ??
      (await tx.pole.findFirst({ where: { ownerId: actor.id }, select: { id: true } }))?.id ??
      null;
    let before = null;
    if (target) {
      before = await tx.pole.findUnique({
        where: { id: target },
        include: { members: { orderBy: { position: "asc" } } },
      });
      assertCan(actor, "pole.edit", { kind: "pole", ownerId: before?.ownerId ?? "" });
    }
    const saved = before
      ? await tx.pole.update({ where: { id: before.id }, data })
      : await tx.pole.create({ data: { ...data, ownerId: actor.id } });
    await tx.poleMember.deleteMany({ where: { poleId: saved.id } });
    await tx.poleMember.createMany({
      data: members.map((m, position) => ({ ...m, position, poleId: saved.id })),
    });
    await tx.application.updateMany({
      where: { poleId: saved.id, status: "DRAFT" },
      data: { regionCode, territoryType: pole.territoryType },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? "pole.update" : "pole.create",
      entityType: "Pole",
      entityId: saved.id,
      before,
      after: { ...data, members },
    });
    return { id: saved.id };
  });
}
