import "server-only";
// Submission of a dossier: every check on the server, once (a double click makes one submission),
// with a reference, the content frozen and fingerprinted, an acknowledgement of receipt by e-mail.
import { createHash } from "node:crypto";
import { budgetTotals } from "@/lib/applications/budget";
import { dossierProblems } from "@/lib/applications/completeness";
import { getApplication, loadDossier } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import { applicationFacts } from "@/lib/applications/facts";
import { applicationDraftSchema } from "@/lib/applications/schema";
import { canonicalJson } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { receiptMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { type ReceiptInput, receiptPdf } from "@/lib/pdf/receipt";
import { eligibility, poleSchema } from "@/lib/poles/schema";

type Dossier = Awaited<ReturnType<typeof getApplication>>["application"];

function poleProblems(pole: Dossier["pole"]): string[] {
  const parsed = poleSchema.safeParse({
    ...pole,
    qpvCode: pole.qpvCode ?? "",
    website: pole.website ?? "",
    members: pole.members,
  });
  const problems = parsed.success
    ? []
    : ["Le profil du pôle est incomplet ou invalide : complétez-le dans « Mon pôle »."];
  return [...problems, ...eligibility(pole.members).reasons];
}

/** What still prevents the submission, step by step (empty when the dossier can be submitted). */
export function submissionProblems(a: Dossier) {
  return dossierProblems({
    draft: applicationDraftSchema.parse(draftOf(a)),
    levers: a.call.levers,
    documentKinds: a.call.documentKinds,
    attachmentKindIds: a.attachments.map((x) => x.documentKindId),
    grant: { minCents: a.call.minGrantCents, maxCents: a.call.maxGrantCents },
    poleProblems: poleProblems(a.pole),
  });
}

/** The frozen content of a submitted dossier: what the fingerprint of the receipt covers. */
function snapshotOf(
  a: Dossier,
  submission: { reference: string; submittedAt: Date; submittedBy: { id: string; name: string } },
) {
  const { members, region, ...pole } = a.pole;
  return {
    ...submission,
    submittedAt: submission.submittedAt.toISOString(),
    declarationOnHonour: true,
    call: { id: a.call.id, title: a.call.title },
    pole: {
      ...pole,
      regionName: region.name,
      members: members.map(({ name, category, siret, isLegalPerson }) => ({
        name,
        category,
        siret,
        isLegalPerson,
      })),
    },
    dossier: draftOf(a),
    attachments: a.attachments.map(({ id, documentKindId, fileName, sha256, sizeBytes }) => ({
      id,
      documentKindId,
      fileName,
      sha256,
      sizeBytes,
    })),
  };
}
type Snapshot = ReturnType<typeof snapshotOf>;

/** The receipt says what was frozen at submission, whatever changed since (the pole's profile, say). */
function receiptInputOf(snapshot: Snapshot, a: Dossier, hash: string): ReceiptInput {
  const kinds = new Map(a.call.documentKinds.map((k) => [k.id, k.label]));
  return {
    reference: snapshot.reference,
    callTitle: snapshot.call.title,
    poleName: snapshot.pole.name,
    carrierName: snapshot.pole.carrierName,
    siret: snapshot.pole.siret,
    regionName: snapshot.pole.regionName,
    submittedAt: new Date(snapshot.submittedAt),
    submittedBy: snapshot.submittedBy.name,
    amountRequestedCents: budgetTotals(applicationDraftSchema.parse(snapshot.dossier)).requested,
    contentHash: hash,
    documents: snapshot.attachments.map((x) => ({
      label: kinds.get(x.documentKindId ?? "") ?? "Pièce",
      fileName: x.fileName,
      sha256: x.sha256,
    })),
  };
}

export async function submitApplication(
  actor: Actor,
  applicationId: string,
  input: { honour: unknown },
  now = new Date(),
) {
  const facts = await applicationFacts(applicationId);
  if (facts?.submitted && can(actor, "application.read", facts)) {
    // A second click, or a second tab: the dossier is already submitted, once.
    return db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { id: true, reference: true },
    });
  }
  assertCan(actor, "application.submit", facts);
  if (input.honour !== true)
    throw new AppError(
      "VALIDATION",
      "Cochez la déclaration sur l'honneur pour déposer le dossier.",
      { honour: ["Cochez la déclaration sur l'honneur."] },
    );

  const result = await db().$transaction(
    async (tx) => {
      // Under the dossier's lock, nothing changes between the checks and what is frozen.
      const [row] = await tx.$queryRaw<
        { status: string }[]
      >`SELECT status FROM "Application" WHERE id = ${applicationId} FOR UPDATE`;
      if (row?.status !== "DRAFT") return null; // submitted meanwhile by a concurrent request
      const a = await loadDossier(tx, applicationId);
      if (a.call.phase !== "OPEN" || now > a.call.deadlineAt) {
        throw new AppError(
          "INVALID_STATE",
          `La date limite de dépôt est passée (${formatDateTime(a.call.deadlineAt)}, heure de Paris) : le dossier ne peut plus être déposé.`,
        );
      }
      const problems = submissionProblems(a);
      if (problems.length)
        throw new AppError(
          "VALIDATION",
          `Le dossier ne peut pas encore être déposé : ${problems.map((p) => p.message).join(" ")}`,
        );
      const counter = await tx.referenceCounter.upsert({
        where: { year_regionCode: { year: a.call.year, regionCode: a.regionCode } },
        create: { year: a.call.year, regionCode: a.regionCode, last: 1 },
        update: { last: { increment: 1 } },
      });
      const region = await tx.region.findUniqueOrThrow({
        where: { code: a.regionCode },
        select: { slug: true },
      });
      const reference = `AMI${a.call.year}-${region.slug}-${String(counter.last).padStart(3, "0")}`;
      const snapshot = snapshotOf(a, {
        reference,
        submittedAt: now,
        submittedBy: { id: actor.id, name: actor.name },
      });
      const hash = createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
      await tx.application.update({
        where: { id: applicationId },
        data: {
          status: "SUBMITTED",
          reference,
          submittedAt: now,
          submittedHash: hash,
          snapshot: snapshot as never,
          honourDeclaredAt: now,
          version: { increment: 1 },
        },
      });
      await tx.statusChange.create({
        data: { applicationId, from: "DRAFT", to: "SUBMITTED", actorId: actor.id },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.submit",
        entityType: "Application",
        entityId: applicationId,
        after: { reference, hash },
      });
      // The acknowledgement goes with the submission, through the job queue; its PDF is made when it is sent
      // (and stays downloadable from the dossier).
      const owner = await tx.user.findUniqueOrThrow({
        where: { id: a.ownerId },
        select: { email: true, name: true },
      });
      const link = `${appUrl()}/mes-dossiers/${applicationId}`;
      await notify(tx, [
        {
          kind: "dossier.receipt",
          event: `dossier.receipt:${applicationId}`,
          mail: receiptMail({
            to: owner.email,
            name: owner.name,
            reference,
            callTitle: a.call.title,
            submittedAt: formatDateTime(now),
            link,
          }),
          link,
          documents: [
            { receiptOf: applicationId, filename: `accuse-de-reception-${reference}.pdf` },
          ],
          callId: a.call.id,
          applicationId,
        },
      ]);
      return { reference };
    },
    { timeout: 20_000 },
  );
  if (!result)
    return db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { id: true, reference: true },
    });
  return { id: applicationId, reference: result.reference };
}

/** The acknowledgement of receipt of a submitted dossier, for those who may read it. */
export async function receiptOf(actor: Actor, applicationId: string) {
  const { application: a } = await getApplication(actor, applicationId);
  return receiptDocument(a);
}

/** The acknowledgement of receipt as a PDF (for the dossier's page and the e-mail sent at submission). */
export async function receiptDocument(a: Dossier) {
  if (!a.reference || !a.snapshot || !a.submittedHash) throw new AppError("NOT_FOUND");
  const pdf = await receiptPdf(
    receiptInputOf(a.snapshot as unknown as Snapshot, a, a.submittedHash),
  );
  return { pdf, fileName: `accuse-de-reception-${a.reference}.pdf` };
}

/** Whether a dossier's frozen content still matches the fingerprint of its receipt. */
export function snapshotMatchesHash(snapshot: unknown, hash: string): boolean {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex") === hash;
}
