"use client";
// The error summary at the top of a form: always in the page and focusable, so that a failed submission
// moves the focus to it and a screen reader reads the failure at once.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { type ReactNode, type Ref, useRef, useState } from "react";

/** `children`: other messages of the same place (a success, shown instead of a failure). */
export function FailureSummary({
  ref,
  title,
  failure,
  children,
}: {
  ref: Ref<HTMLDivElement>;
  title: string;
  failure: string | null;
  children?: ReactNode;
}) {
  const alert = failure && (
    <Alert severity="error" title={title} description={failure} as="h2" small={false} />
  );
  // Without other messages, the alert is the only child: React then gives it the same generated id.
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      {children === undefined ? (
        alert
      ) : (
        <>
          {alert}
          {children}
        </>
      )}
    </div>
  );
}

/** The summary's state: `show` writes the failure and focuses the summary. */
export function useFailureSummary() {
  const ref = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const show = (message: string) => {
    setFailure(message);
    ref.current?.focus();
  };
  return { ref, failure, show };
}
