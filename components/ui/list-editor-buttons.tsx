// The two buttons of a list editor (a react-hook-form field array): remove one row, add a row.
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";

type Props = { onClick: () => void; children: ReactNode };

/** Removes one row; `children` names it with its number (« Retirer le levier 2 »). */
export function RemoveRowButton({ onClick, disabled, children }: Props & { disabled?: boolean }) {
  return (
    <Button
      type="button"
      priority="tertiary"
      size="small"
      iconId="fr-icon-delete-line"
      onClick={onClick}
      disabled={disabled}
    >
      {children}
    </Button>
  );
}

/** Adds an empty row at the end of the list (« Ajouter un levier »). */
export function AddRowButton({ onClick, children }: Props) {
  return (
    <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={onClick}>
      {children}
    </Button>
  );
}
