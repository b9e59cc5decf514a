import Link from "next/link";
import { DeliveryErrorText } from "@/components/notifications/delivery-state";
import { RetryJobButton } from "@/components/notifications/resend-button";
import { Table } from "@/components/ui/table";
import { formatDateTime, plural } from "@/lib/format";
import type { FailedDocument } from "@/lib/notifications/log";

/** What a document is, in a sentence: « la lettre de décision du dossier … », « la convention … du dossier … ». */
export function documentPhrase(
  d: Pick<FailedDocument, "task" | "reference" | "conventionNumber">,
): string {
  if (d.task !== "convention.document") return `la lettre de décision du dossier ${d.reference}`;
  return d.conventionNumber
    ? `la convention ${d.conventionNumber} du dossier ${d.reference}`
    : `la convention du dossier ${d.reference}`;
}

/**
 * « Documents en échec »: the decision letters and conventions whose preparation used all its attempts. Nothing
 * runs them again by itself: the cell or an administrator corrects the cause and relaunches them. `links`: the
 * national cell's pages of the dossier and of the convention.
 */
export function FailedDocuments({
  documents,
  total,
  links = false,
}: {
  documents: FailedDocument[];
  total: number;
  links?: boolean;
}) {
  if (total === 0) return null;
  return (
    <section aria-labelledby="documents-en-echec" className="fr-mb-4w">
      <h2 id="documents-en-echec">Documents en échec ({total})</h2>
      <p>
        {total > 1
          ? `Ces ${total} documents n'ont pas pu être préparés`
          : "Ce document n'a pas pu être préparé"}{" "}
        malgré plusieurs tentatives, et rien ne
        {total > 1 ? " les" : " le"} relancera de lui-même. Une lettre de décision et son e-mail ne
        partent qu&apos;une fois la lettre prête. Corrigez la cause indiquée, puis relancez la
        préparation.
      </p>
      <Table
        size="sm"
        caption={
          documents.length < total
            ? `Lettres et conventions à relancer (les ${documents.length} échecs les plus récents)`
            : "Lettres et conventions à relancer"
        }
        head={
          <tr>
            <th scope="col">Dossier</th>
            <th scope="col">Document</th>
            <th scope="col">Échec</th>
            <th scope="col">Action</th>
          </tr>
        }
      >
        {documents.map((d) => (
          <tr key={d.jobId}>
            <th scope="row">
              {links && d.applicationId ? (
                <Link href={`/cna/dossiers/${d.applicationId}`}>{d.reference}</Link>
              ) : (
                d.reference
              )}
            </th>
            <td className="fr-cell--multiline">
              {d.taskLabel}
              {d.conventionNumber && (
                <>
                  {" "}
                  {links && d.conventionId ? (
                    <Link href={`/cna/conventions/${d.conventionId}`}>{d.conventionNumber}</Link>
                  ) : (
                    d.conventionNumber
                  )}
                </>
              )}
            </td>
            <td className="fr-cell--multiline fr-col--md">
              <p className="fr-text--xs fr-mb-0">
                {plural(d.attempts, "tentative")}, la dernière le {formatDateTime(d.failedAt)}
              </p>
              {d.lastError && <DeliveryErrorText message={d.lastError} />}
            </td>
            <td>
              {d.canRetry ? (
                <RetryJobButton jobId={d.jobId} what={documentPhrase(d)} />
              ) : (
                <>
                  <span aria-hidden="true">—</span>
                  <span className="fr-sr-only">Aucune action</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
