import { describe, expect, it } from "vitest";
import { getApplication } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import { createApplication, saveDraft } from "@/lib/applications/mutations";
import { db } from "@/lib/db";
import { savePole } from "@/lib/poles/mutations";
import { makeActor, makeApplicantWithPole, makeOpenCall, POLE_INPUT } from "../fixtures/factories";

async function openDossier() {
  const { call } = await makeOpenCall();
  const { applicant, pole } = await makeApplicantWithPole();
  const { id } = await createApplication(applicant, call.id);
  const { application } = await getApplication(applicant, id);
  return { call, applicant, pole, id, draft: draftOf(application) };
}

describe("pole profile", () => {
  it("saves the pole with its region from the département, and refuses a postal code of another département", async () => {
    const { applicant, pole } = await makeApplicantWithPole();
    expect(await db().pole.findUniqueOrThrow({ where: { id: pole.id } })).toMatchObject({
      regionCode: "53",
      siret: "73282932000074",
      website: "https://www.bocage-en-commun.fr",
    });
    await expect(
      savePole(applicant, pole.id, { ...POLE_INPUT, postalCode: "29200" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { postalCode: ["Ce code postal n'appartient pas au département choisi."] },
    });
    await expect(
      savePole(applicant, pole.id, { ...POLE_INPUT, siret: "73282932000075" }),
    ).rejects.toMatchObject({
      fieldErrors: {
        siret: ["Ce numéro SIRET n'est pas valide : vérifiez-le sur l'avis de situation INSEE."],
      },
    });
  });
  it("is edited by its owner only", async () => {
    const { pole } = await makeApplicantWithPole();
    const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(savePole(other, pole.id, POLE_INPUT)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(savePole(cna, null, POLE_INPUT)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("dossier draft", () => {
  it("opens one dossier per pole and call, routed to the pole's region", async () => {
    const { call, applicant, id } = await openDossier();
    expect(await createApplication(applicant, call.id)).toEqual({ id });
    expect(await db().application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "DRAFT",
      regionCode: "53",
      version: 0,
    });
  });

  it("needs a pole first, and an open call", async () => {
    const { call } = await makeOpenCall();
    const applicant = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(createApplication(applicant, call.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const { applicant: withPole } = await makeApplicantWithPole();
    await expect(
      createApplication(withPole, call.id, new Date(Date.now() + 365 * 86_400_000)),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Les candidatures à cet appel sont closes.",
    });
  });

  it("autosaves every section and computes the amount requested from the funding plan", async () => {
    const { applicant, id, draft } = await openDossier();
    const saved = await saveDraft(applicant, id, {
      version: 0,
      draft: {
        ...draft,
        presentation: "Un pôle qui relocalise la filière bois.",
        leverAnswers: draft.leverAnswers.map((a) => ({ ...a, text: "Réponse détaillée." })),
        expenses: [
          { category: "PERSONNEL", label: "Coordinatrice", year: 1, amountCents: 60_000_00 },
        ],
        fundings: [
          {
            source: "THIS_CALL",
            funderName: "",
            year: 1,
            amountCents: 40_000_00,
            status: "REQUESTED",
          },
          {
            source: "REGIONAL_COUNCIL",
            funderName: "Région Bretagne",
            year: 1,
            amountCents: 20_000_00,
            status: "SECURED",
          },
        ],
      },
    });
    expect(saved.version).toBe(1);
    const { application } = await getApplication(applicant, id);
    expect(application).toMatchObject({
      presentation: "Un pôle qui relocalise la filière bois.",
      amountRequestedCents: 40_000_00,
      version: 1,
    });
    expect(application.leverAnswers.every((a) => a.text === "Réponse détaillée.")).toBe(true);
  });

  it("never lets a second writer silently overwrite the first (optimistic locking)", async () => {
    const { applicant, id, draft } = await openDossier();
    await saveDraft(applicant, id, { version: 0, draft: { ...draft, presentation: "Onglet A" } });
    await expect(
      saveDraft(applicant, id, { version: 0, draft: { ...draft, presentation: "Onglet B" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getApplication(applicant, id)).application.presentation).toBe("Onglet A");
  });

  it("refuses another applicant, a tampered payload and an edit after submission", async () => {
    const { applicant, id, draft } = await openDossier();
    const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(saveDraft(other, id, { version: 0, draft })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getApplication(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveDraft(applicant, id, {
        version: 0,
        draft: { ...draft, presentation: "x".repeat(10_001) },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    // U+0000 pasted into a field: refused at the field, not a database failure; the draft kept as it was.
    await expect(
      saveDraft(applicant, id, { version: 0, draft: { ...draft, presentation: "Pôle\u0000" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "draft.presentation": [expect.stringContaining("caractère invisible")] },
    });
    await expect(
      savePole(applicant, null, { ...POLE_INPUT, name: "Bocage\u0000" }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { name: [expect.any(String)] } });
    await expect(
      saveDraft(applicant, id, {
        version: 0,
        draft: { ...draft, leverAnswers: [{ leverId: "inconnu", text: "" }] },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      saveDraft(applicant, id, {
        version: 0,
        draft: {
          ...draft,
          expenses: [{ category: "PERSONNEL", label: "x", year: 3, amountCents: 1 }],
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await db().application.update({
      where: { id },
      data: { status: "SUBMITTED", submittedAt: new Date() },
    });
    await expect(saveDraft(applicant, id, { version: 0, draft })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
