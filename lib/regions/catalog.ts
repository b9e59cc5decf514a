// Reference data: French regions (2016 map) and their départements (official INSEE codes).
// Pure data + tiny pure helpers. No imports.

export type RegionSeed = {
  code: string;
  slug: string;
  name: string;
  overseas: boolean;
  departements: { code: string; name: string }[];
};

export const DEPARTEMENT_COUNT = 101;

export const REGIONS: readonly RegionSeed[] = [
  {
    code: "84",
    slug: "ARA",
    name: "Auvergne-Rhône-Alpes",
    overseas: false,
    departements: [
      { code: "01", name: "Ain" },
      { code: "03", name: "Allier" },
      { code: "07", name: "Ardèche" },
      { code: "15", name: "Cantal" },
      { code: "26", name: "Drôme" },
      { code: "38", name: "Isère" },
      { code: "42", name: "Loire" },
      { code: "43", name: "Haute-Loire" },
      { code: "63", name: "Puy-de-Dôme" },
      { code: "69", name: "Rhône" },
      { code: "73", name: "Savoie" },
      { code: "74", name: "Haute-Savoie" },
    ],
  },
  {
    code: "27",
    slug: "BFC",
    name: "Bourgogne-Franche-Comté",
    overseas: false,
    departements: [
      { code: "21", name: "Côte-d'Or" },
      { code: "25", name: "Doubs" },
      { code: "39", name: "Jura" },
      { code: "58", name: "Nièvre" },
      { code: "70", name: "Haute-Saône" },
      { code: "71", name: "Saône-et-Loire" },
      { code: "89", name: "Yonne" },
      { code: "90", name: "Territoire de Belfort" },
    ],
  },
  {
    code: "53",
    slug: "BRE",
    name: "Bretagne",
    overseas: false,
    departements: [
      { code: "22", name: "Côtes-d'Armor" },
      { code: "29", name: "Finistère" },
      { code: "35", name: "Ille-et-Vilaine" },
      { code: "56", name: "Morbihan" },
    ],
  },
  {
    code: "24",
    slug: "CVL",
    name: "Centre-Val de Loire",
    overseas: false,
    departements: [
      { code: "18", name: "Cher" },
      { code: "28", name: "Eure-et-Loir" },
      { code: "36", name: "Indre" },
      { code: "37", name: "Indre-et-Loire" },
      { code: "41", name: "Loir-et-Cher" },
      { code: "45", name: "Loiret" },
    ],
  },
  {
    code: "94",
    slug: "COR",
    name: "Corse",
    overseas: false,
    departements: [
      { code: "2A", name: "Corse-du-Sud" },
      { code: "2B", name: "Haute-Corse" },
    ],
  },
  {
    code: "44",
    slug: "GES",
    name: "Grand Est",
    overseas: false,
    departements: [
      { code: "08", name: "Ardennes" },
      { code: "10", name: "Aube" },
      { code: "51", name: "Marne" },
      { code: "52", name: "Haute-Marne" },
      { code: "54", name: "Meurthe-et-Moselle" },
      { code: "55", name: "Meuse" },
      { code: "57", name: "Moselle" },
      { code: "67", name: "Bas-Rhin" },
      { code: "68", name: "Haut-Rhin" },
      { code: "88", name: "Vosges" },
    ],
  },
  {
    code: "32",
    slug: "HDF",
    name: "Hauts-de-France",
    overseas: false,
    departements: [
      { code: "02", name: "Aisne" },
      { code: "59", name: "Nord" },
      { code: "60", name: "Oise" },
      { code: "62", name: "Pas-de-Calais" },
      { code: "80", name: "Somme" },
    ],
  },
  {
    code: "11",
    slug: "IDF",
    name: "Île-de-France",
    overseas: false,
    departements: [
      { code: "75", name: "Paris" },
      { code: "77", name: "Seine-et-Marne" },
      { code: "78", name: "Yvelines" },
      { code: "91", name: "Essonne" },
      { code: "92", name: "Hauts-de-Seine" },
      { code: "93", name: "Seine-Saint-Denis" },
      { code: "94", name: "Val-de-Marne" },
      { code: "95", name: "Val-d'Oise" },
    ],
  },
  {
    code: "28",
    slug: "NOR",
    name: "Normandie",
    overseas: false,
    departements: [
      { code: "14", name: "Calvados" },
      { code: "27", name: "Eure" },
      { code: "50", name: "Manche" },
      { code: "61", name: "Orne" },
      { code: "76", name: "Seine-Maritime" },
    ],
  },
  {
    code: "75",
    slug: "NAQ",
    name: "Nouvelle-Aquitaine",
    overseas: false,
    departements: [
      { code: "16", name: "Charente" },
      { code: "17", name: "Charente-Maritime" },
      { code: "19", name: "Corrèze" },
      { code: "23", name: "Creuse" },
      { code: "24", name: "Dordogne" },
      { code: "33", name: "Gironde" },
      { code: "40", name: "Landes" },
      { code: "47", name: "Lot-et-Garonne" },
      { code: "64", name: "Pyrénées-Atlantiques" },
      { code: "79", name: "Deux-Sèvres" },
      { code: "86", name: "Vienne" },
      { code: "87", name: "Haute-Vienne" },
    ],
  },
  {
    code: "76",
    slug: "OCC",
    name: "Occitanie",
    overseas: false,
    departements: [
      { code: "09", name: "Ariège" },
      { code: "11", name: "Aude" },
      { code: "12", name: "Aveyron" },
      { code: "30", name: "Gard" },
      { code: "31", name: "Haute-Garonne" },
      { code: "32", name: "Gers" },
      { code: "34", name: "Hérault" },
      { code: "46", name: "Lot" },
      { code: "48", name: "Lozère" },
      { code: "65", name: "Hautes-Pyrénées" },
      { code: "66", name: "Pyrénées-Orientales" },
      { code: "81", name: "Tarn" },
      { code: "82", name: "Tarn-et-Garonne" },
    ],
  },
  {
    code: "52",
    slug: "PDL",
    name: "Pays de la Loire",
    overseas: false,
    departements: [
      { code: "44", name: "Loire-Atlantique" },
      { code: "49", name: "Maine-et-Loire" },
      { code: "53", name: "Mayenne" },
      { code: "72", name: "Sarthe" },
      { code: "85", name: "Vendée" },
    ],
  },
  {
    code: "93",
    slug: "PAC",
    name: "Provence-Alpes-Côte d'Azur",
    overseas: false,
    departements: [
      { code: "04", name: "Alpes-de-Haute-Provence" },
      { code: "05", name: "Hautes-Alpes" },
      { code: "06", name: "Alpes-Maritimes" },
      { code: "13", name: "Bouches-du-Rhône" },
      { code: "83", name: "Var" },
      { code: "84", name: "Vaucluse" },
    ],
  },
  {
    code: "01",
    slug: "GUA",
    name: "Guadeloupe",
    overseas: true,
    departements: [{ code: "971", name: "Guadeloupe" }],
  },
  {
    code: "02",
    slug: "MTQ",
    name: "Martinique",
    overseas: true,
    departements: [{ code: "972", name: "Martinique" }],
  },
  {
    code: "03",
    slug: "GUF",
    name: "Guyane",
    overseas: true,
    departements: [{ code: "973", name: "Guyane" }],
  },
  {
    code: "04",
    slug: "REU",
    name: "La Réunion",
    overseas: true,
    departements: [{ code: "974", name: "La Réunion" }],
  },
  {
    code: "06",
    slug: "MAY",
    name: "Mayotte",
    overseas: true,
    departements: [{ code: "976", name: "Mayotte" }],
  },
];

