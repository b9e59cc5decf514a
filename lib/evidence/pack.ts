// The jury's evidence pack (« pièces du jury »): the selection's inputs and outputs as CSV and JSON, the
// minutes (procès-verbal), a README in French and the SHA-256 of every file, in one ZIP. Pure and
// deterministic: the same evidence gives the same bytes (file dates are the list's finalisation, never now),
// and `rerunFromPack` recomputes resultat.json from candidats.json and regles.json alone.
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { toCsv } from "@/lib/csv";
import type {
  Analysis,
  Evidence,
  EvidenceDecision,
  PackCandidate,
  PackFile,
} from "@/lib/evidence/evidence";
import { tieBreakTexts } from "@/lib/evidence/evidence";
import { minutesPdf } from "@/lib/evidence/minutes";
import { departuresFrom } from "@/lib/national/decision-rules";
import { formatScore, OPINION_LABELS, OUTCOME_LABELS, reasonText } from "@/lib/national/labels";
import { type Candidate, runSelection, type SelectionResult } from "@/lib/national/selection";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";
import * as z from "@/lib/zod";

export const DATA_FILES = [
  "candidats.csv",
  "candidats.json",
  "regles.json",
  "resultat.json",
  "resultat.csv",
  "decisions.csv",
] as const;

// ───────────────────────── Re-running the selection ─────────────────────────

const candidateSchema = z.object({
  id: z.string(),
  reference: z.string(),
  score: z.number().int(),
  amountCents: z.number().int(),
  territoryType: z.enum(["RURAL", "QPV", "URBAN"]),
  opinion: z.enum(["FAVORABLE", "RESERVED", "UNFAVORABLE"]),
  tieBreak: z.string(),
});
const rulesFileSchema = z.object({
  method: z.enum(["MERIT_ORDER", "MAX_SCORE"]),
  rules: z.object({
    envelopeCents: z.number().int(),
    minGrantCents: z.number().int(),
    maxGrantCents: z.number().int(),
    priorities: z.array(
      z.object({
        label: z.string(),
        territoryTypes: z.array(z.enum(["RURAL", "QPV", "URBAN"])),
        minShareBps: z.number().int(),
      }),
    ),
    qualityThreshold: z.number().int(),
    reserveListLength: z.number().int(),
    adjustLastGrant: z.boolean(),
  }),
});

