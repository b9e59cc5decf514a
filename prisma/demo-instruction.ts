// Builders of demo dossiers and of a region's whole instruction, through the product's commands.
// Used by the demo seed (the 2025 edition) and by the end-to-end scenarios.

import {
  addAttachment,
  createApplication,
  saveDraft,
  submitApplication,
} from "@/lib/applications/mutations";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import type { Opinion, TerritoryType } from "@/lib/generated/prisma/enums";
import { savePole } from "@/lib/poles/mutations";
import { isValidSiret } from "@/lib/poles/siret";
import {
  assignSuggested,
  checkAdmissibility,
  declareConflict,
  finalizeRegion,
  rankRegion,
  saveEvaluation,
  saveRegionalOpinion,
} from "@/lib/regional/mutations";
import { loadActor } from "@/lib/users/data";
import { createUser } from "@/lib/users/mutations";
import { DEMO_PASSWORD, DEMO_PDF, demoDraft } from "./demo.ts";

/** A deterministic pseudo-random sequence (mulberry32), so that the demo is the same on every run. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid SIRET (Luhn) built from a number: 8 + the number on 12 digits + the check digit. */
function demoSiret(n: number): string {
  const base = `8${String(n).padStart(12, "0")}`;
  for (let d = 0; d <= 9; d++) if (isValidSiret(`${base}${d}`)) return `${base}${d}`;
  throw new Error("SIRET impossible");
}

export async function ensureActor(
  email: string,
  name: string,
  roles: Actor["roles"],
): Promise<Actor> {
  const existing = await db().user.findUnique({ where: { email } });
  const id =
    existing?.id ??
    (await createUser(null, { email, name, roles, password: DEMO_PASSWORD, emailVerified: true }))
      .id;
  return (await loadActor(id, existing?.sessionVersion ?? 0))!;
}

const PLACES: Record<TerritoryType, string[]> = {
  RURAL: [
    "du Bocage",
    "des Vallées",
    "du Causse",
    "des Monts",
    "du Marais",
    "de la Plaine",
    "des Coteaux",
    "du Pays",
  ],
  QPV: ["des Quartiers", "de la Cité", "des Tours", "du Faubourg"],
  URBAN: ["de l'Agglomération", "du Centre", "des Quais", "de la Métropole"],
};
const TRADES = [
  "réemploi",
  "alimentation durable",
  "mobilité partagée",
  "bois local",
  "textile solidaire",
  "énergie citoyenne",
  "numérique inclusif",
  "tiers-lieu productif",
];

const COMMUNITY_OF_TRADE: Record<string, string> = {
  "alimentation durable": "alimentation-durable",
  réemploi: "economie-circulaire",
  "textile solidaire": "economie-circulaire",
};

export type DemoDossierSpec = {
  index: number;
  email: string;
  applicantName: string;
  departementCode: string;
  territoryType: TerritoryType;
  amountCents: number;
};

