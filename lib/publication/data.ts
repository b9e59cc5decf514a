import "server-only";
// The published results of a call, for everyone: no sign-in and no policy beyond « the results are
// published » (Call.resultsPublishedAt). Nothing of a call before its publication is read here, and of a
// published call only its laureates: a decision LAUREATE, published, whose dossier is still LAUREATE (a
// withdrawn laureate leaves the list; a reserve dossier promoted afterwards joins it).
import { db } from "@/lib/db";
import type { TerritoryType } from "@/lib/generated/prisma/enums";
import { isPublishedGrant, type ScdlGrant, type ScdlRow, scdlRows } from "@/lib/publication/scdl";

const LAUREATE_WHERE = {
  outcome: "LAUREATE",
  publishedAt: { not: null },
  application: { status: "LAUREATE" },
} as const;

function publishedCall(slug: string) {
  return db().call.findFirst({
    where: { slug: String(slug), resultsPublishedAt: { not: null } },
    select: {
      id: true,
      slug: true,
      title: true,
      year: true,
      resultsPublishedAt: true,
      grantorName: true,
      grantorSiret: true,
      durationMonths: true,
      tranches: { orderBy: { position: "asc" }, select: { condition: true } },
    },
  });
}

type PublishedLaureate = {
  reference: string;
  poleName: string;
  carrierName: string;
  regionName: string;
  territoryType: TerritoryType;
  amountCents: number;
};

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** The laureates of a call whose results are published, by region then pole name; null before publication. */
export async function getPublishedResults(slug: string) {
  const call = await publishedCall(slug);
  if (!call) return null;
  const decisions = await db().decision.findMany({
    where: { callId: call.id, ...LAUREATE_WHERE },
    select: {
      amountCents: true,
      application: {
        select: {
          reference: true,
          territoryType: true,
          region: { select: { name: true } },
          pole: { select: { name: true, carrierName: true } },
          convention: { select: { status: true, amountCents: true, countersignedAt: true } },
        },
      },
    },
  });
  const laureates: PublishedLaureate[] = decisions
    .map((d) => ({
      reference: d.application.reference ?? "",
      poleName: d.application.pole.name,
      carrierName: d.application.pole.carrierName,
      regionName: d.application.region.name,
      territoryType: d.application.territoryType,
      amountCents: d.amountCents ?? 0,
    }))
    .sort(
      (a, b) =>
        collator.compare(a.regionName, b.regionName) ||
        collator.compare(a.poleName, b.poleName) ||
        a.reference.localeCompare(b.reference),
    );
  const grants = decisions.map((d) => countersigned(d.application.convention, d.amountCents ?? 0));
  return {
    call: {
      slug: call.slug,
      title: call.title,
      year: call.year,
      resultsPublishedAt: call.resultsPublishedAt!,
    },
    laureates,
    totalCents: laureates.reduce((s, l) => s + l.amountCents, 0),
    /** the open-data files exist once the grantor is known */
    openData: call.grantorName !== "" && call.grantorSiret !== "",
    /** how many grants the files hold now (countersigned and above 23 000 €) */
    openDataGrants: grants.filter(isPublishedGrant).length,
  };
}

// The grant as the convention signed it: its amount and countersignature date, once countersigned.
function countersigned(
  c: { status: string; amountCents: number; countersignedAt: Date | null } | null,
  decidedCents: number,
) {
  const signed = c?.status === "COUNTERSIGNED" && c.countersignedAt ? c : null;
  return {
    amountCents: signed ? signed.amountCents : decidedCents,
    countersignedAt: signed ? signed.countersignedAt : null,
  };
}

/**
 * The rows of the call's open data (SCDL subventions): its laureates' grants above 23 000 € whose convention
 * is countersigned (the date of the convention is a required column). null before publication or while the
 * grantor (autorité attribuante) is not filled in.
 */
export async function getOpenDataRows(
  slug: string,
): Promise<{ slug: string; rows: ScdlRow[] } | null> {
  const call = await publishedCall(slug);
  if (!call?.grantorName || !call.grantorSiret) return null;
  const decisions = await db().decision.findMany({
    where: {
      callId: call.id,
      ...LAUREATE_WHERE,
      application: { status: "LAUREATE", convention: { status: "COUNTERSIGNED" } },
    },
    select: {
      amountCents: true,
      application: {
        select: {
          reference: true,
          pole: { select: { name: true, carrierName: true, siret: true } },
          convention: { select: { status: true, amountCents: true, countersignedAt: true } },
        },
      },
    },
  });
  const grants: ScdlGrant[] = decisions.map((d) => ({
    grantorName: call.grantorName,
    grantorSiret: call.grantorSiret,
    callTitle: call.title,
    durationMonths: call.durationMonths,
    tranches: call.tranches,
    reference: d.application.reference ?? "",
    poleName: d.application.pole.name,
    carrierName: d.application.pole.carrierName,
    siret: d.application.pole.siret,
    ...countersigned(d.application.convention, d.amountCents ?? 0),
  }));
  return { slug: call.slug, rows: scdlRows(grants) };
}
