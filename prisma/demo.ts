// The demo story: the 2025 AMI PTCE as published, its next edition open today, and one account
// per role. Pure data and builders, shared by the seed and the tests.
import type { CallInput } from "@/lib/calls/schema";
import { addDays, parisDate, parisEndOfDay, parisTimeToUtc } from "@/lib/time";
import type { NewUserInput } from "@/lib/users/schema";

export const DEMO_PASSWORD = "Demo-PTCE-2025!";

type DemoUser = Omit<NewUserInput, "password" | "emailVerified">;
const cra = (
  region: string,
  slug: string,
  coordinator: string,
  evaluators: [string, string],
): DemoUser[] => [
  {
    email: `coordination.${slug}@demo-ptce.fr`,
    name: coordinator,
    roles: [{ role: "CRA_COORDINATOR", regionCode: region }],
  },
  ...evaluators.map((name, i) => ({
    email: `evaluation${i + 1}.${slug}@demo-ptce.fr`,
    name,
    roles: [{ role: "CRA_EVALUATOR" as const, regionCode: region }],
  })),
];

export const DEMO_USERS: DemoUser[] = [
  {
    email: "admin@demo-ptce.fr",
    name: "Agnès Lefèvre",
    roles: [{ role: "ADMIN", regionCode: null }],
  },
  {
    email: "cna1@demo-ptce.fr",
    name: "Julien Moreau",
    roles: [{ role: "CNA_MEMBER", regionCode: null }],
  },
  {
    email: "cna2@demo-ptce.fr",
    name: "Sophie Garnier",
    roles: [{ role: "CNA_MEMBER", regionCode: null }],
  },
  ...cra("53", "bretagne", "Yann Le Goff", ["Maëlle Tanguy", "Erwan Kerbrat"]),
  ...cra("76", "occitanie", "Carla Vidal", ["Pierre Fabre", "Inès Roque"]),
  ...cra("32", "hauts-de-france", "Thomas Leroy", ["Nadia Benali", "Lucas Dupont"]),
  {
    email: "porteur1@demo-ptce.fr",
    name: "Claire Rivière",
    roles: [{ role: "APPLICANT", regionCode: null }],
  },
  {
    email: "porteur2@demo-ptce.fr",
    name: "Mehdi Haddad",
    roles: [{ role: "APPLICANT", regionCode: null }],
  },
  {
    email: "porteur3@demo-ptce.fr",
    name: "Élodie Marchand",
    roles: [{ role: "APPLICANT", regionCode: null }],
  },
  {
    email: "porteur4@demo-ptce.fr",
    name: "Bruno Caradec",
    roles: [{ role: "APPLICANT", regionCode: null }],
  },
];

const LEVELS = ["Absent", "Très insuffisant", "Insuffisant", "Satisfaisant", "Bon", "Excellent"];

