// A list item's remove button that asks first: « Retirer X » becomes « Confirmer … » and « Annuler ».
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";

/** `confirming`: the question is shown (the list keeps which item, so that one asks at a time). */
export function RemoveWithConfirmation({
  confirming,
  onAsk,
  onCancel,
  onConfirm,
  disabled,
  askLabel,
  confirmLabel,
}: {
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
  /** The confirm button's, while the removal is under way. */
  disabled?: boolean;
  askLabel: ReactNode;
  confirmLabel: ReactNode;
}) {
  return confirming ? (
    <span className="flex gap-2">
      <Button size="small" disabled={disabled} onClick={onConfirm}>
        {confirmLabel}
      </Button>
      <Button size="small" priority="secondary" onClick={onCancel}>
        Annuler
      </Button>
    </span>
  ) : (
    <Button size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={onAsk}>
      {askLabel}
    </Button>
  );
}
