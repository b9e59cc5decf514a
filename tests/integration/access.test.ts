import { describe, expect, it } from "vitest";
import {
  applicationFacts,
  countByRegionAndStatus,
  listOwnApplications,
  listRegionApplications,
} from "@/lib/applications/data";
import { applicationScope } from "@/lib/applications/scope";
import { type Actor, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/users/data";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";

const PAGE = { page: 1, size: 50, skip: 0 };

async function world() {
  const { call } = await makeCall();
  const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
  const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
  const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
  const evaluator = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
  const idleEvaluator = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
  const occitanie = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "76" }]);
  const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
  const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
  const submitted = await makeApplication({ callId: call.id, owner, regionCode: "53" });
  const draft = await makeApplication({
    callId: call.id,
    owner,
    regionCode: "53",
    status: "DRAFT",
  });
  const elsewhere = await makeApplication({ callId: call.id, owner: other, regionCode: "76" });
  const withdrawnDraft = await makeApplication({
    callId: call.id,
    owner: other,
    regionCode: "53",
    status: "WITHDRAWN",
    submitted: false,
  });
  const invited = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "76" }]);
  await db().applicationCollaborator.create({
    data: { applicationId: elsewhere.id, email: invited.email, userId: invited.id },
  });
  await db().evaluatorAssignment.create({
    data: { applicationId: submitted.id, evaluatorId: evaluator.id, assignedById: coordinator.id },
  });
  return {
    call,
    owner,
    other,
    coordinator,
    evaluator,
    idleEvaluator,
    occitanie,
    cna,
    admin,
    invited,
    submitted,
    draft,
    elsewhere,
    withdrawnDraft,
  };
}

// The facts the product itself builds from the database.
const factsOf = async (id: string) => (await applicationFacts(id))!;

const visible = async (actor: Actor) =>
  (await db().application.findMany({ where: applicationScope(actor), select: { id: true } }))
    .map((a) => a.id)
    .sort();

describe("read scope of dossiers", () => {
  it("agrees with the policy for every actor and every dossier", async () => {
    const w = await world();
    const actors = [
      w.owner,
      w.other,
      w.coordinator,
      w.evaluator,
      w.idleEvaluator,
      w.occitanie,
      w.cna,
      w.admin,
      w.invited,
    ];
    const dossiers = [w.submitted, w.draft, w.elsewhere, w.withdrawnDraft];
    for (const actor of actors) {
      const expected = [];
      for (const d of dossiers)
        if (can(actor, "application.readSummary", await factsOf(d.id))) expected.push(d.id);
      expect(await visible(actor), actor.name).toEqual(expected.sort());
    }
  });

  it("routes each dossier to its region's cell and no other", async () => {
    const w = await world();
    expect(await visible(w.coordinator)).toEqual([w.submitted.id]);
    expect(await visible(w.occitanie)).toEqual([w.elsewhere.id]);
    expect(await visible(w.evaluator)).toEqual([w.submitted.id]);
    expect(await visible(w.idleEvaluator)).toEqual([]);
    expect(await visible(w.cna)).toEqual([w.submitted.id, w.elsewhere.id].sort());
    expect(await visible(w.admin)).toEqual([]);
    // a pending invitation gives nothing; an accepted one gives the dossier
    expect(await visible(w.invited)).toEqual([]);
    await db().applicationCollaborator.updateMany({
      where: { userId: w.invited.id },
      data: { acceptedAt: new Date() },
    });
    expect(await visible(w.invited)).toEqual([w.elsewhere.id]);
  });

  it("lists and counts only what the actor may see", async () => {
    const w = await world();
    expect((await listOwnApplications(w.owner)).map((a) => a.id).sort()).toEqual(
      [w.submitted.id, w.draft.id].sort(),
    );
    expect((await listOwnApplications(w.other)).map((a) => a.id).sort()).toEqual(
      [w.elsewhere.id, w.withdrawnDraft.id].sort(),
    );
    expect(
      (await listRegionApplications(w.coordinator, w.call.id, "53", PAGE)).items.map((a) => a.id),
    ).toEqual([w.submitted.id]);
    await expect(
      listRegionApplications(w.coordinator, w.call.id, "76", PAGE),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listRegionApplications(w.owner, w.call.id, "53", PAGE)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(Object.fromEntries(await countByRegionAndStatus(w.cna, w.call.id))).toEqual({
      "53": { SUBMITTED: 1 },
      "76": { SUBMITTED: 1 },
    });
    expect(Object.fromEntries(await countByRegionAndStatus(w.occitanie, w.call.id))).toEqual({
      "76": { SUBMITTED: 1 },
    });
  });

  it("gives the list of users to administrators only", async () => {
    const w = await world();
    // the nine of this world and the administrator who created the call
    expect((await listUsers(w.admin, PAGE)).total).toBe(10);
    await expect(listUsers(w.cna, PAGE)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
