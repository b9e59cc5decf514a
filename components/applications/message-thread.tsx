"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { postMessageAction } from "@/lib/applications/actions";

export type ThreadMessage = {
  id: string;
  body: string;
  at: string;
  author: string;
  fromInstruction: boolean;
};

/** The exchanges between the applicants and the instruction team about one dossier. */
export function MessageThread({
  applicationId,
  messages,
}: {
  applicationId: string;
  messages: ThreadMessage[];
}) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <section aria-labelledby="messages-titre" className="fr-mt-4w">
      <h2 id="messages-titre">Messages</h2>
      {messages.length === 0 ? (
        <p>Aucun message pour le moment. Vous pouvez écrire à l&apos;équipe d&apos;instruction.</p>
      ) : (
        <ol role="list" className="list-none p-0">
          {messages.map((m) => (
            <li
              key={m.id}
              className={`fr-p-2w fr-mb-2w ${m.fromInstruction ? "fr-background-alt--blue-france" : "fr-background-alt--grey"}`}
            >
              <p className="fr-text--sm fr-mb-1w">
                <strong>{m.author}</strong> (
                {m.fromInstruction ? "équipe d'instruction" : "porteur du projet"}) · {m.at}
              </p>
              <p className="fr-mb-0 whitespace-pre-wrap">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await postMessageAction(applicationId, body);
            if (!r.ok) setError(r.fieldErrors?.body?.[0] ?? r.message);
            else {
              setError(null);
              setBody("");
              router.refresh();
            }
          });
        }}
      >
        <Input
          textArea
          label="Nouveau message"
          state={error ? "error" : "default"}
          stateRelatedMessage={error ?? undefined}
          nativeTextAreaProps={{
            value: body,
            onChange: (e) => setBody(e.target.value),
            rows: 4,
            maxLength: 5000,
          }}
        />
        <Button type="submit" disabled={pending} iconId="fr-icon-send-plane-line">
          Envoyer
        </Button>
      </form>
      {pending && <Alert severity="info" small description="Envoi…" />}
    </section>
  );
}
