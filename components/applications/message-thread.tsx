"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { postMessageAction } from "@/lib/applications/actions";
import { type MessageInput, messageSchema } from "@/lib/applications/schema";

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
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<MessageInput>({
    resolver: zodResolver(messageSchema),
    reValidateMode: "onSubmit",
    defaultValues: { body: "" },
  });
  // The field's message: the browser's parse, else the server's (its field error or its message).
  const bodyError = form.formState.errors.body?.message ?? error;
  const send = form.handleSubmit(
    () => {
      const body = form.getValues("body");
      start(async () => {
        const r = await postMessageAction(applicationId, body);
        if (!r.ok) {
          const fieldError = r.fieldErrors?.body?.[0];
          if (fieldError) form.setError("body", { message: fieldError });
          setError(fieldError ? null : r.message);
        } else {
          setError(null);
          form.reset({ body: "" });
          router.refresh();
        }
      });
    },
    () => setError(null),
  );
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
