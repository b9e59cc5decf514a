"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useId, useState } from "react";
import { FileList } from "@/components/ui/file-list";

export type AttachmentItem = {
  id: string;
  documentKindId: string | null;
  fileName: string;
  sizeBytes: number;
};
type Kind = { id: string; label: string; description: string; required: boolean };

/** Sends a file with progress (fetch has no upload progress); resolves with the server's JSON. */
function upload(
  url: string,
  data: FormData,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) =>
      e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {}
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () =>
      resolve({ status: 0, body: { message: "Connexion perdue pendant l'envoi. Réessayez." } });
    xhr.send(data);
  });
}

function KindRow({
  uploadUrl,
  kind,
  files,
  editable,
  onChange,
}: {
  uploadUrl: string;
  kind: Kind;
  files: AttachmentItem[];
  editable: boolean;
  onChange: (files: AttachmentItem[]) => void;
}) {
  const inputId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (file: File) => {
    setError(null);
    setProgress(0);
    const data = new FormData();
    data.set("documentKindId", kind.id);
    data.set("file", file);
    const { status, body } = await upload(uploadUrl, data, setProgress);
    setProgress(null);
    if (status === 201) onChange([...files, body as unknown as AttachmentItem]);
    else setError(typeof body.message === "string" ? body.message : "L'envoi a échoué. Réessayez.");
  };
  const remove = async (id: string) => {
    const res = await fetch(`/api/pieces/${id}`, { method: "DELETE" });
    if (res.ok) onChange(files.filter((f) => f.id !== id));
    else
      setError(
        ((await res.json().catch(() => ({}))) as { message?: string }).message ??
          "La suppression a échoué.",
      );
  };

  return (
    <li className="fr-p-2w fr-mb-2w fr-background-alt--grey">
      <h3 className="fr-h6 fr-mb-1w">
        {kind.label} {kind.required ? "" : <span className="fr-text--sm">(facultatif)</span>}
      </h3>
      {kind.description && <p className="fr-text--sm">{kind.description}</p>}
      <FileList
        files={files}
        href={(id) => `/api/pieces/${id}`}
        onRemove={editable ? remove : undefined}
        empty="Aucun fichier joint."
      />
      {editable && (
        <div className={`fr-upload-group ${error ? "fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor={inputId}>
            Ajouter un fichier : {kind.label}
            <span className="fr-hint-text">
              PDF, image (JPEG, PNG) ou document bureautique, 10 Mo au plus.
            </span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id={inputId}
            disabled={progress !== null}
            aria-describedby={error ? `${inputId}-erreur` : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void send(file);
            }}
          />
          {progress !== null && (
            <p role="status">
              Envoi en cours : {progress} %{" "}
              <progress max={100} value={progress} aria-label={`Envoi de la pièce ${kind.label}`} />
            </p>
          )}
          <div aria-live="assertive">
            {error && (
              <p id={`${inputId}-erreur`} className="fr-error-text">
                {error}
              </p>
            )}
          </div>
        </div>
      )}
    </li>
  );
}

/** The files of each kind of document, with upload (to `uploadUrl`) and removal while editable. */
export function AttachmentsPanel({
  uploadUrl,
  kinds,
  initial,
  editable,
}: {
  uploadUrl: string;
  kinds: Kind[];
  initial: AttachmentItem[];
  editable: boolean;
}) {
  const [files, setFiles] = useState(initial);
  return (
    <>
      {editable && (
        <Alert
          severity="info"
          small
          description="Chaque fichier est vérifié d'après son contenu : un fichier renommé ne passe pas."
          className="fr-mb-2w"
        />
      )}
      {/* biome-ignore lint/a11y/noRedundantRoles: Safari (VoiceOver) drops the list semantics of a list styled list-style: none; role="list" restores it */}
      <ul role="list" className="list-none p-0">
        {kinds.map((k) => (
          <KindRow
            key={k.id}
            uploadUrl={uploadUrl}
            kind={k}
            editable={editable}
            files={files.filter((f) => f.documentKindId === k.id)}
            onChange={(next) =>
              setFiles([...files.filter((f) => f.documentKindId !== k.id), ...next])
            }
          />
        ))}
      </ul>
    </>
  );
}