function findRegionByDepartement(departementCode: string): RegionSeed | undefined {
  return REGIONS.find((region) => region.departements.some((d) => d.code === departementCode));
}

/** The département a French postal code belongs to ("35000" -> "35", "20000" -> "2A", "20200" -> "2B", "97110" -> "971"); null when the code is not 5 digits or maps to no département. */
export function departementOfPostalCode(postalCode: string): string | null {
  const value = postalCode.trim();
  if (!/^\d{5}$/.test(value)) return null;

  const prefix2 = value.slice(0, 2);

  // Overseas: the département is given by the first three digits
  // (Saint-Martin 97150 / Saint-Barthélemy 97133 fall under 971 by prefix).
  if (prefix2 === "97" || prefix2 === "98") {
    const prefix3 = value.slice(0, 3);
    return findRegionByDepartement(prefix3) ? prefix3 : null;
  }

  // Corsica: 20000–20199 -> Corse-du-Sud, 20200–20699 -> Haute-Corse
  // (e.g. 20620 Biguglia is 2B).
  if (prefix2 === "20") {
    const n = Number(value);
    if (n >= 20000 && n <= 20199) return "2A";
    if (n >= 20200 && n <= 20699) return "2B";
    return null;
  }

  return findRegionByDepartement(prefix2) ? prefix2 : null;
}

export function regionOfDepartement(departementCode: string): RegionSeed | undefined {
  return findRegionByDepartement(departementCode.trim().toUpperCase());
}