/** The terms of the AMI PTCE (the 2025 edition's), with the dates of a given edition. */
export function ptceCallInput(edition: {
  slug: string;
  year: number;
  opensAt: Date;
  deadlineAt: Date;
  regionalDeadlineAt: Date;
  nationalDeadlineAt: Date;
  resultsAt: Date;
}): CallInput {
  return {
    ...edition,
    title: `Appel à manifestation d'intérêt « Financer le développement des PTCE » ${edition.year}`,
    summary:
      "L'État soutient le développement des pôles territoriaux de coopération économique (PTCE) : des entreprises de " +
      "l'économie sociale et solidaire, des entreprises classiques, des collectivités, des organismes de recherche ou de " +
      "formation et des citoyens qui coopèrent sur un territoire autour d'un projet économique à fort impact local. " +
      "Chaque lauréat reçoit une subvention de 30 000 € à 80 000 € sur deux ans, versée dès la première année.",
    envelopeCents: 500_000_00,
    minGrantCents: 30_000_00,
    maxGrantCents: 80_000_00,
    // The jury's rule: merit order, a quality threshold, a short reserve list, the last grant fitted to the envelope.
    selectionMethod: "MERIT_ORDER",
    qualityThreshold: 60_00,
    reserveListLength: 5,
    adjustLastGrant: true,
    grantorName:
      "Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique",
    grantorSiret: "11000201100044",
    durationMonths: 24,
    minEvaluators: 2,
    levers: [
      {
        code: "animation",
        title: "Animation territoriale",
        description:
          "Une gouvernance claire et une coopération réelle entre les acteurs du territoire.",
      },
      {
        code: "ingenierie",
        title: "Ingénierie de projet",
        description: "Des retombées économiques, sociales et écologiques concrètes.",
      },
      {
        code: "recherche",
        title: "Recherche et innovation",
        description: "L'expérimentation au service de la résilience locale.",
      },
    ],
    priorities: [
      {
        label: "Territoires ruraux et quartiers prioritaires de la politique de la ville (QPV)",
        territoryTypes: ["RURAL", "QPV"],
        minShareBps: 5000,
      },
    ],
    learningCommunities: [
      {
        code: "alimentation-durable",
        name: "Alimentation durable",
        description:
          "Communauté apprenante des PTCE engagés dans les systèmes alimentaires territoriaux.",
      },
      {
        code: "economie-circulaire",
        name: "Économie circulaire",
        description:
          "Communauté apprenante des PTCE du réemploi, de la réparation et du recyclage.",
      },
    ],
    documentKinds: [
      { code: "statuts", label: "Statuts de la structure porteuse", required: true },
      { code: "budget-previsionnel", label: "Budget prévisionnel sur deux ans", required: true },
      {
        code: "lettres-soutien",
        label: "Lettres de soutien ou d'engagement des membres",
        required: true,
      },
      { code: "rib", label: "Relevé d'identité bancaire (RIB)", required: true },
      { code: "attestation-honneur", label: "Attestation sur l'honneur signée", required: true },
      { code: "rapport-activite", label: "Dernier rapport d'activité", required: false },
    ],
    criteria: [
      {
        code: "animation",
        label: "Animation territoriale : gouvernance claire, coopération réelle entre les membres",
        weightBps: 2500,
        maxScore: 5,
        levels: LEVELS,
      },
      {
        code: "ingenierie",
        label:
          "Ingénierie de projet : retombées économiques, sociales et écologiques concrètes, indicateurs",
        weightBps: 2500,
        maxScore: 5,
        levels: LEVELS,
      },
      {
        code: "recherche",
        label:
          "Recherche et innovation : expérimentation, résilience locale, partenaires de recherche",
        weightBps: 1500,
        maxScore: 5,
        levels: LEVELS,
      },
      {
        code: "viabilite",
        label: "Viabilité économique et trajectoire de professionnalisation",
        weightBps: 2000,
        maxScore: 5,
        levels: LEVELS,
      },
      {
        code: "ancrage",
        label:
          "Ancrage territorial : territoire rural ou QPV, publics touchés, coopération entre territoires",
        weightBps: 1500,
        maxScore: 5,
        levels: LEVELS,
      },
    ],
    tranches: [
      {
        label: "Avance à la signature de la convention (année 1)",
        shareBps: 7000,
        condition: "ON_SIGNATURE",
      },
      {
        label: "Solde après acceptation du bilan intermédiaire (année 2)",
        shareBps: 3000,
        condition: "AFTER_INTERIM_REPORT",
      },
    ],
  };
}

/** The 2025 edition as published: 2 October 2025, applications due 2 November 2025 at 23:59 Paris time. */
export const CALL_2025 = ptceCallInput({
  slug: "ami-ptce-2025",
  year: 2025,
  opensAt: parisTimeToUtc("2025-10-02", "09:00"),
  deadlineAt: parisEndOfDay("2025-11-02"),
  regionalDeadlineAt: parisEndOfDay("2025-11-16"),
  nationalDeadlineAt: parisEndOfDay("2025-11-28"),
  resultsAt: parisTimeToUtc("2025-11-30", "12:00"),
});

/** The 2025 edition's steps after the regional instruction, dated as they happened. */
export const DATES_2025 = {
  commission: parisTimeToUtc("2025-12-16", "14:00"), // the national cell finalises its list
  results: parisTimeToUtc("2025-12-18", "10:00"), // results published, applicants notified
  conventionsSent: parisTimeToUtc("2025-12-19", "09:00"),
  signedByPoles: parisTimeToUtc("2025-12-22", "11:00"),
  countersigned: parisTimeToUtc("2025-12-23", "16:00"),
  firstPayment: parisTimeToUtc("2025-12-30", "10:00"),
};

/** The next edition, on the same terms, open since last week and due in five weeks from `today`. */
export function nextEditionInput(today: Date = new Date()): CallInput {
  const day = parisDate(today);
  const year = Math.max(Number(day.slice(0, 4)), CALL_2025.year + 1);
  return ptceCallInput({
    slug: `ami-ptce-${year}`,
    year,
    opensAt: parisTimeToUtc(addDays(day, -7), "09:00"),
    deadlineAt: parisEndOfDay(addDays(day, 35)),
    regionalDeadlineAt: parisEndOfDay(addDays(day, 56)),
    nationalDeadlineAt: parisEndOfDay(addDays(day, 70)),
    resultsAt: parisTimeToUtc(addDays(day, 77), "12:00"),
  });
}

