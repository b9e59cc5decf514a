"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FileUpload } from "@/components/conventions/file-upload";
import { FileList, type ListedFile } from "@/components/ui/file-list";

/** The documents of a report: listed, downloadable; while it is being written, added and removed (with confirmation). */
export function ReportFiles({
  reportId,
  files,
  editable,
}: {
  reportId: string;
  files: ListedFile[];
  editable: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const remove = async (id: string) => {
    const res = await fetch(`/api/bilans/pieces/${id}`, { method: "DELETE" });
    if (res.ok) router.refresh();
    else
      setError(
        ((await res.json().catch(() => ({}))) as { message?: string }).message ??
          "La suppression a échoué.",
      );
  };
  return (
    <div>
      <FileList
        files={files}
        href={(id) => `/api/bilans/pieces/${id}`}
        onRemove={editable ? remove : undefined}
        empty="Aucune pièce jointe."
      />
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      {editable && (
        <FileUpload
          url={`/api/bilans/${reportId}/pieces`}
          label="Ajouter une pièce"
          hint="PDF, image ou document bureautique, 10 Mo au plus (compte de résultat, justificatifs…)."
          accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods"
        />
      )}
    </div>
  );
}
