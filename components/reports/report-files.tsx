"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FileUpload } from "@/components/conventions/file-upload";

type Item = { id: string; fileName: string; sizeBytes: number };
const size = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} ko` : `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} Mo`);

/** The documents of a report: listed, downloadable; while it is being written, added and removed (with confirmation). */
export function ReportFiles({ reportId, files, editable }: { reportId: string; files: Item[]; editable: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (id: string) => {
    const res = await fetch(`/api/bilans/pieces/${id}`, { method: "DELETE" });
    setConfirming(null);
    if (res.ok) router.refresh();
    else setError(((await res.json().catch(() => ({}))) as { message?: string }).message ?? "La suppression a échoué.");
  };
  return (
    <div>
      {files.length === 0 ? (
        <p className="fr-text--sm">Aucune pièce jointe.</p>
      ) : (
        <ul>
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-4">
              <a href={`/api/bilans/pieces/${f.id}`} download>
                {f.fileName} ({size(f.sizeBytes)})
              </a>
              {editable &&
                (confirming === f.id ? (
                  <span className="flex gap-2">
                    <Button size="small" onClick={() => void remove(f.id)}>
                      Confirmer la suppression de {f.fileName}
                    </Button>
                    <Button size="small" priority="secondary" onClick={() => setConfirming(null)}>
                      Annuler
                    </Button>
                  </span>
                ) : (
                  <Button size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setConfirming(f.id)}>
                    Supprimer {f.fileName}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      {editable && <FileUpload url={`/api/bilans/${reportId}/pieces`} label="Ajouter une pièce" hint="PDF, image ou document bureautique, 10 Mo au plus (compte de résultat, justificatifs…)." accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods" />}
    </div>
  );
}
