import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { evidenceOf, evidencePackOf, minutesOf, NOT_FINALIZED } from "@/lib/evidence/data";
import { rerunFromPack } from "@/lib/evidence/pack";
import { decisionLetterOf, getPublishedDecision } from "@/lib/national/data";
import {
  acceptSelection,
  declareNationalInterest,
  finalizeDecisions,
  promoteReserve,
  publishDecisions,
  renounceGrant,
  reviewDossier,
  updateDecision,
} from "@/lib/national/mutations";
import { makeActor } from "../fixtures/factories";
import { settleJobs } from "../fixtures/jobs";
import { pdfText } from "../fixtures/pdf-text";
import { type DossierSpec, makeCnaMember, makeRegionalResults } from "../fixtures/regional-results";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

// 200 000 € envelope, merit order: A (80 000, rural) + B (60 000, QPV) + C (50 000, urban) = 190 000 €;
// D (75 000 €) no longer fits and E follow on the reserve list; F has an unfavourable opinion.
const SPECS: DossierSpec[] = [
  {
    regionCode: "53",
    territoryType: "RURAL",
    opinion: "FAVORABLE",
    score: 9000,
    amountCents: 80_000_00,
  },
  {
    regionCode: "76",
    territoryType: "QPV",
    opinion: "FAVORABLE",
    score: 8500,
    amountCents: 60_000_00,
  },
  {
    regionCode: "32",
    territoryType: "URBAN",
    opinion: "FAVORABLE",
    score: 8000,
    amountCents: 50_000_00,
  },
  {
    regionCode: "53",
    territoryType: "URBAN",
    opinion: "RESERVED",
    score: 7000,
    amountCents: 75_000_00,
  },
  {
    regionCode: "76",
    territoryType: "RURAL",
    opinion: "RESERVED",
    score: 6000,
    amountCents: 40_000_00,
  },
  {
    regionCode: "32",
    territoryType: "URBAN",
    opinion: "UNFAVORABLE",
    score: 4000,
    amountCents: 40_000_00,
  },
];
const FINALIZED_AT = new Date("2025-12-10T15:30:00Z");
const CONFLICT = "Membre du conseil d'administration de la structure porteuse.";
const JUSTIFICATION =
  "Le dossier E ne remplit plus la condition de gouvernance partagée exigée par l'appel.";
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A call decided by two CNA members: one national score adjusted, one line edited away from the merit order. */
async function decided() {
  const results = await makeRegionalResults(SPECS, {
    callOverrides: { envelopeCents: 200_000_00 },
  });
  const [a, b, c, d, e, f] = results.dossiers;
  const claire = await makeCnaMember(results.dossiers, "Claire Martin");
  const paul = await makeActor([{ role: "CNA_MEMBER", regionCode: null }], "Paul Durand");
  for (const x of results.dossiers)
    await declareNationalInterest(
      paul,
      x.id,
      x.id === d!.id ? { hasConflict: true, reason: CONFLICT } : { hasConflict: false },
    );
  await reviewDossier(claire, c!.id, {
    score: 8200,
    amountCents: 50_000_00,
    scoreJustification: "Harmonisation avec la sévérité des autres régions.",
  });
  await acceptSelection(claire, results.call.id);
  return { ...results, claire, paul, a: a!, b: b!, c: c!, d: d!, e: e!, f: f! };
}

