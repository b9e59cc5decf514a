// `npm run selection:rerun -- <dossier-extrait>`: re-runs the national selection from an extracted evidence pack
// (candidats.json, regles.json) and says whether the recomputed list equals its resultat.json.
// Exit code 0 when identical, 1 when different, 2 on a usage or reading error. No database needed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { rerunFromPack } from "@/lib/evidence/pack";
import { plural } from "@/lib/format";

const dir = process.argv[2];
if (!dir) {
  console.error(
    "Usage : npm run selection:rerun -- <dossier-extrait>  (le dossier où l'archive des pièces du jury a été extraite)",
  );
  process.exit(2);
}
let recomputed: string;
let expected: string;
try {
  const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
  recomputed = rerunFromPack(read("candidats.json"), read("regles.json"));
  expected = read("resultat.json");
} catch (error) {
  console.error(`Lecture impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const mine = JSON.parse(recomputed);
const theirs = JSON.parse(expected);
type Entry = { reference: string };
const refs = (list: Entry[] | undefined) =>
  (list ?? []).map((e) => e.reference).join(", ") || "aucun";
if (isDeepStrictEqual(mine, theirs)) {
  console.log(
    `Identique : la sélection relancée donne exactement resultat.json (${plural(mine.laureates.length, "lauréat")}, ${mine.reserve.length} sur la liste complémentaire).`,
  );
  console.log(`Lauréats : ${refs(mine.laureates)}`);
  process.exit(0);
}
console.log("DIFFÉRENT : la sélection relancée ne donne pas resultat.json.");
for (const key of ["laureates", "reserve", "notRetained"] as const) {
  if (!isDeepStrictEqual(mine[key], theirs[key]))
    console.log(
      `- ${key} : recalculé ${refs(mine[key])} ; dans resultat.json ${refs(theirs[key])}`,
    );
}
process.exit(1);