/** A small valid PDF, for the demo dossiers' documents. */
export const DEMO_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

type DemoPole = Parameters<typeof import("@/lib/poles/mutations").savePole>[2];

/** The poles of two demo applicants: one drafting in Brittany, one who submitted in Occitanie. */
export const DEMO_POLES: { email: string; pole: DemoPole; submit: boolean }[] = [
  {
    email: "porteur1@demo-ptce.fr",
    submit: false,
    pole: {
      name: "Pôle Bois et Bocage",
      carrierName: "Association Bocage en commun",
      siret: "73282932000074",
      legalForm: "ASSOCIATION",
      addressLine: "12 rue des Tanneurs",
      postalCode: "35600",
      city: "Redon",
      departementCode: "35",
      territoryType: "RURAL",
      qpvCode: "",
      creationYear: 2016,
      website: "",
      governance: "Un conseil coopératif mensuel, un collège par catégorie de membres.",
      members: [
        { name: "Scic Bois Local", category: "ESS_ENTERPRISE", siret: "", isLegalPerson: true },
        { name: "Menuiserie Leroux", category: "OTHER_ENTERPRISE", siret: "", isLegalPerson: true },
        {
          name: "Redon Agglomération",
          category: "LOCAL_AUTHORITY",
          siret: "",
          isLegalPerson: true,
        },
      ],
    },
  },
  {
    email: "porteur2@demo-ptce.fr",
    submit: true,
    pole: {
      name: "Pôle Mirail Solidaire",
      carrierName: "Association Mirail en commun",
      siret: "35600000000048",
      legalForm: "SCIC",
      addressLine: "5 allée de Bellefontaine",
      postalCode: "31100",
      city: "Toulouse",
      departementCode: "31",
      territoryType: "QPV",
      qpvCode: "QN03101M",
      creationYear: 2019,
      website: "",
      governance: "Assemblée coopérative trimestrielle.",
      members: [
        {
          name: "Régie de quartier du Mirail",
          category: "ESS_ENTERPRISE",
          siret: "",
          isLegalPerson: true,
        },
        {
          name: "Boulangerie du Mirail",
          category: "OTHER_ENTERPRISE",
          siret: "",
          isLegalPerson: true,
        },
        {
          name: "Université Toulouse Jean-Jaurès",
          category: "RESEARCH_TRAINING",
          siret: "",
          isLegalPerson: true,
        },
      ],
    },
  },
];

const TEXT = (s: string) =>
  `${s} Le pôle réunit entreprises de l'ESS, entreprises classiques, collectivité et acteurs de la recherche autour d'un projet économique local.`;

/** A dossier filled on every step, with its budget (60 000 € asked of 100 000 €). */
export function demoDraft(leverIds: string[]) {
  return {
    title: "Atelier coopératif de réemploi",
    presentation: TEXT("Un atelier partagé de réemploi des matériaux."),
    governance: TEXT("Un conseil coopératif."),
    cooperation: TEXT("Des outils et un salarié partagés."),
    leverAnswers: leverIds.map((leverId) => ({
      leverId,
      text: TEXT("Notre réponse à ce levier."),
    })),
    economicImpact: "Quatre emplois non délocalisables.",
    socialImpact: "Des parcours d'insertion pour douze personnes.",
    ecologicalImpact: "300 tonnes de matériaux réemployés chaque année.",
    indicators: [
      {
        label: "Matériaux réemployés",
        unit: "t",
        baseline: "0",
        targetYear1: "100",
        targetYear2: "200",
      },
    ],
    expenses: [
      {
        category: "PERSONNEL" as const,
        label: "Coordinatrice",
        year: 1 as const,
        amountCents: 45_000_00,
      },
      {
        category: "PERSONNEL" as const,
        label: "Coordinatrice",
        year: 2 as const,
        amountCents: 45_000_00,
      },
      {
        category: "EQUIPMENT" as const,
        label: "Outillage",
        year: 1 as const,
        amountCents: 10_000_00,
      },
    ],
    fundings: [
      {
        source: "THIS_CALL" as const,
        funderName: "",
        year: 1 as const,
        amountCents: 60_000_00,
        status: "REQUESTED" as const,
      },
      {
        source: "REGIONAL_COUNCIL" as const,
        funderName: "Région",
        year: 2 as const,
        amountCents: 30_000_00,
        status: "SECURED" as const,
      },
      {
        source: "SELF_FINANCING" as const,
        funderName: "",
        year: 2 as const,
        amountCents: 10_000_00,
        status: "SECURED" as const,
      },
    ],
    learningCommunityId: null,
  };
}
