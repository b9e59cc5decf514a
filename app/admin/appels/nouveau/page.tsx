import { CallForm } from "@/components/admin/call-form";
import { requireSpace } from "@/lib/auth/session";
import type { CallInput } from "@/lib/calls/schema";

export const metadata = { title: "Nouvel appel - Administration" };

const EMPTY: CallInput = {
  slug: "",
  title: "",
  year: new Date().getFullYear(),
  summary: "",
  opensAt: "",
  deadlineAt: "",
  regionalDeadlineAt: "",
  nationalDeadlineAt: "",
  resultsAt: "",
  envelopeCents: Number.NaN,
  minGrantCents: Number.NaN,
  maxGrantCents: Number.NaN,
  durationMonths: 24,
  minEvaluators: 2,
  selectionMethod: "MERIT_ORDER",
  qualityThreshold: 0,
  reserveListLength: 5,
  adjustLastGrant: false,
  grantorName: "",
  grantorSiret: "",
  levers: [{ code: "", title: "", description: "" }],
  priorities: [],
  learningCommunities: [],
  documentKinds: [{ code: "", label: "", description: "", required: true }],
  criteria: [
    { code: "", label: "", weightBps: 10_000, maxScore: 5, levels: ["", "", "", "", "", ""] },
  ],
  tranches: [{ label: "", shareBps: 10_000, condition: "ON_SIGNATURE" }],
};

export default async function NewCallPage() {
  await requireSpace("space.admin", "/admin/appels/nouveau");
  return (
    <div className="fr-pb-6w">
      <h1>Nouvel appel</h1>
      <p>
        L&apos;appel est créé en préparation : il n&apos;est visible du public qu&apos;une fois
        ouvert. Pour reprendre les conditions d&apos;un appel existant, dupliquez-le depuis la liste
        des appels.
      </p>
      <CallForm defaultValues={EMPTY} gridLocked={false} />
    </div>
  );
}