/** resultat.json: the selection's output, every dossier named by its reference, reasons in French too. */
function resultJson(
  result: SelectionResult,
  candidates: readonly Pick<PackCandidate, "id" | "reference">[],
): string {
  const reference = new Map(candidates.map((c) => [c.id, c.reference]));
  const named = (r: { id: string; position: number; score: number; amountCents: number }) => ({
    position: r.position,
    id: r.id,
    reference: reference.get(r.id) ?? r.id,
    score: r.score,
    amountCents: r.amountCents,
  });
  const out = {
    method: result.method,
    laureates: result.laureates.map((l) => ({
      ...named(l),
      requestedCents: l.requestedCents,
      adjusted: l.adjusted,
    })),
    reserve: result.reserve.map((r, i) => ({
      rank: i + 1,
      ...named(r),
      reason: r.reason,
      reasonText: reasonText(r.reason),
    })),
    notRetained: result.notRetained.map((r) => ({
      ...named(r),
      reason: r.reason,
      reasonText: reasonText(r.reason),
    })),
    totalScore: result.totalScore,
    totalAmountCents: result.totalAmountCents,
    remainingCents: result.remainingCents,
    fundingLineScore: result.fundingLineScore,
    shares: result.shares,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * Re-runs the selection from the pack's candidats.json and regles.json (their text) and gives the text
 * resultat.json must have: anyone can check the jury's list with this function (or `npm run selection:rerun`).
 */
export function rerunFromPack(candidatesJson: string, rulesJson: string): string {
  const candidates = z.array(candidateSchema).parse(JSON.parse(candidatesJson));
  const { method, rules } = rulesFileSchema.parse(JSON.parse(rulesJson));
  const input: Candidate[] = candidates.map((c) => ({
    id: c.id,
    score: c.score,
    amountCents: c.amountCents,
    territoryType: c.territoryType,
    opinion: c.opinion,
    tieBreak: c.tieBreak,
  }));
  return resultJson(runSelection(method, input, rules), candidates);
}

// ───────────────────────── The analysis behind the minutes ─────────────────────────

const inputOf = (candidates: readonly PackCandidate[]): Candidate[] =>
  candidates.map((c) => ({
    id: c.id,
    score: c.score,
    amountCents: c.amountCents,
    territoryType: c.territoryType,
    opinion: c.opinion,
    tieBreak: c.tieBreak,
  }));

/**
 * The selection as the cell applied it, chosen as the finalisation chose it (lib/national/mutations.ts): the
 * call's selection and, when it adjusts the last grant, the same list without the adjustment (the cell may
 * decline it); the one the final list matches, else the call's. Its rules and result make the result files.
 */
function analyse(evidence: Evidence): Analysis {
  const input = inputOf(evidence.candidates);
  const official = runSelection(evidence.method, input, evidence.rules);
  const withoutAdjustment = official.laureates.some((l) => l.adjusted)
    ? runSelection(evidence.method, input, { ...evidence.rules, adjustLastGrant: false })
    : null;
  const lines = evidence.decisions.map((d) => ({
    applicationId: d.applicationId,
    reference: d.reference,
    outcome: d.outcome,
    amountCents: d.amountCents,
    reserveRank: d.reserveRank,
    territoryType: d.territoryType,
    reasons: "",
  }));
  const { rule } = departuresFrom(
    lines,
    withoutAdjustment ? [official, withoutAdjustment] : [official],
  );
  const adjustmentDeclined = withoutAdjustment !== null && rule === withoutAdjustment;
  const laureateScores = evidence.decisions
    .filter((d) => d.outcome === "LAUREATE" && d.score !== null)
    .map((d) => d.score!);
  return {
    rules: adjustmentDeclined ? { ...evidence.rules, adjustLastGrant: false } : evidence.rules,
    adjustmentDeclined,
    result: adjustmentDeclined ? withoutAdjustment : official,
    fundingLineScore: laureateScores.length ? Math.min(...laureateScores) : null,
  };
}

// ───────────────────────── The files ─────────────────────────

const euros = (cents: number | null) => (cents === null ? null : cents / 100);
const score = (hundredths: number | null) => (hundredths === null ? null : formatScore(hundredths));
const utf8 = (text: string) => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function candidatesCsv(candidates: readonly PackCandidate[]): string {
  return toCsv(
    [
      "Identifiant",
      "Référence",
      "Pôle",
      "Code région",
      "Région",
      "Territoire",
      "Avis régional",
      "Note nationale (/100)",
      "Montant proposé (€)",
      "Clé de départage",
    ],
    candidates.map((c) => [
      c.id,
      c.reference,
      c.pole,
      c.regionCode,
      c.region,
      TERRITORY_SHORT_LABELS[c.territoryType],
      OPINION_LABELS[c.opinion],
      score(c.score),
      euros(c.amountCents),
      c.tieBreak,
    ]),
  );
}

function resultCsv(result: SelectionResult, candidates: readonly PackCandidate[]): string {
  const reference = new Map(candidates.map((c) => [c.id, c.reference]));
  const rows = [
    ...result.laureates.map((l) => [
      OUTCOME_LABELS.LAUREATE,
      l.position,
      null,
      reference.get(l.id) ?? l.id,
      l.id,
      score(l.score),
      euros(l.amountCents),
      euros(l.requestedCents),
      l.adjusted ? "oui" : "non",
      null,
    ]),
    ...result.reserve.map((r, i) => [
      OUTCOME_LABELS.RESERVE,
      r.position,
      i + 1,
      reference.get(r.id) ?? r.id,
      r.id,
      score(r.score),
      euros(r.amountCents),
      euros(r.amountCents),
      "non",
      reasonText(r.reason),
    ]),
    ...result.notRetained.map((r) => [
      OUTCOME_LABELS.NOT_RETAINED,
      r.position,
      null,
      reference.get(r.id) ?? r.id,
      r.id,
      score(r.score),
      null,
      euros(r.amountCents),
      "non",
      reasonText(r.reason),
    ]),
  ];
  return toCsv(
    [
      "Issue",
      "Rang national",
      "Rang liste complémentaire",
      "Référence",
      "Identifiant",
      "Note nationale (/100)",
      "Montant retenu (€)",
      "Montant proposé (€)",
      "Ajusté à l'enveloppe restante",
      "Motif",
    ],
    rows,
  );
}

function decisionsCsv(decisions: readonly EvidenceDecision[]): string {
  return toCsv(
    [
      "Rang national",
      "Référence",
      "Pôle",
      "Région",
      "Territoire",
      "Note nationale (/100)",
      "Décision",
      "Montant attribué (€)",
      "Rang liste complémentaire",
      "Ajusté à l'enveloppe restante",
      "Motif du non-financement",
    ],
    decisions.map((d) => [
      d.meritRank,
      d.reference,
      d.pole,
      d.region,
      TERRITORY_SHORT_LABELS[d.territoryType],
      score(d.score),
      OUTCOME_LABELS[d.outcome],
      d.outcome === "LAUREATE" ? euros(d.amountCents) : null,
      d.reserveRank,
      d.adjusted ? "oui" : "non",
      d.outcome === "LAUREATE" ? null : d.passOverReason,
    ]),
  );
}

function readme(evidence: Evidence): string {
  return [
    `PIÈCES DU JURY — ${evidence.call.title}`,
    "",
    "Ce dossier rassemble les pièces de la décision de la commission nationale (cellule nationale d'animation) :",
    "les données d'entrée et de sortie de la sélection des lauréats, lisibles par une machine, et le procès-verbal.",
    "Chacun peut relancer la sélection sur les données d'entrée et vérifier qu'il obtient la même liste.",
    "",
    "FICHIERS",
    "- proces-verbal.pdf : le procès-verbal de la commission nationale (membres ayant siégé et déclarations",
    "  d'intérêts, méthode et règles, classement et ligne de financement, dérogations et leurs justifications,",
    "  liste finale et liste complémentaire, empreintes des fichiers de données).",
    "- candidats.json : les entrées de la sélection, un objet par dossier : id, reference, pole, regionCode,",
    "  region, territoryType (RURAL, QPV, URBAN), opinion (avis régional : FAVORABLE, RESERVED, UNFAVORABLE),",
    "  score (note nationale en centièmes de point, sur 10 000), amountCents (montant proposé en centimes),",
    "  tieBreak (clé de départage : la référence).",
    "- candidats.csv : les mêmes entrées pour un tableur (notes sur 100, montants en euros).",
    "- regles.json : la méthode (method : MERIT_ORDER ordre de mérite, MAX_SCORE total des notes maximal) et",
    "  les règles (rules) : enveloppe, montants minimal et maximal, parts prioritaires (en points de base,",
    "  5000 = 50 %), seuil de qualité (centièmes), longueur de la liste complémentaire, ajustement du dernier",
    "  financement ; adjustLastGrantAllowed et adjustmentDeclined disent si l'appel permettait l'ajustement et",
    "  si la cellule l'a refusé ; tieBreaks donne les règles de départage.",
    "- resultat.json : la sortie de la sélection : lauréats (laureates), liste complémentaire ordonnée (reserve),",
    "  non retenus (notRetained), chacun avec son rang national (position) et, s'il n'est pas financé, son motif",
    "  (reason, reasonText) ; totaux, reste de l'enveloppe, ligne de financement, parts prioritaires.",
    "- resultat.csv : la même sortie pour un tableur.",
    "- decisions.csv : les décisions finales telles que la liste a été finalisée (elles peuvent s'écarter du",
    "  résultat de la sélection : le procès-verbal donne alors chaque écart et sa justification).",
    "  Les promotions décidées ensuite depuis la liste complémentaire (après un désistement) n'y figurent pas :",
    "  elles sont au journal d'audit ; les pièces restent celles de la liste arrêtée.",
    "- empreintes.txt : l'empreinte SHA-256 de chaque autre fichier ; celles des fichiers de données figurent",
    "  aussi dans le procès-verbal.",
    "",
    "Les fichiers CSV sont en UTF-8 avec BOM, séparateur « ; », pour Excel en français.",
    "",
    "VÉRIFIER LES EMPREINTES",
    "  sha256sum -c empreintes.txt          (Linux ; sous macOS : shasum -a 256 -c empreintes.txt)",
    "",
    "RELANCER LA SÉLECTION",
    "La sélection est une fonction pure du code de la plateforme : runSelection(method, candidates, rules)",
    "(lib/national/selection.ts). La fonction rerunFromPack(candidatsJson, reglesJson) (lib/evidence/pack.ts)",
    "la relance sur le texte de candidats.json et regles.json et rend le texte attendu de resultat.json.",
    "Depuis le dépôt de la plateforme, avec le dossier extrait de cette archive :",
    "  npm run selection:rerun -- <dossier-extrait>",
    "La commande affiche si la liste recalculée est identique à resultat.json (code de sortie 0) ou non (1).",
    "",
  ].join("\n");
}

/** Paris wall-clock time of an instant, as a local Date: a ZIP stores local times (so the bytes do not depend on the machine's zone). */
function zipDate(instant: Date): Date {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Paris",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return new Date(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
}

/** Every file of the pack, in the archive's order, with its SHA-256; and the ZIP. */
export async function buildPack(
  evidence: Evidence,
): Promise<{ files: PackFile[]; zip: Uint8Array; analysis: Analysis }> {
  const analysis = analyse(evidence);
  const file = (name: string, bytes: Uint8Array): PackFile => ({
    name,
    bytes,
    sha256: sha256(bytes),
  });
  const rules = {
    method: evidence.method,
    rules: analysis.rules,
    adjustLastGrantAllowed: evidence.call.adjustLastGrantAllowed,
    adjustmentDeclined: analysis.adjustmentDeclined,
    tieBreaks: tieBreakTexts(evidence.method),
  };
  const data = [
    file("candidats.csv", utf8(candidatesCsv(evidence.candidates))),
    file("candidats.json", utf8(`${JSON.stringify(evidence.candidates, null, 2)}\n`)),
    file("regles.json", utf8(`${JSON.stringify(rules, null, 2)}\n`)),
    file("resultat.json", utf8(resultJson(analysis.result, evidence.candidates))),
    file("resultat.csv", utf8(resultCsv(analysis.result, evidence.candidates))),
    file("decisions.csv", utf8(decisionsCsv(evidence.decisions))),
  ];
  const minutes = file(
    "proces-verbal.pdf",
    await minutesPdf(
      evidence,
      analysis,
      data.map((f) => ({ name: f.name, sha256: f.sha256 })),
    ),
  );
  const lisezmoi = file("LISEZMOI.txt", utf8(readme(evidence)));
  const hashed = [minutes, lisezmoi, ...data];
  // the format of sha256sum: "<hash>  <name>"
  const empreintes = file(
    "empreintes.txt",
    utf8(`${hashed.map((f) => `${f.sha256}  ${f.name}`).join("\n")}\n`),
  );
  const files = [minutes, lisezmoi, empreintes, ...data];
  const mtime = zipDate(evidence.call.finalizedAt);
  const zip = zipSync(
    Object.fromEntries(files.map((f) => [f.name, [f.bytes, { mtime, level: 6 }]])),
  );
  return { files, zip, analysis };
}
