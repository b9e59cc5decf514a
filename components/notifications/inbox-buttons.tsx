"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/inbox-actions";

// Mounted whatever the count, so that the announcement outlives the button it follows (the refreshed page
// no longer shows the button once nothing is left unread).

/** « Tout marquer comme lu », with its outcome announced. */
export function MarkAllReadButton({ unread }: { unread: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="fr-mb-3w">
      {unread > 0 && (
        <Button
          priority="secondary"
          iconId="fr-icon-check-line"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await markAllNotificationsReadAction();
              setNotice(r.ok ? { ok: true, text: r.data.count > 1 ? `${r.data.count} notifications marquées comme lues.` : "Notification marquée comme lue." } : { ok: false, text: r.message });
              if (r.ok) router.refresh();
            })
          }
        >
          {pending ? "Enregistrement…" : "Tout marquer comme lu"}
        </Button>
      )}
      <div aria-live="polite">{notice && <p className={notice.ok ? "fr-message fr-message--valid fr-mt-1w" : "fr-message fr-message--error fr-mt-1w"}>{notice.text}</p>}</div>
    </div>
  );
}

/** « Marquer comme lue » on one unread notification. */
export function MarkReadButton({ id, title, unread }: { id: string; title: string; unread: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      {unread && (
        <Button
          priority="tertiary no outline"
          size="small"
          iconId="fr-icon-check-line"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await markNotificationReadAction(id);
              setNotice(r.ok ? { ok: true, text: "Notification marquée comme lue." } : { ok: false, text: r.message });
              if (r.ok) router.refresh();
            })
          }
        >
          Marquer comme lue<span className="fr-sr-only"> : {title}</span>
        </Button>
      )}
      <span aria-live="polite" className={notice && !notice.ok ? "fr-error-text fr-mt-0" : "fr-sr-only"}>
        {notice?.text}
      </span>
    </>
  );
}
