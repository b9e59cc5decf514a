import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Evidence, PackCandidate } from "@/lib/evidence/evidence";
import { buildPack, DATA_FILES, rerunFromPack } from "@/lib/evidence/pack";
import { evidenceCallId } from "@/lib/evidence/schema";
import { runSelection, type SelectionRules } from "@/lib/national/selection";
import { pageTexts, pdfText } from "../fixtures/pdf-text";

const RULES: SelectionRules = {
  envelopeCents: 200_000_00,
  minGrantCents: 30_000_00,
  maxGrantCents: 80_000_00,
  priorities: [{ label: "Rural et QPV", territoryTypes: ["RURAL", "QPV"], minShareBps: 3000 }],
  qualityThreshold: 5000,
  reserveListLength: 2,
  adjustLastGrant: false,
};

const spec: [string, PackCandidate["territoryType"], PackCandidate["opinion"], number, number][] = [
  ["AMI2025-BRE-001", "RURAL", "FAVORABLE", 9650, 80_000_00],
  ["AMI2025-NOR-001", "URBAN", "FAVORABLE", 9400, 70_000_00],
  ["AMI2025-OCC-001", "QPV", "RESERVED", 8800, 62_000_00],
  ["AMI2025-BRE-002", "URBAN", "FAVORABLE", 7150, 40_000_00],
  ["AMI2025-NOR-002", "RURAL", "RESERVED", 7000, 45_000_00],
  ["AMI2025-OCC-002", "URBAN", "FAVORABLE", 6500, 50_000_00],
  ["AMI2025-BRE-003", "RURAL", "FAVORABLE", 4500, 30_000_00],
  ["AMI2025-NOR-003", "URBAN", "UNFAVORABLE", 8000, 40_000_00],
];
const candidates: PackCandidate[] = spec.map(
  ([reference, territoryType, opinion, score, amountCents], i) => ({
    id: `id-${i}`,
    reference,
    pole: `Pôle « Coopération ${i + 1} » du territoire`,
    regionCode: reference.includes("BRE") ? "53" : reference.includes("NOR") ? "28" : "76",
    region: reference.includes("BRE")
      ? "Bretagne"
      : reference.includes("NOR")
        ? "Normandie"
        : "Occitanie",
    territoryType,
    opinion,
    score,
    amountCents,
    tieBreak: reference,
  }),
);

/** A finalised list as the cell would write it: the selection's list (under `listRules`), then one line edited. */
function evidence(rules: SelectionRules = RULES, listRules: SelectionRules = rules): Evidence {
  const result = runSelection("MERIT_ORDER", candidates, listRules);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const order = [...candidates].sort(
    (a, b) =>
      b.score - a.score || a.amountCents - b.amountCents || (a.reference < b.reference ? -1 : 1),
  );
  const rank = new Map(order.map((c, i) => [c.id, i + 1]));
  const outcome = new Map<
    string,
    {
      outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
      amountCents: number | null;
      reserveRank: number | null;
      passOverReason: string | null;
      adjusted: boolean;
    }
  >();
  for (const l of result.laureates)
    outcome.set(l.id, {
      outcome: "LAUREATE",
      amountCents: l.amountCents,
      reserveRank: null,
      passOverReason: null,
      adjusted: l.adjusted,
    });
  result.reserve.forEach((r, i) => {
    outcome.set(r.id, {
      outcome: "RESERVE",
      amountCents: r.amountCents,
      reserveRank: i + 1,
      passOverReason: "L'enveloppe restante est insuffisante.",
      adjusted: false,
    });
  });
  for (const n of result.notRetained)
    outcome.set(n.id, {
      outcome: "NOT_RETAINED",
      amountCents: null,
      reserveRank: null,
      passOverReason: "Hors liste.",
      adjusted: false,
    });
  return {
    call: {
      id: "call-1",
      slug: "ami-ptce-2025",
      title: "AMI PTCE 2025",
      finalizedAt: new Date("2025-12-10T15:30:00Z"),
      adjustLastGrantAllowed: rules.adjustLastGrant,
    },
    method: "MERIT_ORDER",
    rules,
    candidates,
    decisions: order.map((c) => ({
      applicationId: c.id,
      reference: c.reference,
      pole: c.pole,
      region: byId.get(c.id)!.region,
      territoryType: c.territoryType,
      score: c.score,
      meritRank: rank.get(c.id)!,
      ...outcome.get(c.id)!,
    })),
    members: [
      {
        name: "Claire Martin",
        reviews: 3,
        actions: 5,
        conflicts: [
          { reference: "AMI2025-OCC-001", reason: "Administratrice de la structure porteuse." },
        ],
        withoutConflict: 7,
      },
      { name: "Paul Durand", reviews: 0, actions: 2, conflicts: [], withoutConflict: 8 },
    ],
    reviewOverrides: [
      {
        reference: "AMI2025-NOR-001",
        reviewer: "Claire Martin",
        regionalScore: 9100,
        nationalScore: 9400,
        scoreJustification: "Harmonisation de la sévérité régionale.",
        regionalAmountCents: 75_000_00,
        nationalAmountCents: 70_000_00,
        amountJustification: "Dépenses d'investissement non éligibles.",
      },
    ],
    lineEdits: [
      {
        reference: "AMI2025-OCC-002",
        actor: "Paul Durand",
        at: new Date("2025-12-09T09:00:00Z"),
        before: { outcome: "RESERVE", amountCents: 50_000_00, reserveRank: 2 },
        after: { outcome: "RESERVE", amountCents: 50_000_00, reserveRank: 2 },
      },
    ],
    departures: [],
    justification: null,
  };
}

const hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("the jury's evidence pack", () => {
  it("holds every file; empreintes.txt gives the SHA-256 of every other file, as the minutes do for the data files", async () => {
    const { zip } = await buildPack(evidence());
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([
      "proces-verbal.pdf",
      "LISEZMOI.txt",
      "empreintes.txt",
      ...DATA_FILES,
    ]);
    const lines = strFromU8(files["empreintes.txt"]!).trim().split("\n");
    expect(lines).toHaveLength(8);
    for (const line of lines) {
      const [hash, name] = line.split("  ");
      expect(hex(files[name!]!)).toBe(hash);
    }
    const minutes = await pdfText(files["proces-verbal.pdf"]!);
    for (const name of DATA_FILES) {
      expect(minutes).toContain(name);
      expect(minutes).toContain(hex(files[name]!));
    }
  });

  it("gives the same bytes for the same evidence, whatever the machine's time zone", async () => {
    const first = (await buildPack(evidence())).zip;
    const zone = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const utc = (await buildPack(evidence())).zip;
      expect(Buffer.from(utc).equals(Buffer.from(first))).toBe(true);
    } finally {
      process.env.TZ = zone;
    }
    // The files are dated by the finalisation (Paris wall-clock, 16:30), not by now.
    const dos = Buffer.from(first).readUInt16LE(10 + 0); // local header: time at offset 10
    expect([dos >> 11, (dos >> 5) & 63]).toEqual([16, 30]);
  });

  it("the minutes give the method and rules, the members and their declarations, the ranking, the overrides and the final list", async () => {
    const { files } = await buildPack(evidence());
    const text = await pdfText(files.find((f) => f.name === "proces-verbal.pdf")!.bytes);
    for (const expected of [
      "Procès-verbal de la commission nationale",
      "AMI PTCE 2025",
      "Liste des décisions arrêtée le 10 décembre 2025 à 16 h 30",
      "Claire Martin",
      "Conflit d'intérêts déclaré pour 1 dossier",
      "AMI2025-OCC-001 : Administratrice de la structure porteuse.",
      "Absence de conflit déclarée pour 7 dossiers",
      "Paul Durand",
      "Aucun conflit d'intérêts déclaré.",
      "Méthode : Ordre de mérite",
      "Enveloppe : 200 000 €",
      "de 30 000 € à 80 000 €",
      "Part prioritaire « Rural et QPV » (Rural, QPV) : au moins 30 % du montant attribué",
      "Seuil de qualité : note nationale d'au moins 50,00 / 100",
      "Liste complémentaire : 2 dossiers au plus",
      "note nationale décroissante, puis montant croissant",
      "Classement national et ligne de financement",
      "AMI2025-BRE-001",
      "96,50",
      "Note : 91,00 (régionale) portée à 94,00 (nationale). Justification : Harmonisation de la sévérité régionale.",
      "Montant : 75 000 € (régional) porté à 70 000 € (national). Justification : Dépenses d'investissement non éligibles.",
      "AMI2025-OCC-002, le 9 décembre 2025 à 10 h 00 par Paul Durand : avant, Liste complémentaire (rang 2), 50 000 € ; après, Liste complémentaire (rang 2), 50 000 €.",
      "Aucun : la liste finale est celle que donne la règle de l'appel.",
      "Liste finale",
      "Lauréats (",
      "Liste complémentaire (2), dans son ordre",
      "8 dossiers examinés · 3 lauréats pour 190 000 € · 2 sur la liste complémentaire · 3 non retenus.",
      "Liste complémentaire (rang 1)",
      "empreintes des fichiers de données (SHA-256)",
    ]) {
      expect(text).toContain(expected);
    }
    const result = runSelection("MERIT_ORDER", candidates, RULES);
    expect(text).toContain(
      `Ligne de financement : ${(result.fundingLineScore! / 100).toFixed(2).replace(".", ",")} / 100 (note du dernier dossier financé)`,
    );
  });

  it("the minutes give the departures and the justification the cell finalised with, as recorded, not recomputed", async () => {
    const e = evidence();
    // the cell funds the 3rd (on the reserve list: 62 000 € did not fit) instead of the 2nd
    const second = e.decisions.find((d) => d.reference === "AMI2025-NOR-001")!;
    const third = e.decisions.find((d) => d.reference === "AMI2025-OCC-001")!;
    expect([second.outcome, third.outcome]).toEqual(["LAUREATE", "RESERVE"]);
    e.decisions = e.decisions.map((d) =>
      d === second
        ? { ...d, outcome: "NOT_RETAINED", amountCents: null }
        : d === third
          ? { ...d, outcome: "LAUREATE", reserveRank: null }
          : d,
    );
    e.departures = [
      "AMI2025-NOR-001 (rang 2) est financé par la règle de l'appel mais n'est pas lauréat.",
      "AMI2025-OCC-001 est lauréat alors que la règle de l'appel ne le finance pas.",
    ];
    e.justification =
      "Le dossier AMI2025-NOR-001 ne présente pas les garanties financières exigées.";
    const text = await pdfText(
      (await buildPack(e)).files.find((f) => f.name === "proces-verbal.pdf")!.bytes,
    );
    for (const d of e.departures) expect(text).toContain(`– ${d}`);
    expect(text).toContain(
      "Justification écrite de la cellule : Le dossier AMI2025-NOR-001 ne présente pas les garanties financières exigées.",
    );
    expect(text).not.toContain("Aucun : la liste finale est celle que donne la règle de l'appel.");

    // What the cell saw is what the minutes say: a departure it was not shown is not made up from the list.
    e.departures = [e.departures[0]!];
    const fewer = await pdfText(
      (await buildPack(e)).files.find((f) => f.name === "proces-verbal.pdf")!.bytes,
    );
    expect(fewer).toContain(
      "AMI2025-NOR-001 (rang 2) est financé par la règle de l'appel mais n'est pas lauréat.",
    );
    expect(fewer).not.toContain("AMI2025-OCC-001 est lauréat alors que");
    e.departures = [];
    e.justification = null;
    const none = await pdfText(
      (await buildPack(e)).files.find((f) => f.name === "proces-verbal.pdf")!.bytes,
    );
    expect(none).toContain("Aucun : la liste finale est celle que donne la règle de l'appel.");
    expect(none).not.toContain("Justification écrite de la cellule");
  });

  it("the result files are those of the list the cell accepted: with the adjusted last grant, or without it when declined", async () => {
    const adjusting = { ...RULES, adjustLastGrant: true };
    // 80 000 + 70 000 € leave 50 000 €: the 3rd (62 000 €) is offered them
    const accepted = await buildPack(evidence(adjusting));
    expect(accepted.analysis).toMatchObject({
      adjustmentDeclined: false,
      rules: { adjustLastGrant: true },
    });
    expect(accepted.analysis.result.laureates.find((l) => l.adjusted)).toMatchObject({
      id: "id-2",
      amountCents: 50_000_00,
      requestedCents: 62_000_00,
    });
    const files = unzipSync(accepted.zip);
    expect(JSON.parse(strFromU8(files["regles.json"]!))).toMatchObject({
      rules: { adjustLastGrant: true },
      adjustLastGrantAllowed: true,
      adjustmentDeclined: false,
    });
    expect(
      rerunFromPack(strFromU8(files["candidats.json"]!), strFromU8(files["regles.json"]!)),
    ).toBe(strFromU8(files["resultat.json"]!));
    const acceptedText = await pdfText(files["proces-verbal.pdf"]!);
    expect(acceptedText).toContain(
      "AMI2025-OCC-001 : 62 000 € proposés, 50 000 € attribués (confirmé par la cellule).",
    );

    const declined = await buildPack(evidence(adjusting, RULES));
    expect(declined.analysis).toMatchObject({
      adjustmentDeclined: true,
      rules: { adjustLastGrant: false },
    });
    expect(declined.analysis.result.laureates.some((l) => l.adjusted)).toBe(false);
    const declinedFiles = unzipSync(declined.zip);
    expect(JSON.parse(strFromU8(declinedFiles["regles.json"]!))).toMatchObject({
      rules: { adjustLastGrant: false },
      adjustLastGrantAllowed: true,
      adjustmentDeclined: true,
    });
    expect(
      rerunFromPack(
        strFromU8(declinedFiles["candidats.json"]!),
        strFromU8(declinedFiles["regles.json"]!),
      ),
    ).toBe(strFromU8(declinedFiles["resultat.json"]!));
    expect(await pdfText(declinedFiles["proces-verbal.pdf"]!)).toContain(
      "proposé par la sélection et non retenu par la cellule",
    );
  });

  it("counts in the singular below two: « 1 dossier examiné · 1 lauréat »", async () => {
    const e = evidence();
    const first = e.decisions[0]!;
    e.candidates = e.candidates.filter((c) => c.id === first.applicationId);
    e.decisions = [first];
    e.rules = { ...RULES, reserveListLength: 1 };
    e.members = [
      { name: "Claire Martin", reviews: 1, actions: 1, conflicts: [], withoutConflict: 1 },
    ];
    const text = await pdfText(
      (await buildPack(e)).files.find((f) => f.name === "proces-verbal.pdf")!.bytes,
    );
    expect(text).toContain(
      "1 dossier examiné · 1 lauréat pour 80 000 € · 0 sur la liste complémentaire · 0 non retenu.",
    );
    expect(text).toContain("Absence de conflit déclarée pour 1 dossier.");
    expect(text).toContain("Liste complémentaire : 1 dossier au plus");
  });

  it("re-running the selection from candidats.json and regles.json gives resultat.json; a changed input does not", async () => {
    const files = unzipSync((await buildPack(evidence())).zip);
    const [candidatesJson, rulesJson, resultJson] = [
      "candidats.json",
      "regles.json",
      "resultat.json",
    ].map((n) => strFromU8(files[n]!));
    expect(rerunFromPack(candidatesJson!, rulesJson!)).toBe(resultJson);
    const result = JSON.parse(resultJson!);
    expect(result.method).toBe("MERIT_ORDER");
    expect(result.laureates[0]).toMatchObject({
      position: 1,
      reference: "AMI2025-BRE-001",
      amountCents: 80_000_00,
    });
    expect(
      result.notRetained.map((n: { reference: string; reasonText: string }) => [
        n.reference,
        n.reasonText,
      ]),
    ).toContainEqual(["AMI2025-NOR-003", "Avis régional défavorable."]);
    const changed = JSON.parse(candidatesJson!);
    changed[0].score = 1000;
    expect(rerunFromPack(JSON.stringify(changed), rulesJson!)).not.toBe(resultJson);
    expect(() => rerunFromPack("[{}]", rulesJson!)).toThrow();
  });

  it("writes CSV for French Excel and a README in French", async () => {
    const files = unzipSync((await buildPack(evidence())).zip);
    expect([...files["decisions.csv"]!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const csv = strFromU8(files["decisions.csv"]!).replace(/^\uFEFF/, "");
    expect(csv.split("\r\n")[0]).toBe(
      "Rang national;Référence;Pôle;Région;Territoire;Note nationale (/100);Décision;Montant attribué (€);Rang liste complémentaire;Ajusté à l'enveloppe restante;Motif du non-financement",
    );
    expect(csv).toContain(
      "1;AMI2025-BRE-001;Pôle « Coopération 1 » du territoire;Bretagne;Rural;96,50;Lauréat;80000;;non;",
    );
    expect(strFromU8(files["candidats.csv"]!)).toContain("id-7;AMI2025-NOR-003;");
    const readme = strFromU8(files["LISEZMOI.txt"]!);
    expect(readme).toContain("rerunFromPack(candidatsJson, reglesJson)");
    expect(readme).toContain("npm run selection:rerun -- <dossier-extrait>");
    expect(readme).toContain("sha256sum -c empreintes.txt");
  });

  it("a long ranking runs over pages with its header repeated, every dossier listed", async () => {
    const many: PackCandidate[] = Array.from({ length: 79 }, (_, i) => ({
      id: `m-${String(i).padStart(2, "0")}`,
      reference: `AMI2025-REG-${String(i + 1).padStart(3, "0")}`,
      pole: `Pôle territorial de coopération économique de l'agglomération et des communes rurales numéro ${i + 1}`,
      regionCode: "53",
      region: "Provence-Alpes-Côte d'Azur",
      territoryType: (["RURAL", "QPV", "URBAN"] as const)[i % 3]!,
      opinion: i % 7 === 6 ? "UNFAVORABLE" : "FAVORABLE",
      score: 9800 - i * 70,
      amountCents: (40_000 + (i % 5) * 5_000) * 100,
      tieBreak: `AMI2025-REG-${String(i + 1).padStart(3, "0")}`,
    }));
    const e = evidence();
    e.candidates = many;
    e.rules = { ...RULES, envelopeCents: 500_000_00, reserveListLength: 5 };
    const result = runSelection("MERIT_ORDER", many, e.rules);
    const funded = new Map(result.laureates.map((l) => [l.id, l.amountCents]));
    const reserve = new Map(result.reserve.map((r, i) => [r.id, i + 1]));
    e.decisions = many.map((c, i) => ({
      applicationId: c.id,
      reference: c.reference,
      pole: c.pole,
      region: c.region,
      territoryType: c.territoryType,
      score: c.score,
      meritRank: i + 1,
      adjusted: false,
      outcome: funded.has(c.id) ? "LAUREATE" : reserve.has(c.id) ? "RESERVE" : "NOT_RETAINED",
      amountCents: funded.get(c.id) ?? (reserve.has(c.id) ? c.amountCents : null),
      reserveRank: reserve.get(c.id) ?? null,
      passOverReason: funded.has(c.id)
        ? null
        : "L'enveloppe restante est inférieure au montant demandé par le pôle pour son programme.",
    }));
    e.reviewOverrides = [];
    e.lineEdits = [];
    const { files } = await buildPack(e);
    const pdf = files.find((f) => f.name === "proces-verbal.pdf")!.bytes;
    const pages = await pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.filter((p) => p.includes("Rang\nRéférence\nPôle\nRégion")).length).toBeGreaterThan(
      1,
    );
    const text = await pdfText(pdf);
    for (const c of many) expect(text).toContain(c.reference);
    expect(text).toContain(`Lauréats (${result.laureates.length})`);
    expect(text).toContain(`page ${pages.length} / ${pages.length}`);
  });

  it("the routes take a call's identifier; a malformed one is a call not found", () => {
    expect(evidenceCallId({ callId: "cmj3k2l0a0000qz8h1x2y3z4w" })).toBe(
      "cmj3k2l0a0000qz8h1x2y3z4w",
    );
    for (const callId of ["", "../secret", "a b", "x".repeat(65), 42, undefined])
      expect(() => evidenceCallId({ callId })).toThrow(
        expect.objectContaining({ code: "NOT_FOUND" }),
      );
  });
});
