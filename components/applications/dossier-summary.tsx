import { BudgetSynthesis, PoleMembers } from "@/components/applications/dossier-synthesis";
import { Table } from "@/components/ui/table";
import { budgetTotals } from "@/lib/applications/budget";
import type { ApplicationView } from "@/lib/applications/data";
import {
  EXPENSE_LABELS,
  FUNDING_SOURCE_LABELS,
  FUNDING_STATUS_LABELS,
} from "@/lib/applications/labels";
import { STATUS_LABELS } from "@/lib/applications/status";
import { formatDateTime, formatEuros } from "@/lib/format";

function Block({ title, text }: { title: string; text: string }) {
  return (
    <section className="fr-mb-3w">
      <h3 className="fr-h6 fr-mb-1w">{title}</h3>
      <p className="whitespace-pre-wrap">{text || "—"}</p>
    </section>
  );
}

/** The dossier as submitted, read-only: for the applicant after submission and, later, for instructors. */
export function DossierSummary({ a }: { a: ApplicationView }) {
  const totals = budgetTotals(a);
  const kinds = new Map(a.call.documentKinds.map((k) => [k.id, k.label]));
  return (
    <div>
      <h2>Contenu du dossier</h2>
      <Block title="Présentation" text={a.presentation} />
      <Block title="Gouvernance" text={a.governance} />
      <Block title="Coopération entre les membres" text={a.cooperation} />
      {a.call.levers.map((l) => (
        <Block
          key={l.id}
          title={l.title}
          text={a.leverAnswers.find((x) => x.leverId === l.id)?.text ?? ""}
        />
      ))}
      <Block title="Impacts économiques" text={a.economicImpact} />
      <Block title="Impacts sociaux" text={a.socialImpact} />
      <Block title="Impacts écologiques" text={a.ecologicalImpact} />
      {a.indicators.length > 0 && (
        <Table
          caption="Indicateurs"
          head={
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">Départ</th>
              <th scope="col">Cible année 1</th>
              <th scope="col">Cible année 2</th>
            </tr>
          }
        >
          {a.indicators.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {i.label} {i.unit && `(${i.unit})`}
              </th>
              <td>{i.baseline}</td>
              <td>{i.targetYear1}</td>
              <td>{i.targetYear2}</td>
            </tr>
          ))}
        </Table>
      )}
      <Table
        caption="Dépenses"
        head={
          <tr>
            <th scope="col">Dépense</th>
            <th scope="col">Catégorie</th>
            <th scope="col">Année</th>
            <th scope="col">Montant</th>
          </tr>
        }
      >
        {a.expenses.map((e) => (
          <tr key={e.id}>
            <th scope="row">{e.label}</th>
            <td>{EXPENSE_LABELS[e.category]}</td>
            <td>{e.year}</td>
            <td>{formatEuros(e.amountCents)}</td>
          </tr>
        ))}
      </Table>
      <Table
        caption="Plan de financement"
        head={
          <tr>
            <th scope="col">Origine</th>
            <th scope="col">Financeur</th>
            <th scope="col">Statut</th>
            <th scope="col">Année</th>
            <th scope="col">Montant</th>
          </tr>
        }
      >
        {a.fundings.map((f) => (
          <tr key={f.id}>
            <th scope="row">{FUNDING_SOURCE_LABELS[f.source]}</th>
            <td>{f.funderName}</td>
            <td>{FUNDING_STATUS_LABELS[f.status]}</td>
            <td>{f.year}</td>
            <td>{formatEuros(f.amountCents)}</td>
          </tr>
        ))}
      </Table>
      <p>
        Total des dépenses : <strong>{formatEuros(totals.expenses.total)}</strong> · montant demandé
        : <strong>{formatEuros(totals.requested)}</strong>
      </p>
      <BudgetSynthesis a={a} />
      <PoleMembers a={a} />
      <h3 className="fr-h6">Pièces jointes</h3>
      <ul>
        {a.attachments.map((f) => (
          <li key={f.id}>
            {kinds.get(f.documentKindId ?? "") ?? "Pièce"} :{" "}
            <a href={`/api/pieces/${f.id}`} download>
              {f.fileName}
            </a>
          </li>
        ))}
      </ul>
      <h2 className="fr-mt-4w">Historique</h2>
      <ul>
        {a.statusChanges.map((c) => (
          <li key={c.id}>
            {formatDateTime(c.at)} : {STATUS_LABELS[c.to]}
            {c.note ? ` — ${c.note}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
