import { Table } from "@/components/ui/table";
import type { ConventionView } from "@/lib/conventions/data";
import { formatEuros, formatShare } from "@/lib/format";
import { TRANCHE_CONDITION_LABELS } from "@/lib/payments/rules";

/** The tranches of a convention: condition, amount planned and paid (the cell's and the applicant's view). */
export function PaymentSchedule({
  caption,
  schedule,
}: {
  caption: string;
  schedule: ConventionView["schedule"];
}) {
  return (
    <Table
      caption={caption}
      head={
        <tr>
          <th scope="col">Tranche</th>
          <th scope="col">Condition</th>
          <th scope="col">Montant prévu</th>
          <th scope="col">Versé</th>
        </tr>
      }
    >
      {schedule.map((t) => (
        <tr key={t.id}>
          <th scope="row">
            {t.label} ({formatShare(t.shareBps)})
          </th>
          <td>{TRANCHE_CONDITION_LABELS[t.condition]}</td>
          <td>{formatEuros(t.amountCents)}</td>
          <td>{formatEuros(t.paidCents)}</td>
        </tr>
      ))}
    </Table>
  );
}
