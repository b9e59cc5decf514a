"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  markAllNotificationsReadAction,
  markNotificationReadAction,
} from "@/lib/notifications/inbox-actions";

type Notice = { ok: boolean; text: string };

// The page's one announcement of the list's outcomes, in MarkAllReadButton: mounted whatever the count, it
// outlives the buttons it follows (« Marquer comme lue » removes itself, and under « Non lues » its item too;
// the refreshed page no longer shows « Tout marquer comme lu » once nothing is left unread).
const listeners = new Set<(notice: Notice) => void>();

/** Announces in the page's live region; false when the page has none (the caller then says it itself). */
function announce(notice: Notice): boolean {
  for (const listener of listeners) listener(notice);
  return listeners.size > 0;
}

/** « Tout marquer comme lu », and the page's announcement of the list's outcomes. */
export function MarkAllReadButton({ unread }: { unread: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // `n`: a new node for each announcement, so that the same sentence twice is read twice.
  const [notice, setNotice] = useState<(Notice & { n: number }) | null>(null);
  useEffect(() => {
    const listener = (next: Notice) =>
      setNotice((current) => ({ ...next, n: (current?.n ?? 0) + 1 }));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
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
              announce(
                r.ok
                  ? {
                      ok: true,
                      text:
                        r.data.count > 1
                          ? `${r.data.count} notifications marquées comme lues.`
                          : "Notification marquée comme lue.",
                    }
                  : { ok: false, text: r.message },
              );
              if (r.ok) router.refresh();
            })
          }
        >
          {pending ? "Enregistrement…" : "Tout marquer comme lu"}
        </Button>
      )}
      <div aria-live="polite">
        {notice && (
          <p
            key={notice.n}
            className={
              notice.ok
                ? "fr-message fr-message--valid fr-mt-1w"
                : "fr-message fr-message--error fr-mt-1w"
            }
          >
            {notice.text}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * Where focus goes once an item's « Marquer comme lue » is gone: the next item's link (or button), else the
 * page's heading, made focusable by script if it is not already.
 */
function focusTargetAfter(item: Element | null | undefined): HTMLElement | null {
  for (let next = item?.nextElementSibling; next; next = next.nextElementSibling) {
    const target = next.querySelector<HTMLElement>("a[href], button:not([disabled])");
    if (target) return target;
  }
  const heading =
    document.querySelector<HTMLElement>("main h1") ?? document.querySelector<HTMLElement>("h1");
  if (heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  return heading;
}

/** « Marquer comme lue » on one unread notification: announced by the page, focus moved on. */
export function MarkReadButton({
  id,
  title,
  unread,
}: {
  id: string;
  title: string;
  unread: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [local, setLocal] = useState<Notice | null>(null);
  const self = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // After a failure the button stays: focus comes back to it once it is enabled again.
  useEffect(() => {
    if (!pending && refocus.current) {
      refocus.current = false;
      self.current?.focus();
    }
  }, [pending]);
  return (
    <>
      {unread && (
        <Button
          ref={self}
          priority="tertiary no outline"
          size="small"
          iconId="fr-icon-check-line"
          disabled={pending}
          onClick={() => {
            // Chosen now, while the item is still there: under « Non lues » it leaves the list once the page is read again.
            const item = self.current?.closest("li");
            start(async () => {
              const r = await markNotificationReadAction(id);
              const notice = r.ok
                ? { ok: true, text: `Notification marquée comme lue : ${title}.` }
                : { ok: false, text: r.message };
              if (!announce(notice)) setLocal(notice);
              if (r.ok) {
                focusTargetAfter(item)?.focus();
                router.refresh();
              } else refocus.current = true;
            });
          }}
        >
          Marquer comme lue<span className="fr-sr-only"> : {title}</span>
        </Button>
      )}
      {/* Only for a list without the page's announcement (MarkAllReadButton). */}
      <span
        aria-live="polite"
        className={local && !local.ok ? "fr-error-text fr-mt-0" : "fr-sr-only"}
      >
        {local?.text}
      </span>
    </>
  );
}
