// Two read-only syntheses of a submitted dossier, shown by the dossier summary (one component for every
// reader): the pole's members by category, and the two-year budget by category and year with the funding
// plan's totals (acquis / sollicité) and the amount requested.
import { Table } from "@/components/ui/table";
import { budgetTotals } from "@/lib/applications/budget";
import type { ApplicationView } from "@/lib/applications/data";
import {
  EXPENSE_LABELS,
  FUNDING_SOURCE_LABELS,
  FUNDING_STATUS_LABELS,
} from "@/lib/applications/labels";
import { formatEuros } from "@/lib/format";
import type {
  ExpenseCategory,
  FundingSource,
  FundingStatus,
  MemberCategory,
} from "@/lib/generated/prisma/enums";
import { MEMBER_CATEGORY_LABELS } from "@/lib/poles/labels";

const sum = (lines: { amountCents: number }[]) => lines.reduce((s, l) => s + l.amountCents, 0);

export function PoleMembers({ a }: { a: ApplicationView }) {
  const categories = (Object.keys(MEMBER_CATEGORY_LABELS) as MemberCategory[]).filter((c) =>
    a.pole.members.some((m) => m.category === c),
  );
  return (
    <section className="fr-mb-3w">
      <h3 className="fr-h6 fr-mb-1w">Pôle et membres</h3>
      <p>
        {a.pole.name} · structure porteuse : {a.pole.carrierName} ({a.pole.city}) ·{" "}
        {a.pole.members.length} membre{a.pole.members.length > 1 ? "s" : ""}
      </p>
      {categories.length > 0 && (
        <Table
          caption="Membres du pôle par catégorie"
          head={
            <tr>
              <th scope="col">Catégorie</th>
              <th scope="col">Nombre</th>
              <th scope="col">Membres</th>
            </tr>
          }
        >
          {categories.map((c) => {
            const members = a.pole.members.filter((m) => m.category === c);
            return (
              <tr key={c}>
                <th scope="row">{MEMBER_CATEGORY_LABELS[c]}</th>
                <td>{members.length}</td>
                <td>{members.map((m) => m.name).join(", ")}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}

export function BudgetSynthesis({ a }: { a: ApplicationView }) {
  const totals = budgetTotals(a);
  const categories = (Object.keys(EXPENSE_LABELS) as ExpenseCategory[]).filter((c) =>
    a.expenses.some((e) => e.category === c),
  );
  const sources = (Object.keys(FUNDING_SOURCE_LABELS) as FundingSource[]).filter((s) =>
    a.fundings.some((f) => f.source === s),
  );
  const statuses = Object.keys(FUNDING_STATUS_LABELS) as FundingStatus[];
  const expense = (c: ExpenseCategory, year?: number) =>
    sum(a.expenses.filter((e) => e.category === c && (year === undefined || e.year === year)));
  const funding = (s: FundingSource | null, status?: FundingStatus) =>
    sum(
      a.fundings.filter(
        (f) => (s === null || f.source === s) && (status === undefined || f.status === status),
      ),
    );
  return (
    <>
      <Table
        caption="Budget par catégorie et par année"
        head={
          <tr>
            <th scope="col">Catégorie</th>
            <th scope="col">Année 1</th>
            <th scope="col">Année 2</th>
            <th scope="col">Total</th>
          </tr>
        }
      >
        {categories.map((c) => (
          <tr key={c}>
            <th scope="row">{EXPENSE_LABELS[c]}</th>
            <td>{formatEuros(expense(c, 1))}</td>
            <td>{formatEuros(expense(c, 2))}</td>
            <td>{formatEuros(expense(c))}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Total des dépenses</th>
          <td>{formatEuros(totals.expenses.year1)}</td>
          <td>{formatEuros(totals.expenses.year2)}</td>
          <td>{formatEuros(totals.expenses.total)}</td>
        </tr>
      </Table>
      <Table
        caption="Financements par origine, acquis et sollicités"
        head={
          <tr>
            <th scope="col">Origine</th>
            {statuses.map((s) => (
              <th scope="col" key={s}>
                {FUNDING_STATUS_LABELS[s]}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        }
      >
        {sources.map((s) => (
          <tr key={s}>
            <th scope="row">{FUNDING_SOURCE_LABELS[s]}</th>
            {statuses.map((status) => (
              <td key={status}>{formatEuros(funding(s, status))}</td>
            ))}
            <td>{formatEuros(funding(s))}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Total des financements</th>
          {statuses.map((status) => (
            <td key={status}>{formatEuros(funding(null, status))}</td>
          ))}
          <td>{formatEuros(totals.fundings.total)}</td>
        </tr>
      </Table>
      <p>
        Financements : année 1 {formatEuros(totals.fundings.year1)}, année 2{" "}
        {formatEuros(totals.fundings.year2)} ·{" "}
        {totals.balanced
          ? "budget équilibré"
          : `écart entre dépenses et financements : ${formatEuros(totals.gap)}`}
      </p>
    </>
  );
}
