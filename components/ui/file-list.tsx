"use client";
import { useState } from "react";
import { RemoveWithConfirmation } from "./remove-with-confirmation";

export type ListedFile = { id: string; fileName: string; sizeBytes: number };

/** A file's size as people read it: « 12 ko », « 1,4 Mo ». */
const fileSize = (n: number) =>
  n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024))} ko`
    : `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} Mo`;

/** Files to download, each removable after a confirmation when `onRemove` is given; `empty` when there is none. */
export function FileList({
  files,
  href,
  onRemove,
  empty,
}: {
  files: ListedFile[];
  href: (id: string) => string;
  onRemove?: (id: string) => Promise<void>;
  empty: string;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (files.length === 0) return <p className="fr-text--sm">{empty}</p>;
  return (
    <ul>
      {files.map((f) => (
        <li key={f.id} className="flex flex-wrap items-center gap-4">
          <a href={href(f.id)} download>
            {f.fileName} ({fileSize(f.sizeBytes)})
          </a>
          {onRemove && (
            <RemoveWithConfirmation
              confirming={confirming === f.id}
              onAsk={() => setConfirming(f.id)}
              onCancel={() => setConfirming(null)}
              onConfirm={() => void onRemove(f.id).finally(() => setConfirming(null))}
              askLabel={<>Supprimer {f.fileName}</>}
              confirmLabel={<>Confirmer la suppression de {f.fileName}</>}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