describe("the jury's evidence", () => {
  it("refused before finalisation and to anyone outside the national cell; then the pack's hashes match its files and the minutes list the overrides and declarations", async () => {
    const { call, claire, paul, a, c, d, e, cells } = await decided();
    for (const read of [evidenceOf, minutesOf, evidencePackOf]) {
      await expect(read(claire, call.id)).rejects.toMatchObject({
        code: "INVALID_STATE",
        message: NOT_FINALIZED,
      });
    }
    await updateDecision(paul, e.id, {
      outcome: "NOT_RETAINED",
      reasons: "Votre projet n'est pas retenu après examen de sa gouvernance.",
    });
    await expect(finalizeDecisions(claire, call.id, {}, FINALIZED_AT)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await finalizeDecisions(claire, call.id, { justification: JUSTIFICATION }, FINALIZED_AT);

    const coordinator = cells.get("53")!.coordinator;
    for (const outsider of [a.owner, coordinator]) {
      await expect(evidencePackOf(outsider, call.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(minutesOf(outsider, call.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(evidencePackOf(claire, "appel-inexistant")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const pack = await evidencePackOf(claire, call.id);
    expect(pack.fileName).toBe(`pieces-du-jury-${call.slug}.zip`);
    const files = unzipSync(pack.zip);
    expect(Object.keys(files).sort()).toEqual([
      "LISEZMOI.txt",
      "candidats.csv",
      "candidats.json",
      "decisions.csv",
      "empreintes.txt",
      "proces-verbal.pdf",
      "regles.json",
      "resultat.csv",
      "resultat.json",
    ]);
    const hashes = strFromU8(files["empreintes.txt"]!)
      .trim()
      .split("\n")
      .map((l) => l.split("  ") as [string, string]);
    expect(hashes.map(([, name]) => name).sort()).toEqual(
      Object.keys(files)
        .filter((n) => n !== "empreintes.txt")
        .sort(),
    );
    for (const [hash, name] of hashes) expect(sha(files[name]!)).toBe(hash);

    // The minutes: the same PDF as in the pack, with the data files' hashes, the members and their declarations,
    // the method, the ranking with the funding line, every override and its justification, the final list.
    const minutes = await minutesOf(claire, call.id);
    expect(minutes.fileName).toBe(`pv-${call.slug}.pdf`);
    expect(Buffer.from(minutes.pdf).equals(Buffer.from(files["proces-verbal.pdf"]!))).toBe(true);
    const text = await pdfText(minutes.pdf);
    for (const [hash, name] of hashes)
      if (name.endsWith(".csv") || name.endsWith(".json")) expect(text).toContain(hash);
    const ref = (x: { reference: string }) => x.reference;
    for (const expected of [
      "Liste des décisions arrêtée le 10 décembre 2025 à 16 h 30",
      "Claire Martin Dossiers analysés (second niveau) : 1",
      "Paul Durand Dossiers analysés (second niveau) : 0",
      `Conflit d'intérêts déclaré pour 1 dossier (le membre n'a pas eu accès au dossier) : – ${ref(d)} : ${CONFLICT}`,
      "Absence de conflit déclarée pour 5 dossiers",
      "Absence de conflit déclarée pour 6 dossiers",
      "Méthode : Ordre de mérite",
      "Enveloppe : 200 000 €",
      "Ligne de financement : 82,00 / 100 (note du dernier dossier financé)",
      `${ref(c)} (analyse de Claire Martin) Note : 80,00 (régionale) portée à 82,00 (nationale). Justification : Harmonisation avec la sévérité des autres régions.`,
      `${ref(e)}, le`,
      "par Paul Durand : avant, Liste complémentaire (rang 2), 40 000 € ; après, Non retenu.",
      `Justification écrite de la cellule : ${JUSTIFICATION}`,
      "Lauréats (3), dans l'ordre du classement",
      "Liste complémentaire (1), dans son ordre",
    ]) {
      expect(text).toContain(expected);
    }
    for (const x of [a, c, d, e]) expect(text).toContain(x.reference);
    expect(text).not.toContain(cells.get("53")!.evaluators[0]!.name); // the regional evaluators did not sit

    // The frozen score and rank of the finalisation are in decisions.csv; re-running gives resultat.json.
    const decisionsCsv = strFromU8(files["decisions.csv"]!);
    expect(decisionsCsv).toContain(`1;${ref(a)};`);
    expect(decisionsCsv).toContain(`5;${ref(e)};`);
    const [candidatesJson, rulesJson, resultJson] = [
      "candidats.json",
      "regles.json",
      "resultat.json",
    ].map((n) => strFromU8(files[n]!));
    expect(rerunFromPack(candidatesJson!, rulesJson!)).toBe(resultJson);
    expect(JSON.parse(resultJson!).reserve.map((r: { reference: string }) => r.reference)).toEqual([
      ref(d),
      ref(e),
    ]); // the rule's list, which the cell departed from
    expect(JSON.parse(candidatesJson!).find((x: { id: string }) => x.id === c.id)).toMatchObject({
      score: 8200,
      amountCents: 50_000_00,
      opinion: "FAVORABLE",
      tieBreak: ref(c),
    });

    // Section 4: the departures exactly as the finalisation recorded them (what the cell saw and justified).
    const finalized = await db().auditEvent.findFirstOrThrow({
      where: { action: "national.decisions.finalize", entityId: call.id },
    });
    const recorded = (finalized.after as { departures: string[] }).departures;
    expect(recorded.length).toBeGreaterThan(0);
    for (const departure of recorded) expect(text).toContain(`– ${departure}`);

    // A declaration of interests made after the finalisation is not part of the evidence: same text, same bytes.
    const late = await makeActor([{ role: "CNA_MEMBER", regionCode: null }], "Luc Bernard");
    await declareNationalInterest(late, a.id, {
      hasConflict: true,
      reason: "Déclaration faite après la commission.",
    });
    expect(await db().conflictDeclaration.count({ where: { userId: late.id } })).toBe(1);
    expect(await pdfText((await minutesOf(claire, call.id)).pdf)).toBe(text);
    expect(
      Buffer.from((await evidencePackOf(claire, call.id)).zip).equals(Buffer.from(pack.zip)),
    ).toBe(true);
    expect(text).not.toContain("Luc Bernard");

    // Deterministic, and unchanged by the publication that follows (its audit events come after the finalisation).
    expect(
      Buffer.from((await evidencePackOf(claire, call.id)).zip).equals(Buffer.from(pack.zip)),
    ).toBe(true);
    await publishDecisions(claire, call.id);
    await settleJobs();
    expect(
      Buffer.from((await evidencePackOf(paul, call.id)).zip).equals(Buffer.from(pack.zip)),
    ).toBe(true);
  });

  it("the published letters (from storage) and the applicant's page give the score, the rank, the funding line, the appreciations and the appeal routes", async () => {
    const { call, claire, a, b, d, e, f } = await decided();
    await finalizeDecisions(claire, call.id, {}, FINALIZED_AT);
    await publishDecisions(claire, call.id);
    await settleJobs();
    const frozen = await db().decision.findUniqueOrThrow({
      where: { applicationId: a.id },
      select: { score: true, meritRank: true },
    });
    expect(frozen).toEqual({ score: 9000, meritRank: 1 });

    const laureate = await pdfText((await decisionLetterOf(a.owner, a.id)).pdf);
    for (const expected of [
      "Votre projet est lauréat",
      "Montant de la subvention attribuée : 80 000 €",
      "Note nationale de votre dossier : 90,00 / 100",
      "classé 1er sur 6 dossiers",
      "82,00 / 100 (note du dernier dossier financé)",
      "Seuil de qualité de l'appel",
      "Appréciations par critère",
      "note moyenne des évaluateurs",
      "Gouvernance partagée et réunions régulières. (évaluateur 1)",
      "Voies et délais de recours",
      "recours gracieux adressé à l'auteur de la décision",
      "tribunal administratif territorialement compétent",
      "Télérecours citoyens",
      "deux mois à compter de sa notification",
    ]) {
      expect(laureate).toContain(expected);
    }
    const reserve = await pdfText((await decisionLetterOf(d.owner, d.id)).pdf);
    expect(reserve).toContain("Rang sur la liste complémentaire : 1");
    expect(reserve).toContain("classé 4e sur 6");
    expect(reserve).toContain(
      "Motif du non-financement : L'enveloppe restante, 10 000 €, est inférieure au montant de 75 000 €.",
    );
    expect(reserve).toContain("Voies et délais de recours");
    const refused = await pdfText((await decisionLetterOf(f.owner, f.id)).pdf);
    expect(refused).toContain("Votre projet n'est pas retenu");
    expect(refused).toContain("classé 6e sur 6");
    expect(refused).toContain("Motif du non-financement : Avis régional défavorable.");

    // A laureate renounces and E (reserve, 40 000 €) is promoted: its new letter says so; the jury's pieces stay
    // those of the list as finalised.
    const before = (await evidencePackOf(claire, call.id)).zip;
    await renounceGrant(b.owner, b.id, { reason: "Le pôle a obtenu un autre financement." });
    await promoteReserve(claire, call.id, e.id);
    await settleJobs();
    const promoted = await pdfText((await decisionLetterOf(e.owner, e.id)).pdf);
    expect(promoted).toContain("Votre projet est lauréat");
    expect(promoted).toContain("classé 5e sur 6");
    expect(promoted).toContain("Voies et délais de recours");
    expect(
      Buffer.from((await evidencePackOf(claire, call.id)).zip).equals(Buffer.from(before)),
    ).toBe(true);
    expect(strFromU8(unzipSync(before)["decisions.csv"]!)).toContain(`5;${e.reference};`);
    expect(strFromU8(unzipSync(before)["decisions.csv"]!)).toMatch(
      new RegExp(`5;${e.reference};[^\r]*;Liste complémentaire;;2;`),
    );

    const page = await getPublishedDecision(d.owner, d.id);
    expect(page?.details).toMatchObject({
      score: 7000,
      meritRank: 4,
      rankedCount: 6,
      fundingLineScore: 8200,
      passOverReason: expect.stringMatching(
        /^L'enveloppe restante, 10\s000\s€, est inférieure au montant de 75\s000\s€\.$/,
      ),
    });
    expect(page!.details.criteria.length).toBeGreaterThan(0);
    expect(page!.details.criteria[0]).toMatchObject({
      maxScore: expect.any(Number),
      meanScore: expect.any(Number),
      comments: expect.arrayContaining([expect.stringContaining("(évaluateur 1)")]),
    });
  });
});
