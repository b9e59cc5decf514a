// National-scale data for the benchmarks: 18 regions, 5 000 submitted dossiers with their poles,
// 15 000 submitted evaluations (3 per dossier) with their per-criterion scores, and the people.
// Written with bulk inserts (the product's commands would take minutes for so many rows).

import { randomUUID } from "node:crypto";
import { createCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { REGIONS } from "@/lib/regions/catalog";
import { syncRegionCatalog } from "@/lib/regions/mutations";
import { loadActor } from "@/lib/users/data";
import { createUser } from "@/lib/users/mutations";
import { CALL_2025 } from "@/prisma/demo";
import { seededRandom } from "../scripts/lib/seeded-random.ts";

export const BENCH_PASSWORD = "mot de passe des mesures";
export const BENCH_CALL_SLUG = "ami-ptce-mesures";
export const SIZES = {
  applications: 5_000,
  evaluationsPerApplication: 3,
  evaluatorsPerRegion: 6,
  cnaUsers: 20,
  coordinatorsOfLargestRegion: 20,
};

// A deterministic pseudo-random sequence, so that every generation gives the same data.
const random = seededRandom(20251102);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

async function insertInBatches<T>(
  rows: T[],
  insert: (batch: T[]) => Promise<unknown>,
  size = 2_000,
) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function generate(): Promise<void> {
  await syncRegionCatalog();
  const admin = await createUser(null, {
    email: "admin@mesures.test",
    name: "Administration",
    password: BENCH_PASSWORD,
    emailVerified: true,
    roles: [{ role: "ADMIN", regionCode: null }],
  });
  const adminActor = (await loadActor(admin.id, 0))!;
  const call = await createCall(adminActor, {
    ...CALL_2025,
    slug: BENCH_CALL_SLUG,
    title: "Appel des mesures de performance",
  });
  await db().call.update({
    where: { id: call.id },
    data: { phase: "REGIONAL_REVIEW", publishedAt: new Date() },
  });
  const criteria = await db().criterion.findMany({
    where: { callId: call.id },
    orderBy: { position: "asc" },
  });

  // People: CNA members and, per region, a coordinator and evaluators (one hash for all: same password).
  const passwordHash = (await db().user.findUniqueOrThrow({ where: { id: admin.id } }))
    .passwordHash;
  const users: Prisma.UserCreateManyInput[] = [];
  const roles: Prisma.RoleAssignmentCreateManyInput[] = [];
  const evaluatorsByRegion = new Map<string, string[]>();
  const person = (
    email: string,
    name: string,
    role: Prisma.RoleAssignmentCreateManyInput["role"],
    regionCode: string | null,
  ) => {
    const id = randomUUID();
    users.push({ id, email, name, passwordHash, emailVerifiedAt: new Date() });
    roles.push({ userId: id, role, regionCode });
    return id;
  };
  for (let i = 1; i <= SIZES.cnaUsers; i++)
    person(`cna${i}@mesures.test`, `Membre CNA ${i}`, "CNA_MEMBER", null);
  const coordinatorsByRegion = new Map<string, string[]>();
  for (const r of REGIONS) {
    const coordinators = [
      person(
        `coordination.${r.slug.toLowerCase()}@mesures.test`,
        `Coordination ${r.name}`,
        "CRA_COORDINATOR",
        r.code,
      ),
    ];
    // The largest region has a coordination of 20 people (20 distinct signed-in users on its list).
    if (r === REGIONS[0])
      for (let i = 1; i <= SIZES.coordinatorsOfLargestRegion; i++)
        coordinators.push(
          person(
            `coordination${i}.${r.slug.toLowerCase()}@mesures.test`,
            `Coordination ${i} ${r.name}`,
            "CRA_COORDINATOR",
            r.code,
          ),
        );
    coordinatorsByRegion.set(r.code, coordinators);
    const ids = [];
    for (let i = 1; i <= SIZES.evaluatorsPerRegion; i++)
      ids.push(
        person(
          `evaluation${i}.${r.slug.toLowerCase()}@mesures.test`,
          `Évaluation ${i} ${r.name}`,
          "CRA_EVALUATOR",
          r.code,
        ),
      );
    evaluatorsByRegion.set(r.code, ids);
  }
  // Dossiers are spread unevenly, as in reality: the first regions are the largest.
  const weights = REGIONS.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const applicants: string[] = [];
  for (let i = 1; i <= 1_000; i++)
    applicants.push(person(`porteur${i}@mesures.test`, `Porteur ${i}`, "APPLICANT", null));
  await insertInBatches(users, (batch) => db().user.createMany({ data: batch }));
  await insertInBatches(roles, (batch) => db().roleAssignment.createMany({ data: batch }));

  const poles: Prisma.PoleCreateManyInput[] = [];
  const applications: Prisma.ApplicationCreateManyInput[] = [];
  const assignments: Prisma.EvaluatorAssignmentCreateManyInput[] = [];
  const conflicts: Prisma.ConflictDeclarationCreateManyInput[] = [];
  const evaluations: Prisma.EvaluationCreateManyInput[] = [];
  const scores: Prisma.CriterionScoreCreateManyInput[] = [];
  const counters = new Map<string, number>();
  for (let n = 0; n < SIZES.applications; n++) {
    let x = random() * total;
    const region =
      REGIONS[
        weights.findIndex((w) => {
          x -= w;
          return x <= 0;
        })
      ] ?? REGIONS[0]!;
    const sequence = (counters.get(region.code) ?? 0) + 1;
    counters.set(region.code, sequence);
    const territoryType = pick(["RURAL", "QPV", "URBAN"] as const);
    const poleId = randomUUID();
    const applicationId = randomUUID();
    const ownerId = applicants[n % applicants.length]!;
    const departement = pick(region.departements);
    poles.push({
      id: poleId,
      ownerId,
      name: `PTCE ${region.name} ${sequence}`,
      carrierName: `Association ${sequence}`,
      siret: "73282932000074",
      legalForm: "ASSOCIATION",
      addressLine: `${sequence} rue de la Coopération`,
      postalCode: `${departement.code.padStart(2, "0")}000`.slice(0, 5),
      city: "Commune",
      departementCode: departement.code,
      regionCode: region.code,
      territoryType,
    });
    applications.push({
      id: applicationId,
      callId: call.id,
      poleId,
      ownerId,
      regionCode: region.code,
      territoryType,
      reference: `AMI2025-${region.slug}-${String(sequence).padStart(3, "0")}`,
      status: "UNDER_REVIEW",
      title: `Projet coopératif ${sequence}`,
      amountRequestedCents: 30_000_00 + Math.floor(random() * 50) * 1_000_00,
      submittedAt: new Date("2025-11-01T10:00:00Z"),
    });
    // The coordination declared no conflict of interest: it reads the dossier and its scores.
    for (const userId of coordinatorsByRegion.get(region.code)!)
      conflicts.push({ applicationId, userId, hasConflict: false });
    const evaluators = [...evaluatorsByRegion.get(region.code)!]
      .sort(() => random() - 0.5)
      .slice(0, SIZES.evaluationsPerApplication);
    for (const evaluatorId of evaluators) {
      assignments.push({ applicationId, evaluatorId, assignedById: evaluatorId });
      conflicts.push({ applicationId, userId: evaluatorId, hasConflict: false });
      const evaluationId = randomUUID();
      let weighted = 0;
      for (const k of criteria) {
        const score = Math.floor(random() * (k.maxScore + 1));
        weighted += (score * k.weightBps) / k.maxScore;
        scores.push({
          evaluationId,
          criterionId: k.id,
          score,
          comment: "Appréciation argumentée du critère.",
        });
      }
      evaluations.push({
        id: evaluationId,
        applicationId,
        evaluatorId,
        status: "SUBMITTED",
        recommendation: pick(["FAVORABLE", "RESERVED", "UNFAVORABLE"] as const),
        weightedScore: Math.round(weighted),
        submittedAt: new Date("2025-11-10T10:00:00Z"),
      });
    }
  }
  await insertInBatches(poles, (b) => db().pole.createMany({ data: b }));
  await insertInBatches(applications, (b) => db().application.createMany({ data: b }));
  await insertInBatches(assignments, (b) => db().evaluatorAssignment.createMany({ data: b }));
  await insertInBatches(conflicts, (b) => db().conflictDeclaration.createMany({ data: b }));
  await insertInBatches(evaluations, (b) => db().evaluation.createMany({ data: b }));
  await insertInBatches(scores, (b) => db().criterionScore.createMany({ data: b }), 5_000);
  await regionalResults(call.id, adminActor.id, evaluations, applications);
  await db().$executeRawUnsafe("ANALYZE");
  console.log(
    `Données générées : ${applications.length} dossiers, ${evaluations.length} évaluations, ${scores.length} notes, ${users.length + 1} personnes.`,
  );
}

/**
 * Every region's results finalised (issue 5's national view): per dossier the regional opinion from its
 * evaluators' mean score, the proposed amount within the bounds, the regional rank; status REGIONAL_DONE;
 * the call in national analysis.
 */
async function regionalResults(
  callId: string,
  authorId: string,
  evaluations: Prisma.EvaluationCreateManyInput[],
  applications: Prisma.ApplicationCreateManyInput[],
) {
  const scoresOf = new Map<string, number[]>();
  for (const e of evaluations)
    scoresOf.set(e.applicationId as string, [
      ...(scoresOf.get(e.applicationId as string) ?? []),
      e.weightedScore as number,
    ]);
  const opinions = applications.map((a) => {
    const s = scoresOf.get(a.id as string)!;
    const score = Math.round(s.reduce((x, y) => x + y, 0) / s.length);
    const opinion =
      score >= 6000
        ? ("FAVORABLE" as const)
        : score >= 4500
          ? ("RESERVED" as const)
          : ("UNFAVORABLE" as const);
    return {
      applicationId: a.id as string,
      regionCode: a.regionCode as string,
      opinion,
      consolidatedScore: score,
      proposedAmountCents:
        opinion === "UNFAVORABLE" ? 0 : Math.min(80_000_00, a.amountRequestedCents as number),
      motivation: "Avis motivé de la cellule régionale.",
      authorId,
      rank: 0,
    };
  });
  const byRegion = new Map<string, typeof opinions>();
  for (const o of opinions) byRegion.set(o.regionCode, [...(byRegion.get(o.regionCode) ?? []), o]);
  for (const list of byRegion.values())
    list
      .sort((a, b) => b.consolidatedScore - a.consolidatedScore)
      .forEach((o, i) => {
        o.rank = i + 1;
      });
  await insertInBatches(
    opinions.map(({ regionCode: _r, ...o }) => o),
    (b) => db().regionalOpinion.createMany({ data: b }),
  );
  await db().application.updateMany({ where: { callId }, data: { status: "REGIONAL_DONE" } });
  await db().regionalReview.createMany({
    data: [...byRegion.keys()].map((regionCode) => ({
      callId,
      regionCode,
      status: "FINALIZED" as const,
      finalizedAt: new Date("2025-11-16T18:00:00Z"),
      finalizedById: authorId,
    })),
  });
  await db().call.update({ where: { id: callId }, data: { phase: "NATIONAL_REVIEW" } });
}

export const DRAFT_CALL_SLUG = "ami-ptce-mesures-ouvert";
export const DRAFT_WRITERS = 50;

/** An open call and 50 applicants, each with a draft dossier of realistic size (for the autosave). */
export async function generateDrafts(): Promise<void> {
  const admin = (await loadActor(
    (
      await db().user.findUniqueOrThrow({ where: { email: "admin@mesures.test" } })
    ).id,
    0,
  ))!;
  const today = new Date();
  const call = await createCall(admin, {
    ...CALL_2025,
    slug: DRAFT_CALL_SLUG,
    title: "Appel ouvert des mesures de performance",
    year: today.getFullYear(),
    opensAt: new Date(today.getTime() - 7 * 86_400_000),
    deadlineAt: new Date(today.getTime() + 60 * 86_400_000),
    regionalDeadlineAt: null,
    nationalDeadlineAt: null,
    resultsAt: null,
  });
  await db().call.update({ where: { id: call.id }, data: { phase: "OPEN", publishedAt: today } });
  const levers = await db().callLever.findMany({ where: { callId: call.id } });
  const passwordHash = (await db().user.findUniqueOrThrow({ where: { id: admin.id } }))
    .passwordHash;
  const paragraph =
    "Le pôle réunit les acteurs du territoire autour d'un atelier partagé de réemploi. ".repeat(12);
  for (let i = 1; i <= DRAFT_WRITERS; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const departement = region.departements[0]!;
    const user = await db().user.create({
      data: {
        email: `redaction${i}@mesures.test`,
        name: `Rédaction ${i}`,
        passwordHash,
        emailVerifiedAt: today,
        roles: { create: { role: "APPLICANT" } },
      },
    });
    const pole = await db().pole.create({
      data: {
        ownerId: user.id,
        name: `Pôle en rédaction ${i}`,
        carrierName: "Association",
        siret: "73282932000074",
        legalForm: "ASSOCIATION",
        addressLine: "1 rue",
        postalCode: `${departement.code.padStart(2, "0")}000`.slice(0, 5),
        city: "Commune",
        departementCode: departement.code,
        regionCode: region.code,
        territoryType: "RURAL",
      },
    });
    await db().application.create({
      data: {
        callId: call.id,
        poleId: pole.id,
        ownerId: user.id,
        regionCode: region.code,
        territoryType: "RURAL",
        title: `Projet en rédaction ${i}`,
        presentation: paragraph,
        governance: paragraph,
        leverAnswers: { create: levers.map((l) => ({ leverId: l.id, text: paragraph })) },
        expenses: {
          create: [1, 2, 3, 4, 5, 6].map((n) => ({
            category: "PERSONNEL" as const,
            label: `Dépense ${n}`,
            year: n % 2 ? 1 : 2,
            amountCents: 10_000_00,
            position: n,
          })),
        },
        fundings: {
          create: [
            {
              source: "THIS_CALL" as const,
              year: 1,
              amountCents: 60_000_00,
              status: "REQUESTED" as const,
              position: 0,
            },
          ],
        },
      },
    });
  }
  console.log(`Brouillons générés : ${DRAFT_WRITERS} dossiers en rédaction.`);
}