/** An applicant with a pole in the département, and a dossier submitted to the call at `at` (before its deadline). */
export async function submitDemoDossier(callId: string, spec: DemoDossierSpec, at: Date) {
  const applicant = await ensureActor(spec.email, spec.applicantName, [
    { role: "APPLICANT", regionCode: null },
  ]);
  const trade = TRADES[spec.index % TRADES.length]!;
  // Trade and place vary at different rates, so that few poles of one territory type share a name.
  const place =
    PLACES[spec.territoryType][Math.floor(spec.index / 20) % PLACES[spec.territoryType].length]!;
  const dep = spec.departementCode;
  const postalCode =
    dep.length === 3 ? `${dep}00` : dep === "2A" ? "20000" : dep === "2B" ? "20200" : `${dep}000`;
  const pole =
    (await db().pole.findFirst({ where: { ownerId: applicant.id } })) ??
    (await savePole(applicant, null, {
      name: `Pôle ${trade} ${place}`,
      carrierName: `Association ${trade} ${place}`,
      siret: demoSiret(spec.index + 1000),
      legalForm: spec.index % 3 === 0 ? "SCIC" : "ASSOCIATION",
      addressLine: `${(spec.index % 40) + 1} rue de la Coopération`,
      postalCode,
      city: `Commune ${place.replace(/^(du|des|de la|de l') /, "")}`,
      departementCode: dep,
      territoryType: spec.territoryType,
      qpvCode:
        spec.territoryType === "QPV"
          ? `QN${dep.length === 3 ? dep : `0${dep}`.slice(-3)}${String(10 + (spec.index % 80)).padStart(3, "0")}`
          : "",
      creationYear: 2010 + (spec.index % 14),
      website: "",
      governance: "Un conseil coopératif où chaque collège de membres a une voix.",
      members: [
        { name: `Scic ${trade}`, category: "ESS_ENTERPRISE", siret: "", isLegalPerson: true },
        {
          name: `Entreprise partenaire ${spec.index}`,
          category: "OTHER_ENTERPRISE",
          siret: "",
          isLegalPerson: true,
        },
        {
          name: `Communauté de communes ${place}`,
          category: "LOCAL_AUTHORITY",
          siret: "",
          isLegalPerson: true,
        },
      ],
    }));
  const call = await db().call.findUniqueOrThrow({
    where: { id: callId },
    include: { levers: true, documentKinds: true, learningCommunities: true },
  });
  const existing = await db().application.findUnique({
    where: { callId_poleId: { callId, poleId: pole.id } },
  });
  if (existing) return existing.id;
  const { id } = await createApplication(applicant, callId, at);
  const draft = demoDraft(call.levers.map((l) => l.id));
  const rest = 100_000_00 - spec.amountCents;
  await saveDraft(applicant, id, {
    version: 0,
    draft: {
      ...draft,
      title: `${trade[0]!.toUpperCase()}${trade.slice(1)} ${place}`,
      // The poles of food and of reuse join the call's learning community of their theme, when it has one.
      learningCommunityId:
        call.learningCommunities.find((c) => c.code === COMMUNITY_OF_TRADE[trade])?.id ?? null,
      fundings: [
        {
          source: "THIS_CALL",
          funderName: "",
          year: 1,
          amountCents: spec.amountCents,
          status: "REQUESTED",
        },
        {
          source: "REGIONAL_COUNCIL",
          funderName: "Région",
          year: 2,
          amountCents: rest - 10_000_00,
          status: "SECURED",
        },
        {
          source: "SELF_FINANCING",
          funderName: "",
          year: 2,
          amountCents: 10_000_00,
          status: "SECURED",
        },
      ],
    },
  });
  for (const kind of call.documentKinds.filter((k) => k.required))
    await addAttachment(applicant, id, kind.id, { name: `${kind.code}.pdf`, bytes: DEMO_PDF });
  await submitApplication(applicant, id, { honour: true }, at);
  return id;
}

/**
 * What an evaluator writes on a criterion: a judgement of the level, on what the criterion looks at, about
 * this dossier's project; the variant is drawn from the dossier, the criterion and the evaluator, so that no
 * two dossiers read alike.
 */
const LEVEL_WORDS: Record<number, string[]> = {
  0: ["Rien dans le dossier ne répond à ce critère", "Le dossier reste muet sur ce point"],
  1: ["Des intentions, sans éléments concrets", "Une réponse très insuffisante"],
  2: ["Des éléments trop partiels pour convaincre", "Une réponse insuffisante, peu étayée"],
  3: ["Une réponse correcte, à consolider", "Un niveau satisfaisant, avec des points à préciser"],
  4: ["Une réponse solide et étayée", "Un bon niveau, appuyé sur des engagements des membres"],
  5: [
    "Une réponse exemplaire, chiffrée et déjà engagée",
    "Un excellent niveau, démontré sur le terrain",
  ],
};
const CRITERION_TOPICS: Record<string, [string, string][]> = {
  animation: [
    ["la gouvernance", "le collège des entreprises y siège réellement"],
    ["la coopération entre les membres", "les outils partagés sont décrits"],
    ["le rôle de l'animateur", "son temps de travail est chiffré"],
  ],
  ingenierie: [
    ["les retombées économiques", "les emplois créés sont comptés"],
    ["les indicateurs", "les cibles des deux années sont réalistes"],
    ["l'impact écologique", "les tonnages sont mesurés"],
  ],
  recherche: [
    ["le partenariat de recherche", "une convention avec un laboratoire est jointe"],
    ["l'expérimentation", "le protocole d'évaluation est décrit"],
    ["la résilience locale", "les risques sont analysés"],
  ],
  viabilite: [
    ["le modèle économique", "la part d'autofinancement progresse"],
    ["la professionnalisation", "un plan de formation est prévu"],
    ["le plan de financement", "les cofinancements sont acquis"],
  ],
  ancrage: [
    ["l'ancrage territorial", "les publics touchés sont nommés"],
    ["la coopération entre territoires", "des partenaires voisins s'engagent"],
    ["le lien avec la collectivité", "la délibération est jointe"],
  ],
};

