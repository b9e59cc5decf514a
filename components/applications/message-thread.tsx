"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { postMessageAction } from "@/lib/applications/actions";
import { messageSchema } from "@/lib/applications/schema";
import { useOneFieldForm } from "./use-one-field-form";

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
  const {
    form,
    fieldMessage: bodyError,
    submit: send,
    pending,
  } = useOneFieldForm({
    schema: messageSchema,
    name: "body",
    send: (body) => postMessageAction(applicationId, body),
  });
  return (
    <section aria-labelledby="messages-titre" className="fr-mt-4w">
      <h2 id="messages-titre">Messages</h2>
      {messages.length === 0 ? (
        <p>Aucun message pour le moment. Vous pouvez écrire à l&apos;équipe d&apos;instruction.</p>
      ) : (
        // biome-ignore lint/a11y/noRedundantRoles: Safari (VoiceOver) drops the list semantics of a list styled list-style: none; role="list" restores it
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
      <form onSubmit={send}>
        <Input
          textArea
          label="Nouveau message"
          state={bodyError ? "error" : "default"}
          stateRelatedMessage={bodyError ?? undefined}
          nativeTextAreaProps={{
            ...form.register("body"),
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
