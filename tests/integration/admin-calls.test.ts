import { describe, expect, it } from "vitest";
import { CALL_LISTS, getCallForAdmin } from "@/lib/calls/data";
import { callFormValues } from "@/lib/calls/form";
import { duplicateCall, updateCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";

async function valuesOf(callId: string) {
  return callFormValues(
    await db().call.findUniqueOrThrow({ where: { id: callId }, include: CALL_LISTS }),
  );
}

describe("editing a call", () => {
  it("changes dates typed as Paris days and the grid, keeping criteria ids by code", async () => {
    const { call, admin } = await makeCall();
    const values = await valuesOf(call.id);
    const before = await db().criterion.findFirstOrThrow({
      where: { callId: call.id, code: "animation" },
    });
    await updateCall(admin, call.id, {
      ...values,
      deadlineAt: "2026-11-02",
      opensAt: "2026-10-02",
      regionalDeadlineAt: "2026-11-20",
      nationalDeadlineAt: "",
      resultsAt: "",
      criteria: values.criteria.map((k) =>
        k.code === "animation"
          ? { ...k, weightBps: 3000 }
          : k.code === "recherche"
            ? { ...k, weightBps: 1000 }
            : k,
      ),
    });
    const after = await db().call.findUniqueOrThrow({
      where: { id: call.id },
      include: { criteria: true },
    });
    expect(after.deadlineAt.toISOString()).toBe("2026-11-02T22:59:59.000Z");
    expect(after.opensAt.toISOString()).toBe("2026-10-01T22:00:00.000Z");
    expect(after.nationalDeadlineAt).toBeNull();
    expect(after.criteria.find((k) => k.code === "animation")).toMatchObject({
      id: before.id,
      weightBps: 3000,
    });
    expect(
      await db().auditEvent.count({ where: { action: "call.update", entityId: call.id } }),
    ).toBe(1);
  });

  it("refuses incoherent values at their fields", async () => {
    const { call, admin } = await makeCall();
    const values = await valuesOf(call.id);
    const errors = await updateCall(admin, call.id, {
      ...values,
      opensAt: "2026-10-02",
      deadlineAt: "2026-09-01",
      minGrantCents: 90_000_00,
      criteria: values.criteria.map((k, i) => (i === 0 ? { ...k, weightBps: 100 } : k)),
    }).catch((e) => e.fieldErrors);
    expect(errors).toMatchObject({
      deadlineAt: ["La date limite de dépôt doit suivre la date d'ouverture."],
      minGrantCents: ["Le montant minimum doit être inférieur ou égal au maximum."],
      criteria: ["Les pondérations doivent totaliser 100 % (actuellement 76 %)."],
    });
  });

  it("freezes the grid once scoring has started, but still allows other edits", async () => {
    const { call, admin } = await makeCall();
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const evaluator = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
    const application = await makeApplication({ callId: call.id, owner });
    await db().evaluation.create({
      data: { applicationId: application.id, evaluatorId: evaluator.id },
    });
    const values = await valuesOf(call.id);
    await expect(
      updateCall(admin, call.id, {
        ...values,
        criteria: values.criteria.map((k, i) => (i === 0 ? { ...k, label: "Autre intitulé" } : k)),
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "La grille d'évaluation ne peut plus changer : la notation des dossiers a commencé.",
    });
    await updateCall(admin, call.id, { ...values, title: "Nouveau titre" });
    expect((await getCallForAdmin(admin, call.id))?.call.title).toBe("Nouveau titre");
    expect((await getCallForAdmin(admin, call.id))?.scoringStarted).toBe(true);
  });

  it("keeps a document kind that dossiers already use", async () => {
    const { call, admin } = await makeCall();
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const application = await makeApplication({ callId: call.id, owner });
    const rib = await db().documentKind.findFirstOrThrow({
      where: { callId: call.id, code: "rib" },
    });
    await db().attachment.create({
      data: {
        purpose: "APPLICATION_DOCUMENT",
        applicationId: application.id,
        documentKindId: rib.id,
        fileName: "rib.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
        storageKey: "k1",
        uploadedById: owner.id,
      },
    });
    const values = await valuesOf(call.id);
    await expect(
      updateCall(admin, call.id, {
        ...values,
        documentKinds: values.documentKinds.filter((d) => d.code !== "rib"),
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await db().documentKind.count({ where: { callId: call.id } })).toBe(6);
  });
});

describe("duplicating a call", () => {
  it("creates the next edition in preparation, a year later, with the same grid and documents", async () => {
    const { call, admin } = await makeCall();
    const copy = await duplicateCall(admin, call.id);
    const again = await duplicateCall(admin, call.id);
    expect(again.slug).toBe(`${copy.slug}-2`);
    const [source, next] = await Promise.all([valuesOf(call.id), valuesOf(copy.id)]);
    const created = await db().call.findUniqueOrThrow({ where: { id: copy.id } });
    expect(created.phase).toBe("DRAFT");
    expect(created.deadlineAt.toISOString()).toBe("2026-11-02T22:59:59.000Z");
    expect(next.year).toBe(source.year + 1);
    expect(next.criteria).toEqual(source.criteria);
    expect(next.documentKinds).toEqual(source.documentKinds);
    expect(next.tranches).toEqual(source.tranches);
  });
  it("is an administration action only", async () => {
    const { call } = await makeCall();
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(duplicateCall(cna, call.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCallForAdmin(cna, call.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the selection rules and the grantor of a call", () => {
  // A call whose grantor is not yet known, as an administrator creates it.
  const NO_GRANTOR = { grantorName: "", grantorSiret: "" };
  const refusal = async (changes: Record<string, unknown>) => {
    const { call, admin } = await makeCall(undefined, NO_GRANTOR);
    const values = await valuesOf(call.id);
    const error = await updateCall(admin, call.id, { ...values, ...changes } as typeof values).then(
      () => null,
      (e: { code: string; fieldErrors?: Record<string, string[]> }) => e,
    );
    expect(error?.code).toBe("VALIDATION");
    // Nothing was written.
    expect(
      await db().call.findUniqueOrThrow({
        where: { id: call.id },
        select: { qualityThreshold: true, reserveListLength: true, grantorSiret: true },
      }),
    ).toEqual({ qualityThreshold: 0, reserveListLength: 5, grantorSiret: "" });
    return error?.fieldErrors;
  };

  it("saves the method, threshold, reserve length, adjusted last grant and grantor, and reads them back", async () => {
    const { call, admin } = await makeCall(undefined, NO_GRANTOR);
    expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      selectionMethod: "MERIT_ORDER",
      qualityThreshold: 0,
      reserveListLength: 5,
      adjustLastGrant: false,
      grantorName: "",
      grantorSiret: "",
    });
    const values = await valuesOf(call.id);
    await updateCall(admin, call.id, {
      ...values,
      selectionMethod: "MAX_SCORE",
      qualityThreshold: 6550,
      reserveListLength: 0,
      adjustLastGrant: true,
      grantorName: "  Ministère chargé de l'économie sociale et solidaire ",
      grantorSiret: "110 002 011 00044",
    });
    expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      selectionMethod: "MAX_SCORE",
      qualityThreshold: 6550,
      reserveListLength: 0,
      adjustLastGrant: true,
      grantorName: "Ministère chargé de l'économie sociale et solidaire",
      grantorSiret: "11000201100044",
    });
    expect(await valuesOf(call.id)).toMatchObject({
      qualityThreshold: 6550,
      reserveListLength: 0,
      grantorSiret: "11000201100044",
    });
    await updateCall(admin, call.id, {
      ...(await valuesOf(call.id)),
      qualityThreshold: 10_000,
      reserveListLength: 50,
    });
    expect(
      await db().call.findUniqueOrThrow({
        where: { id: call.id },
        select: { qualityThreshold: true, reserveListLength: true },
      }),
    ).toEqual({ qualityThreshold: 10_000, reserveListLength: 50 });
  });

  it("refuses a threshold above 100", async () => {
    expect(await refusal({ qualityThreshold: 10_001 })).toEqual({
      qualityThreshold: ["Le seuil de qualité va de 0 à 100."],
    });
  });
  it("refuses a negative threshold", async () => {
    expect(await refusal({ qualityThreshold: -1 })).toEqual({
      qualityThreshold: ["Le seuil de qualité va de 0 à 100."],
    });
  });
  it("refuses a threshold with more than two decimals", async () => {
    expect(await refusal({ qualityThreshold: 6550.5 })).toEqual({
      qualityThreshold: ["Le seuil de qualité s'écrit avec deux décimales au plus."],
    });
  });
  it("refuses a reserve list length below 0", async () => {
    expect(await refusal({ reserveListLength: -1 })).toEqual({
      reserveListLength: ["La longueur de la liste complémentaire ne peut pas être négative."],
    });
  });
  it("refuses a reserve list length above 50", async () => {
    expect(await refusal({ reserveListLength: 51 })).toEqual({
      reserveListLength: ["La liste complémentaire compte au plus 50 dossiers."],
    });
  });
  it("refuses an unknown selection method", async () => {
    expect(await refusal({ selectionMethod: "TIRAGE_AU_SORT" })).toEqual({
      selectionMethod: ["Choisissez la méthode de sélection."],
    });
  });
  it("refuses a grantor SIRET with a wrong key or a wrong length, and a grantor half filled in", async () => {
    expect(await refusal({ grantorName: "Ministère", grantorSiret: "11000201100045" })).toEqual({
      grantorSiret: [
        "Ce numéro SIRET n'est pas valide : vérifiez-le sur l'avis de situation INSEE.",
      ],
    });
    expect(await refusal({ grantorName: "Ministère", grantorSiret: "1100020110004" })).toEqual({
      grantorSiret: ["Le numéro SIRET doit comporter 14 chiffres."],
    });
    expect(await refusal({ grantorName: "", grantorSiret: "11000201100044" })).toEqual({
      grantorName: ["Saisissez le nom de l'autorité attribuante."],
    });
    expect(await refusal({ grantorName: "Ministère", grantorSiret: "" })).toEqual({
      grantorSiret: ["Saisissez le numéro SIRET de l'autorité attribuante."],
    });
  });

  it("freezes the selection rules once the decisions are finalised, but not the grantor", async () => {
    const { call, admin } = await makeCall(undefined, { qualityThreshold: 6000 });
    await db().call.update({ where: { id: call.id }, data: { decisionsFinalizedAt: new Date() } });
    const values = await valuesOf(call.id);
    const message =
      "Les règles de sélection ne peuvent plus changer : la liste des décisions est finalisée.";
    for (const change of [
      { qualityThreshold: 6500 },
      { reserveListLength: 3 },
      { selectionMethod: "MAX_SCORE" as const },
      { adjustLastGrant: true },
      { envelopeCents: 600_000_00 },
      { priorities: [] },
    ]) {
      await expect(updateCall(admin, call.id, { ...values, ...change })).rejects.toMatchObject({
        code: "INVALID_STATE",
        message,
        fieldErrors: { [Object.keys(change)[0]!]: [message] },
      });
    }
    await updateCall(admin, call.id, {
      ...values,
      grantorName: "Ministère chargé de l'économie sociale et solidaire",
      grantorSiret: "11000201100044",
      title: "Nouveau titre",
    });
    expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      qualityThreshold: 6000,
      reserveListLength: 5,
      grantorSiret: "11000201100044",
      title: "Nouveau titre",
    });
  });

  it("copies the rules and the grantor into the next edition", async () => {
    const { call, admin } = await makeCall(undefined, {
      selectionMethod: "MAX_SCORE",
      qualityThreshold: 7025,
      reserveListLength: 8,
      adjustLastGrant: true,
      grantorName: "Ministère",
      grantorSiret: "11000201100044",
    });
    await db().call.update({ where: { id: call.id }, data: { decisionsFinalizedAt: new Date() } });
    const copy = await duplicateCall(admin, call.id);
    expect(await db().call.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({
      selectionMethod: "MAX_SCORE",
      qualityThreshold: 7025,
      reserveListLength: 8,
      adjustLastGrant: true,
      grantorName: "Ministère",
      grantorSiret: "11000201100044",
      decisionsFinalizedAt: null,
    });
  });
});