function evaluatorComment(
  criterionCode: string,
  score: number,
  dossierTitle: string,
  seed: number,
): string {
  const words = LEVEL_WORDS[score]!;
  const topics = CRITERION_TOPICS[criterionCode] ?? [
    ["ce critère", "les pièces jointes ont été lues"],
  ];
  const [topic, detail] = topics[seed % topics.length]!;
  const judgement = words[(seed >>> 3) % words.length]!;
  const about = `${judgement} sur ${topic} du projet « ${dossierTitle} »`;
  return score >= 3 ? `${about} : ${detail}.` : `${about} ; attendu : ${detail}.`;
}

export type Cell = { coordinator: Actor; evaluators: Actor[] };

/**
 * The whole instruction of a region's submitted dossiers, as its cell would do it: declarations of
 * interests, completeness (`inadmissible` lists references found inadmissible), balanced assignment,
 * scoring around each dossier's `quality` (0–5), opinions, ranking and, if asked, finalisation.
 */
export async function instructRegion(
  callId: string,
  regionCode: string,
  cell: Cell,
  options: { quality: (reference: string) => number; inadmissible?: string[]; finalize: boolean },
) {
  const dossiers = await db().application.findMany({
    where: { callId, regionCode, status: "SUBMITTED" },
    orderBy: { reference: "asc" },
    select: { id: true, reference: true, title: true, amountRequestedCents: true },
  });
  for (const d of dossiers) {
    await declareConflict(cell.coordinator, d.id, { hasConflict: false });
    if (options.inadmissible?.includes(d.reference!)) {
      await checkAdmissibility(cell.coordinator, d.id, {
        decision: "INADMISSIBLE",
        reason:
          "La structure porteuse n'a pas de personnalité morale : le dossier ne peut être retenu.",
      });
    } else {
      await checkAdmissibility(cell.coordinator, d.id, { decision: "COMPLETE" });
    }
  }
  await assignSuggested(cell.coordinator, callId, regionCode);
  const criteria = await db().criterion.findMany({
    where: { callId },
    orderBy: { position: "asc" },
  });
  const evaluated = dossiers.filter((d) => !options.inadmissible?.includes(d.reference!));
  for (const d of evaluated) {
    const rand = random(hash(d.reference!));
    const quality = options.quality(d.reference!);
    const assigned = await db().evaluatorAssignment.findMany({
      where: { applicationId: d.id, withdrawnAt: null },
      select: { evaluatorId: true },
    });
    for (const [k, evaluator] of cell.evaluators
      .filter((e) => assigned.some((a) => a.evaluatorId === e.id))
      .entries()) {
      await declareConflict(evaluator, d.id, { hasConflict: false });
      const scores = Object.fromEntries(
        criteria.map((c) => {
          const score = Math.max(
            0,
            Math.min(c.maxScore, Math.round(quality + (rand() - 0.5) * 1.6)),
          );
          return [
            c.id,
            {
              score,
              comment: evaluatorComment(
                c.code,
                score,
                d.title,
                hash(`${d.reference}|${c.code}|${k}`),
              ),
            },
          ];
        }),
      );
      const recommendation: Opinion =
        quality >= 3.6 ? "FAVORABLE" : quality >= 2.8 ? "RESERVED" : "UNFAVORABLE";
      await saveEvaluation(evaluator, d.id, { scores, recommendation, comment: "" }, true);
    }
    const evaluations = await db().evaluation.findMany({
      where: { applicationId: d.id, status: "SUBMITTED" },
      select: { weightedScore: true },
    });
    const score = Math.round(
      evaluations.reduce((s, e) => s + e.weightedScore!, 0) / evaluations.length,
    );
    const opinion: Opinion =
      score >= 7000 ? "FAVORABLE" : score >= 5500 ? "RESERVED" : "UNFAVORABLE";
    await saveRegionalOpinion(cell.coordinator, d.id, {
      opinion,
      consolidatedScore: score,
      proposedAmountCents: opinion === "UNFAVORABLE" ? null : d.amountRequestedCents,
      motivation:
        opinion === "FAVORABLE"
          ? "Un pôle à la gouvernance claire, des retombées concrètes et une trajectoire économique crédible."
          : opinion === "RESERVED"
            ? "Un projet pertinent dont la viabilité économique reste à consolider."
            : "Un projet encore trop peu construit pour être soutenu cette année.",
    });
  }
  const opinions = await db().regionalOpinion.findMany({
    where: { application: { callId, regionCode, status: "UNDER_REVIEW" } },
    orderBy: [{ consolidatedScore: "desc" }, { application: { reference: "asc" } }],
    select: { applicationId: true },
  });
  if (opinions.length)
    await rankRegion(cell.coordinator, callId, regionCode, {
      order: opinions.map((o) => o.applicationId),
    });
  if (options.finalize) await finalizeRegion(cell.coordinator, callId, regionCode);
}

function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
