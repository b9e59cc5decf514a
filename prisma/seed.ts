// The demo data, written through the product's own commands. Idempotent: what exists is kept.

import {
  addAttachment,
  createApplication,
  saveDraft,
  submitApplication,
} from "@/lib/applications/mutations";
import { changeCallPhase, createCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { runDueJobs } from "@/lib/jobs/worker";
import { quietMailLog } from "@/lib/mail/transport";
import { savePole } from "@/lib/poles/mutations";
import { syncRegionCatalog } from "@/lib/regions/mutations";
import { loadActor } from "@/lib/users/data";
import { createUser } from "@/lib/users/mutations";
import {
  DEMO_PASSWORD,
  DEMO_PDF,
  DEMO_POLES,
  DEMO_USERS,
  demoDraft,
  nextEditionInput,
} from "./demo.ts";
import { ensureEdition2025 } from "./demo-2025.ts";
import { seedAfterDemo } from "./demo-after.ts";
import { seedNationalDemo } from "./demo-national.ts";

async function ensureUsers(): Promise<void> {
  for (const user of DEMO_USERS) {
    const exists = await db().user.findUnique({
      where: { email: user.email },
      select: { id: true },
    });
    if (!exists) await createUser(null, { ...user, password: DEMO_PASSWORD, emailVerified: true });
  }
}

async function ensureCall(
  admin: NonNullable<Awaited<ReturnType<typeof loadActor>>>,
  input: ReturnType<typeof nextEditionInput>,
  phases: CallPhase[],
) {
  const existing = await db().call.findUnique({
    where: { slug: input.slug },
    select: { id: true },
  });
  if (existing) return;
  const call = await createCall(admin, input);
  for (const phase of phases) await changeCallPhase(admin, call.id, phase);
}

export async function seedDemo(databaseUrl?: string): Promise<void> {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  // The demo accounts share a published password: never on a production database by mistake.
  if (process.env.NODE_ENV === "production" && process.env.ALLOW_DEMO_DATA !== "yes") {
    throw new Error(
      "Données de démonstration refusées en production (NODE_ENV=production) : définissez ALLOW_DEMO_DATA=yes pour passer outre.",
    );
  }
  await syncRegionCatalog();
  await ensureUsers();
  const adminUser = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS[0]!.email } });
  const admin = await loadActor(adminUser.id, adminUser.sessionVersion);
  if (!admin) throw new Error("Le compte administrateur de démonstration est désactivé.");
  // 2025, the whole story: 79 dossiers instructed by every regional cell, the national decision
  // published, the laureates' conventions and first payments (hundreds of e-mails, not logged).
  quietMailLog(true);
  try {
    await ensureEdition2025(admin);
    await seedNationalDemo(admin);
    await seedAfterDemo();
    await ensureCall(admin, nextEditionInput(), ["OPEN"]);
    await ensureDemoDossiers();
    // What the story queued (decision letters, receipts, e-mails) is done now, as the worker did at the time.
    await runDueJobs();
    await dateDemoNotifications();
  } finally {
    quietMailLog(false);
  }
  console.log("Données de démonstration prêtes.");
}

/**
 * The story's commands ran today with the dates of 2025 passed in: their notifications are dated by the
 * events they tell (a decision by its publication, a receipt by its submission…), as they would have been.
 */
async function dateDemoNotifications() {
  await db().$executeRaw`
    UPDATE "Notification" n SET "createdAt" = e.at, "sentAt" = CASE WHEN n."sentAt" IS NULL THEN NULL ELSE e.at END
    FROM (
      SELECT n2.id, CASE
        WHEN n2.kind IN ('decision.published', 'decision.promotion') THEN (SELECT d."publishedAt" FROM "Decision" d WHERE d."applicationId" = n2."applicationId")
        WHEN n2.kind = 'dossier.receipt' THEN (SELECT a."submittedAt" FROM "Application" a WHERE a.id = n2."applicationId")
        WHEN n2.kind = 'convention.sent' THEN (SELECT c."sentAt" FROM "Convention" c WHERE c."applicationId" = n2."applicationId")
        WHEN n2.kind = 'convention.signed' THEN (SELECT c."signedByPoleAt" FROM "Convention" c WHERE c."applicationId" = n2."applicationId")
        WHEN n2.kind = 'convention.countersigned' THEN (SELECT c."countersignedAt" FROM "Convention" c WHERE c."applicationId" = n2."applicationId")
        WHEN n2.kind = 'payment.recorded' THEN (SELECT max(p."paidOn") FROM "Payment" p JOIN "Convention" c ON c.id = p."conventionId" WHERE c."applicationId" = n2."applicationId")
        WHEN n2.kind IN ('dossier.inadmissible', 'evaluation.assigned') THEN (SELECT max(s.at) FROM "StatusChange" s WHERE s."applicationId" = n2."applicationId" AND s."to" IN ('INADMISSIBLE', 'UNDER_REVIEW'))
        WHEN n2.kind = 'region.finalized' THEN (SELECT max(r."finalizedAt") FROM "RegionalReview" r WHERE r."callId" = n2."callId")
      END AS at
      FROM "Notification" n2
    ) e
    WHERE e.id = n.id AND e.at IS NOT NULL AND e.at < n."createdAt"`;
}

/** Two applicants already at work on the open call: one draft, one submitted dossier. */
async function ensureDemoDossiers() {
  const call = await db().call.findFirst({
    where: { phase: "OPEN" },
    orderBy: { opensAt: "desc" },
    include: { levers: true, documentKinds: true },
  });
  if (!call) return;
  for (const demo of DEMO_POLES) {
    const user = await db().user.findUniqueOrThrow({ where: { email: demo.email } });
    if (await db().pole.findFirst({ where: { ownerId: user.id } })) continue;
    const applicant = (await loadActor(user.id, user.sessionVersion))!;
    await savePole(applicant, null, demo.pole);
    const { id } = await createApplication(applicant, call.id);
    const draft = demoDraft(call.levers.map((l) => l.id));
    await saveDraft(applicant, id, {
      version: 0,
      draft: demo.submit
        ? draft
        : { ...draft, fundings: draft.fundings.slice(0, 1), expenses: draft.expenses.slice(0, 2) },
    });
    if (!demo.submit) continue;
    for (const kind of call.documentKinds.filter((k) => k.required))
      await addAttachment(applicant, id, kind.id, { name: `${kind.code}.pdf`, bytes: DEMO_PDF });
    await submitApplication(applicant, id, { honour: true });
  }
}

export function printDemoAccounts(): void {
  console.log(`\nComptes de démonstration (mot de passe commun : ${DEMO_PASSWORD})`);
  for (const u of DEMO_USERS) {
    const roles = u.roles.map((r) => r.role + (r.regionCode ? ` ${r.regionCode}` : "")).join(", ");
    console.log(`  ${u.email.padEnd(42)} ${u.name.padEnd(18)} ${roles}`);
  }
}
