"use client";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { ConfirmAction } from "@/components/national/confirm-action";
import { formatEuros } from "@/lib/format";
import {
  acceptSelectionAction,
  finalizeDecisionsAction,
  promoteReserveAction,
  publishDecisionsAction,
  recordWithdrawalAction,
  renounceGrantAction,
  reopenDecisionsAction,
} from "@/lib/national/actions";
import { DEPARTURE_JUSTIFICATION_MIN } from "@/lib/national/schema";

/** An adjusted last grant proposed by the rule, for the cell to confirm (or decline) when accepting. */
export type AdjustedGrant = { reference: string; requestedCents: number; amountCents: number };

export function AcceptSelectionButton({
  callId,
  replaces,
  adjusted,
}: {
  callId: string;
  replaces: number;
  adjusted: AdjustedGrant | null;
}) {
  const [confirmAdjusted, setConfirmAdjusted] = useState(false);
  return (
    <ConfirmAction
      label="Accepter la liste proposée"
      confirmLabel="Confirmer : créer le projet de décisions"
      question={
        <p>
          La liste proposée devient le projet de décisions (lauréats, liste complémentaire ordonnée,
          non retenus), avec des motifs rédigés à partir des commentaires des évaluateurs, que vous
          pourrez modifier.
          {replaces > 0 && <strong> Le projet actuel ({replaces} décisions) sera remplacé.</strong>}
        </p>
      }
      run={() => acceptSelectionAction(callId, { confirmAdjusted })}
      success="Projet de décisions créé : vous pouvez le modifier dans « Décisions »."
    >
      {adjusted && (
        <div className="fr-checkbox-group fr-mb-2w">
          <input
            type="checkbox"
            id="confirmer-ajustement"
            checked={confirmAdjusted}
            onChange={(e) => setConfirmAdjusted(e.target.checked)}
          />
          <label className="fr-label" htmlFor="confirmer-ajustement">
            Je confirme la subvention ajustée de {formatEuros(adjusted.amountCents)} pour{" "}
            {adjusted.reference} (montant proposé : {formatEuros(adjusted.requestedCents)})
            <span className="fr-hint-text">
              Sans cette confirmation, la liste est acceptée sans ajustement : le dossier reste sous
              la ligne de financement.
            </span>
          </label>
        </div>
      )}
    </ConfirmAction>
  );
}

export function FinalizeButton({ callId, departures }: { callId: string; departures: string[] }) {
  const [justification, setJustification] = useState("");
  return (
    <ConfirmAction
      label="Finaliser la liste"
      confirmLabel="Confirmer la finalisation"
      question={
        <>
          <p>
            La liste est vérifiée (enveloppe, bornes, priorités, rangs, motifs) puis figée : seuls
            les motifs resteront modifiables avant la publication.
          </p>
          {departures.length > 0 && (
            <p>
              <strong>La liste s&apos;écarte de la règle de sélection de l&apos;appel</strong> : cet
              écart doit être justifié par écrit. La justification figure au procès-verbal de la
              commission.
            </p>
          )}
        </>
      }
      run={() => finalizeDecisionsAction(callId, { justification })}
      success="Liste finalisée."
    >
      {departures.length > 0 && (
        <Input
          textArea
          label="Justification de l'écart à la règle de sélection"
          hintText={`${DEPARTURE_JUSTIFICATION_MIN} caractères au moins`}
          nativeTextAreaProps={{
            id: "justification-ecart",
            value: justification,
            onChange: (e) => setJustification(e.target.value),
            maxLength: 4000,
            rows: 4,
          }}
        />
      )}
    </ConfirmAction>
  );
}

export function ReopenButton({ callId }: { callId: string }) {
  return (
    <ConfirmAction
      priority="secondary"
      label="Rouvrir la liste"
      confirmLabel="Confirmer la réouverture"
      question={
        <p>
          La liste redevient modifiable. Elle devra être finalisée à nouveau avant la publication.
        </p>
      }
      run={() => reopenDecisionsAction(callId)}
    />
  );
}

export function PublishButton({ callId, count }: { callId: string; count: number }) {
  return (
    <ConfirmAction
      label="Publier les résultats"
      confirmLabel="Confirmer la publication"
      question={
        <p>
          Les {count} porteurs de projet reçoivent leur décision par e-mail, avec la lettre de
          décision, et la voient dans leur espace. La publication est définitive et ne peut avoir
          lieu qu&apos;une fois.
        </p>
      }
      run={() => publishDecisionsAction(callId)}
      success="Résultats publiés : les lettres de décision se préparent et partent par e-mail ; suivez leur envoi dans « Envoi des décisions »."
    />
  );
}

function ReasonField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Input
      label="Motif"
      nativeInputProps={{ id, value, onChange: (e) => onChange(e.target.value), maxLength: 1000 }}
    />
  );
}

export function RecordWithdrawalButton({
  applicationId,
  reference,
}: {
  applicationId: string;
  reference: string;
}) {
  const [reason, setReason] = useState("");
  return (
    <ConfirmAction
      priority="tertiary"
      label={`Enregistrer un désistement (${reference})`}
      confirmLabel="Confirmer le désistement"
      question={
        <p>
          Le lauréat {reference} renonce à sa subvention : son dossier est retiré et une promotion
          depuis la liste complémentaire sera proposée.
        </p>
      }
      run={() => recordWithdrawalAction(applicationId, reason)}
    >
      <ReasonField id={`motif-${applicationId}`} value={reason} onChange={setReason} />
    </ConfirmAction>
  );
}

export function PromoteButton({
  callId,
  applicationId,
  reference,
}: {
  callId: string;
  applicationId: string;
  reference: string;
}) {
  return (
    <ConfirmAction
      label={`Promouvoir ${reference}`}
      confirmLabel="Confirmer la promotion"
      question={
        <p>
          Le dossier {reference} devient lauréat ; une nouvelle lettre de décision est envoyée à son
          porteur.
        </p>
      }
      run={() => promoteReserveAction(callId, applicationId)}
      success="Promotion enregistrée : le porteur est informé."
    />
  );
}

export function RenounceButton({ applicationId }: { applicationId: string }) {
  const [reason, setReason] = useState("");
  return (
    <ConfirmAction
      priority="secondary"
      label="Renoncer à la subvention"
      confirmLabel="Confirmer : je renonce à la subvention"
      question={
        <p>
          Votre dossier sera retiré et la subvention proposée à un autre projet. Cette action est
          définitive.
        </p>
      }
      run={() => renounceGrantAction(applicationId, reason)}
      success="Votre renoncement est enregistré."
    >
      <ReasonField id="motif-renoncement" value={reason} onChange={setReason} />
    </ConfirmAction>
  );
}
