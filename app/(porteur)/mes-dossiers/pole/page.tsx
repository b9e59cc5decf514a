import { PoleForm } from "@/components/poles/pole-form";
import { requireSpace } from "@/lib/auth/session";
import { getOwnPole } from "@/lib/poles/data";
import type { PoleInput } from "@/lib/poles/schema";

export const metadata = { title: "Mon pôle" };

const EMPTY: PoleInput = {
  name: "",
  carrierName: "",
  siret: "",
  legalForm: "" as never,
  addressLine: "",
  postalCode: "",
  city: "",
  departementCode: "",
  territoryType: "" as never,
  qpvCode: "",
  creationYear: null,
  website: "",
  governance: "",
  members: [{ name: "", category: "" as never, siret: "", isLegalPerson: true }],
};

export default async function PolePage() {
  const actor = await requireSpace("space.applicant", "/mes-dossiers/pole");
  const pole = await getOwnPole(actor);
  const values: PoleInput = pole
    ? {
        name: pole.name,
        carrierName: pole.carrierName,
        siret: pole.siret,
        legalForm: pole.legalForm,
        addressLine: pole.addressLine,
        postalCode: pole.postalCode,
        city: pole.city,
        departementCode: pole.departementCode,
        territoryType: pole.territoryType,
        qpvCode: pole.qpvCode ?? "",
        creationYear: pole.creationYear,
        website: pole.website ?? "",
        governance: pole.governance,
        members: pole.members.map(({ name, category, siret, isLegalPerson }) => ({
          name,
          category,
          siret: siret ?? "",
          isLegalPerson,
        })),
      }
    : EMPTY;
  return (
    <div className="fr-container fr-py-6w">
      <h1>{pole ? "Mon pôle" : "Présenter mon pôle"}</h1>
      <p>
        La structure porteuse et les membres du pôle territorial de coopération économique. Ces
        informations sont reprises dans chacun de vos dossiers.
      </p>
      <PoleForm poleId={pole?.id ?? null} defaultValues={values} />
    </div>
  );
}
