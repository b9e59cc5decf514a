import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { notFound } from "next/navigation";
import { PhaseButtons } from "@/components/admin/call-buttons";
import { CallForm } from "@/components/admin/call-form";
import { requireSpace } from "@/lib/auth/session";
import { getCallForAdmin } from "@/lib/calls/data";
import { callFormValues } from "@/lib/calls/form";
import { nextPhases, PHASE_LABELS } from "@/lib/calls/phase";

export const metadata = { title: "Appel - Administration" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ copie?: string; cree?: string }>;
};

export default async function EditCallPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const actor = await requireSpace("space.admin", `/admin/appels/${id}`);
  const found = await getCallForAdmin(actor, id);
  if (!found) notFound();
  const { call, submittedApplications, scoringStarted } = found;
  return (
    <div className="fr-pb-6w">
      <h1>{call.title}</h1>
      {query.copie && (
        <Alert
          severity="success"
          as="h2"
          role="status"
          small={false}
          className="fr-mb-3w"
          title="Appel dupliqué"
          description="Cette nouvelle édition reprend les conditions de l'appel d'origine, dates décalées d'un an. Vérifiez son titre, son identifiant, ses dates et sa grille avant de l'ouvrir."
        />
      )}
      {query.cree && (
        <Alert
          severity="success"
          as="h2"
          role="status"
          small={false}
          className="fr-mb-3w"
          title="Appel créé"
          description="L'appel est en préparation."
        />
      )}
      <section aria-labelledby="phase" className="fr-mb-5w">
        <h2 id="phase">Phase : {PHASE_LABELS[call.phase]}</h2>
        <p>
          {submittedApplications} dossier{submittedApplications > 1 ? "s" : ""} déposé
          {submittedApplications > 1 ? "s" : ""}
          {scoringStarted ? " · notation commencée (grille figée)" : ""}
          {call.decisionsFinalizedAt ? " · décisions finalisées (règles de sélection figées)" : ""}.
        </p>
        <PhaseButtons
          callId={call.id}
          moves={nextPhases(call.phase).map((p) => ({ phase: p, label: PHASE_LABELS[p] }))}
        />
      </section>
      <h2>Conditions de l&apos;appel</h2>
      <CallForm
        callId={call.id}
        defaultValues={callFormValues(call)}
        gridLocked={scoringStarted}
        rulesLocked={!!call.decisionsFinalizedAt}
      />
    </div>
  );
}
