import "server-only";
// What a submission checks and freezes (its problems, the snapshot and its fingerprint, the receipt):
// submitApplication (lib/applications/mutations.ts) does it once, under the dossier's lock.
import { createHash } from "node:crypto";
import { budgetTotals } from "@/lib/applications/budget";
import { dossierProblems } from "@/lib/applications/completeness";
import type { ApplicationView } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import { applicationDraftSchema } from "@/lib/applications/schema";
import { canonicalJson } from "@/lib/audit/chain";
import { AppError } from "@/lib/errors";
import { type ReceiptInput, receiptPdf } from "@/lib/pdf/receipt";
import { eligibility, poleSchema } from "@/lib/poles/schema";

type Dossier = ApplicationView;

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
export function snapshotOf(
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
