import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ComplementRequestList } from "@/lib/applications/data";
import { formatDateTime } from "@/lib/format";
import { AttachmentsPanel } from "./attachments-panel";
import { ComplementAnswer } from "./complement-answer";

type Requests = ComplementRequestList;

/** The requests for missing documents of a dossier; the open ones can be answered with just those documents. */
export function ComplementRequests({
  requests,
  canAnswer,
}: {
  requests: Requests;
  canAnswer: boolean;
}) {
  if (!requests.length) return null;
  return (
    <section aria-labelledby="complements-titre" className="fr-mt-4w">
      <h2 id="complements-titre">Pièces complémentaires</h2>
      {requests.map((r) => (
        <div key={r.id} className="fr-p-3w fr-mb-3w fr-background-alt--grey">
          <p className="fr-mb-1w">
            Demande du {formatDateTime(r.createdAt)} · réponse attendue avant le{" "}
            <strong>{formatDateTime(r.dueAt)}</strong>
          </p>
          <p className="whitespace-pre-wrap">{r.message}</p>
          {r.status === "OPEN" && canAnswer ? (
            <>
              <AttachmentsPanel
                uploadUrl={`/api/demandes/${r.id}/pieces`}
                editable
                kinds={r.kinds}
                initial={r.attachments}
              />
              <ComplementAnswer requestId={r.id} />
            </>
          ) : r.status === "EXPIRED" ? (
            <Alert
              severity="error"
              small
              description={`Délai dépassé le ${formatDateTime(r.dueAt)} : la demande est close sans réponse.`}
            />
          ) : r.status === "ANSWERED" ? (
            <Alert
              severity="success"
              small
              description={`Réponse envoyée le ${r.answeredAt ? formatDateTime(r.answeredAt) : ""}${r.answer ? ` : ${r.answer}` : "."}`}
            />
          ) : (
            <Alert severity="warning" small description="Demande en attente de réponse." />
          )}
        </div>
      ))}
    </section>
  );
}
