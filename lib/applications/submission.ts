import "server-only";
// Submission of a dossier: every check on the server, once (a double click makes one submission),
// with a reference, the content frozen and fingerprinted, an acknowledgement of receipt by e-mail.
import { createHash } from "node:crypto";
import { applicationFacts } from "@/lib/applications/facts";
import { dossierProblems } from "@/lib/applications/completeness";
import { getApplication } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import { applicationDraftSchema } from "@/lib/applications/schema";
import { canonicalJson } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/log";
import { assertCan, can, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { receiptMail } from "@/lib/mail/templates";
import { sendMail } from "@/lib/mail/transport";
import { receiptPdf, type ReceiptInput } from "@/lib/pdf/receipt";
import { eligibility, poleSchema } from "@/lib/poles/schema";

type Dossier = Awaited<ReturnType<typeof getApplication>>["application"];

function poleProblems(pole: Dossier["pole"]): string[] {
  const parsed = poleSchema.safeParse({ ...pole, qpvCode: pole.qpvCode ?? "", website: pole.website ?? "", members: pole.members });
  const problems = parsed.success ? [] : ["Le profil du pôle est incomplet ou invalide : complétez-le dans « Mon pôle »."];
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
function snapshotOf(a: Dossier) {
  const { members, region: _region, ...pole } = a.pole;
  return {
    call: { id: a.call.id, title: a.call.title },
    pole: { ...pole, members: members.map(({ name, category, siret, isLegalPerson }) => ({ name, category, siret, isLegalPerson })) },
    dossier: draftOf(a),
    attachments: a.attachments.map(({ id, documentKindId, fileName, sha256, sizeBytes }) => ({ id, documentKindId, fileName, sha256, sizeBytes })),
  };
}

export function receiptInputOf(a: Dossier & { reference: string; submittedAt: Date; submittedHash: string }, submittedBy: string): ReceiptInput {
  const kinds = new Map(a.call.documentKinds.map((k) => [k.id, k.label]));
  return {
    reference: a.reference,
    callTitle: a.call.title,
    poleName: a.pole.name,
    carrierName: a.pole.carrierName,
    siret: a.pole.siret,
    regionName: a.pole.region.name,
    submittedAt: a.submittedAt,
    submittedBy,
    amountRequestedCents: a.amountRequestedCents ?? 0,
    contentHash: a.submittedHash,
    documents: a.attachments.map((x) => ({ label: kinds.get(x.documentKindId ?? "") ?? "Pièce", fileName: x.fileName, sha256: x.sha256 })),
  };
}

export async function submitApplication(actor: Actor, applicationId: string, input: { honour: unknown }, now = new Date()) {
  const facts = await applicationFacts(applicationId);
  if (facts?.submitted && can(actor, "application.read", facts)) {
    // A second click, or a second tab: the dossier is already submitted, once.
    return db().application.findUniqueOrThrow({ where: { id: applicationId }, select: { id: true, reference: true } });
  }
  assertCan(actor, "application.submit", facts ?? undefined);
  const { application: a } = await getApplication(actor, applicationId);
  if (a.call.phase !== "OPEN" || now > a.call.deadlineAt) {
    throw new AppError("INVALID_STATE", `La date limite de dépôt est passée (${formatDateTime(a.call.deadlineAt)}, heure de Paris) : le dossier ne peut plus être déposé.`);
  }
  const problems = submissionProblems(a);
  if (problems.length) throw new AppError("VALIDATION", `Le dossier ne peut pas encore être déposé : ${problems.map((p) => p.message).join(" ")}`);
  if (input.honour !== true) throw new AppError("VALIDATION", "Cochez la déclaration sur l'honneur pour déposer le dossier.", { honour: ["Cochez la déclaration sur l'honneur."] });

  const snapshot = snapshotOf(a);
  const hash = createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
  const submitted = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Application" WHERE id = ${applicationId} FOR UPDATE`;
    if (locked[0]?.status !== "DRAFT") return null; // submitted meanwhile by a concurrent request
    const counter = await tx.referenceCounter.upsert({
      where: { callId_regionCode: { callId: a.callId, regionCode: a.regionCode } },
      create: { callId: a.callId, regionCode: a.regionCode, last: 1 },
      update: { last: { increment: 1 } },
    });
    const region = await tx.region.findUniqueOrThrow({ where: { code: a.regionCode }, select: { slug: true } });
    const reference = `AMI${a.call.year}-${region.slug}-${String(counter.last).padStart(3, "0")}`;
    await tx.application.update({
      where: { id: applicationId },
      data: { status: "SUBMITTED", reference, submittedAt: now, submittedHash: hash, snapshot: snapshot as never, honourDeclaredAt: now, version: { increment: 1 } },
    });
    await tx.statusChange.create({ data: { applicationId, from: "DRAFT", to: "SUBMITTED", actorId: actor.id } });
    await recordAudit(tx, { actorId: actor.id, action: "application.submit", entityType: "Application", entityId: applicationId, after: { reference, hash } });
    return { id: applicationId, reference };
  });
  if (!submitted) return db().application.findUniqueOrThrow({ where: { id: applicationId }, select: { id: true, reference: true } });

  // The acknowledgement is sent after the commit; a mail failure does not undo the submission
  // (the receipt stays downloadable from the dossier).
  try {
    const pdf = await receiptPdf(receiptInputOf({ ...a, reference: submitted.reference, submittedAt: now, submittedHash: hash }, actor.name));
    const owner = await db().user.findUniqueOrThrow({ where: { id: a.ownerId }, select: { email: true, name: true } });
    await sendMail(
      receiptMail({ to: owner.email, name: owner.name, reference: submitted.reference, callTitle: a.call.title, submittedAt: formatDateTime(now), link: `${appUrl()}/mes-dossiers/${applicationId}`, pdf }),
    );
  } catch (error) {
    console.error("Accusé de réception non envoyé", error);
  }
  return submitted;
}

/** The acknowledgement of receipt of a submitted dossier, for those who may read it. */
export async function receiptOf(actor: Actor, applicationId: string) {
  const { application: a } = await getApplication(actor, applicationId);
  if (!a.reference || !a.submittedAt || !a.submittedHash) throw new AppError("NOT_FOUND");
  const submitter = await db().statusChange.findFirst({ where: { applicationId, to: "SUBMITTED" }, orderBy: { at: "asc" } });
  const by = submitter?.actorId ? await db().user.findUnique({ where: { id: submitter.actorId }, select: { name: true } }) : null;
  const pdf = await receiptPdf(receiptInputOf({ ...a, reference: a.reference, submittedAt: a.submittedAt, submittedHash: a.submittedHash }, by?.name ?? ""));
  return { pdf, fileName: `accuse-de-reception-${a.reference}.pdf` };
}
