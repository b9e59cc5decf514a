"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";

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
          {onRemove &&
            (confirming === f.id ? (
              <span className="flex gap-2">
                <Button
                  size="small"
                  onClick={() => void onRemove(f.id).finally(() => setConfirming(null))}
                >
                  Confirmer la suppression de {f.fileName}
                </Button>
                <Button size="small" priority="secondary" onClick={() => setConfirming(null)}>
                  Annuler
                </Button>
              </span>
            ) : (
              <Button
                size="small"
                priority="tertiary"
                iconId="fr-icon-delete-line"
                onClick={() => setConfirming(f.id)}
              >
                Supprimer {f.fileName}
              </Button>
            ))}
        </li>
      ))}
    </ul>
  );
}
