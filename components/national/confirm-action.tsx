"use client";
// A button that asks for confirmation before an act that cannot simply be undone, then runs it.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";

type Props = {
  label: string;
  confirmLabel: string;
  question: ReactNode;
  run: () => Promise<ActionResult<unknown>>;
  success?: string;
  priority?: "primary" | "secondary" | "tertiary";
  /** extra fields shown in the confirmation (e.g. a reason) */
  children?: ReactNode;
};

export function ConfirmAction({
  label,
  confirmLabel,
  question,
  run,
  success,
  priority = "primary",
  children,
}: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; details?: string[] } | null>(null);
  const [done, setDone] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) box.current?.focus();
  }, [open]);
  return (
    <div className="fr-mb-2w">
      {error && (
        <Alert
          severity="error"
          small={false}
          as="h3"
          title="Action refusée"
          description={
            error.details?.length ? (
              <ul>
                {error.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : (
              error.message
            )
          }
          className="fr-mb-2w"
          role="alert"
        />
      )}
      {done && success && (
        <Alert severity="success" small description={success} className="fr-mb-2w" role="status" />
      )}
      {open ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          ref={box}
          tabIndex={-1}
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label={`Confirmation : ${label}`}
        >
          <div className="fr-mb-2w">{question}</div>
          {children}
          <div className="flex flex-wrap gap-4">
            <Button
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await run();
                  setOpen(false);
                  if (r.ok) {
                    setError(null);
                    setDone(true);
                    router.refresh();
                  } else setError({ message: r.message, details: r.fieldErrors?._form });
                })
              }
            >
              {confirmLabel}
            </Button>
            <Button priority="secondary" onClick={() => setOpen(false)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <Button priority={priority} onClick={() => setOpen(true)}>
          {label}
        </Button>
      )}
    </div>
  );
}
