// The two-year budget: totals, balance and the amount requested from the call (one place for each rule).
import type { ExpenseCategory, FundingSource } from "@/lib/generated/prisma/enums";

type Line = { year: 1 | 2 | number; amountCents: number };
export type BudgetLines = {
  expenses: (Line & { category: ExpenseCategory })[];
  fundings: (Line & { source: FundingSource })[];
};

const sum = (lines: Line[]) =>
  lines.reduce((s, l) => s + (Number.isFinite(l.amountCents) ? l.amountCents : 0), 0);

export function budgetTotals({ expenses, fundings }: BudgetLines) {
  const byYear = (lines: Line[], y: number) => sum(lines.filter((l) => l.year === y));
  const expenseTotal = sum(expenses);
  const fundingTotal = sum(fundings);
  return {
    expenses: { year1: byYear(expenses, 1), year2: byYear(expenses, 2), total: expenseTotal },
    fundings: { year1: byYear(fundings, 1), year2: byYear(fundings, 2), total: fundingTotal },
    /** The funding asked of this call over the two years: the dossier's "montant demandé". */
    requested: sum(fundings.filter((f) => f.source === "THIS_CALL")),
    gap: expenseTotal - fundingTotal,
    balanced: expenseTotal === fundingTotal && expenseTotal > 0,
  };
}
