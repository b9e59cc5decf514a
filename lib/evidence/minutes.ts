// The minutes of the national commission (« procès-verbal de la commission nationale »), an A4 PDF: the call and
// the date the list was finalised, the members who sat and their declarations of interests, the method and the
// rules, the national ranking with the funding line, every override with its justification, the final list and
// the reserve list, and the SHA-256 of each data file of the evidence pack. Pure: dates come from the evidence
// (the database), so the same evidence gives the same bytes.
import { type PDFFont, rgb } from "pdf-lib";
import { type Analysis, type Evidence, tieBreakTexts } from "@/lib/evidence/evidence";
import { formatDateTime, formatEuros, formatShare, plural } from "@/lib/format";
import { formatScore, METHOD_LABELS, OUTCOME_LABELS } from "@/lib/national/labels";
import { BLUE, GREY, PdfDocumentWriter, TEXT, wrap } from "@/lib/pdf/document";
import { winAnsiSafe } from "@/lib/pdf/receipt";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";

const LIGHT = rgb(0.93, 0.93, 0.96);

type Column = { title: string; width: number; right?: boolean };

const score = (hundredths: number | null) => (hundredths === null ? "—" : formatScore(hundredths));
const amount = (cents: number | null) => (cents === null ? "—" : formatEuros(cents));
const rank = (n: number | null) => (n === null ? "—" : String(n));

export async function minutesPdf(
  evidence: Evidence,
  analysis: Analysis,
  hashes: { name: string; sha256: string }[],
): Promise<Uint8Array> {
  const w = await PdfDocumentWriter.create({ margin: 48, top: 44, bottom: 56 });
  const { regular, bold, italic, mono } = w.fonts;
  const WIDTH = w.width;
  const write = (text: string, font: PDFFont = regular, size = 9.5, color = TEXT, indent = 0) =>
    w.write(text, font, size, color, indent);
  const subheading = (text: string) => {
    w.ensure(60);
    w.space(5);
    write(text, bold, 10);
  };
  // A table whose cells wrap; the header is repeated on every page the table runs over.
  const table = (
    columns: Column[],
    rows: string[][],
    options: { size?: number; marks?: Map<number, string> } = {},
  ) => {
    const size = options.size ?? 7.5;
    const lineHeight = size * 1.3;
    const pad = 2.5;
    const drawRow = (cells: string[], font: PDFFont, fill?: typeof LIGHT) => {
      const wrapped = cells.map((c, i) => wrap(c, font, size, columns[i]!.width - 2 * pad));
      const height = Math.max(...wrapped.map((l) => l.length)) * lineHeight + 2 * pad;
      if (!w.fits(height)) return false;
      if (fill)
        w.page.drawRectangle({ x: w.margin, y: w.y - height, width: WIDTH, height, color: fill });
      let x = w.margin;
      wrapped.forEach((lines, i) => {
        const col = columns[i]!;
        lines.forEach((line, k) => {
          const width = font.widthOfTextAtSize(line, size);
          w.page.drawText(line, {
            x: col.right ? x + col.width - pad - width : x + pad,
            y: w.y - pad - size - k * lineHeight,
            font,
            size,
            color: TEXT,
          });
        });
        x += col.width;
      });
      w.space(height);
      w.rule();
      return true;
    };
    const header = () =>
      drawRow(
        columns.map((c) => c.title),
        bold,
        LIGHT,
      );
    w.ensure(40);
    header();
    rows.forEach((row, i) => {
      if (!drawRow(row, regular)) {
        w.newPage();
        header();
        drawRow(row, regular);
      }
      const mark = options.marks?.get(i);
      if (mark) {
        w.ensure(lineHeight + 6);
        w.space(3);
        w.rule(BLUE, 1.2);
        w.page.drawText(winAnsiSafe(mark), {
          x: w.margin + pad,
          y: w.y - size - 2,
          font: bold,
          size,
          color: BLUE,
        });
        w.space(size + 6);
      }
    });
    w.space(6);
  };

  const { call } = evidence;
  const decisions = evidence.decisions;
  const laureates = decisions.filter((d) => d.outcome === "LAUREATE");
  const reserve = decisions
    .filter((d) => d.outcome === "RESERVE")
    .sort((a, b) => (a.reserveRank ?? 0) - (b.reserveRank ?? 0));
  const granted = laureates.reduce((s, d) => s + (d.amountCents ?? 0), 0);
  const rules = analysis.rules;
  const notRetained = decisions.length - laureates.length - reserve.length;

  // ── Title
  w.stateHeader();
  write("Procès-verbal de la commission nationale", bold, 16, BLUE);
  write(call.title, regular, 10.5);
  w.space(4);
  write(
    `Liste des décisions arrêtée le ${formatDateTime(call.finalizedAt)} (heure de Paris).`,
    regular,
    10,
  );
  write(
    `${plural(decisions.length, "dossier examiné", "dossiers examinés")} · ${plural(laureates.length, "lauréat")} pour ${formatEuros(granted)} · ${reserve.length} sur la liste complémentaire · ${plural(notRetained, "non retenu")}.`,
    regular,
    10,
  );

  // ── 1. Members
  w.heading("1. Membres ayant siégé et déclarations d'intérêts");
  write(
    "Membres de la cellule nationale ayant agi sur cet appel (analyse de second niveau, déclarations d'intérêts, actions enregistrées au journal d'audit jusqu'à la finalisation).",
    regular,
    9,
    GREY,
  );
  w.space(2);
  if (!evidence.members.length) write("Aucun membre enregistré.", italic);
  for (const m of evidence.members) {
    subheading(m.name);
    write(
      `Dossiers analysés (second niveau) : ${m.reviews} · actions enregistrées : ${m.actions}.`,
      regular,
      9,
      TEXT,
      10,
    );
    if (m.conflicts.length) {
      write(
        `Conflit d'intérêts déclaré pour ${plural(m.conflicts.length, "dossier")} (le membre n'a pas eu accès au dossier) :`,
        regular,
        9,
        TEXT,
        10,
      );
      for (const c of m.conflicts)
        write(`– ${c.reference} : ${c.reason || "motif non précisé"}`, regular, 9, TEXT, 20);
    } else {
      write("Aucun conflit d'intérêts déclaré.", regular, 9, TEXT, 10);
    }
    write(
      `Absence de conflit déclarée pour ${plural(m.withoutConflict, "dossier")}.`,
      regular,
      9,
      TEXT,
      10,
    );
  }

  // ── 2. Method and rules
  w.heading("2. Méthode et règles de sélection");
  const ruleLines = [
    `Méthode : ${METHOD_LABELS[evidence.method]}${evidence.method === "MERIT_ORDER" ? " (les dossiers éligibles sont financés dans l'ordre du classement tant que l'enveloppe et les parts prioritaires le permettent)." : " (la liste qui maximise le total des notes)."}`,
    `Enveloppe : ${formatEuros(rules.envelopeCents)}.`,
    `Montant d'une subvention : de ${formatEuros(rules.minGrantCents)} à ${formatEuros(rules.maxGrantCents)}.`,
    ...(rules.priorities.length
      ? rules.priorities.map(
          (p) =>
            `Part prioritaire « ${p.label} » (${p.territoryTypes.map((t) => TERRITORY_SHORT_LABELS[t]).join(", ")}) : au moins ${formatShare(p.minShareBps)} du montant attribué.`,
        )
      : ["Parts prioritaires : aucune."]),
    rules.qualityThreshold > 0
      ? `Seuil de qualité : note nationale d'au moins ${formatScore(rules.qualityThreshold)} / 100.`
      : "Seuil de qualité : aucun.",
    "Éligibilité : avis régional favorable ou favorable avec réserves, note au moins égale au seuil, montant dans les bornes.",
    `Liste complémentaire : ${plural(rules.reserveListLength, "dossier")} au plus, dans l'ordre du classement.`,
    evidence.call.adjustLastGrantAllowed
      ? analysis.adjustmentDeclined
        ? "Ajustement du dernier financement à l'enveloppe restante : permis par l'appel, proposé par la sélection et non retenu par la cellule (liste sans ajustement)."
        : "Ajustement du dernier financement à l'enveloppe restante : permis par l'appel (au moins le montant minimal), confirmé par la cellule lorsqu'il est proposé."
      : "Ajustement du dernier financement : non permis par l'appel.",
    ...tieBreakTexts(evidence.method).map((t) => `Départage. ${t}`),
  ];
  for (const line of ruleLines) write(`• ${line}`, regular, 9.5, TEXT, 4);

  // ── 3. Ranking
  w.heading("3. Classement national et ligne de financement");
  write(
    analysis.fundingLineScore === null
      ? "Aucun dossier n'est financé."
      : `Ligne de financement : ${formatScore(analysis.fundingLineScore)} / 100 (note du dernier dossier financé). Montant attribué : ${formatEuros(granted)} sur ${formatEuros(rules.envelopeCents)} (reste ${formatEuros(rules.envelopeCents - granted)}).`,
  );
  write(
    "Montant : attribué pour les lauréats, proposé pour les autres dossiers.",
    regular,
    8.5,
    GREY,
  );
  w.space(2);
  const candidateAmount = new Map(evidence.candidates.map((c) => [c.id, c.amountCents]));
  const ranked = [...decisions].sort(
    (a, b) =>
      (a.meritRank ?? Infinity) - (b.meritRank ?? Infinity) || (a.reference < b.reference ? -1 : 1),
  );
  // the funding line is drawn below the last dossier scored at or above it
  const lastAbove =
    analysis.fundingLineScore === null
      ? -1
      : ranked.reduce(
          (last, d, i) => ((d.score ?? -1) >= analysis.fundingLineScore! ? i : last),
          -1,
        );
  table(
    [
      { title: "Rang", width: 28, right: true },
      { title: "Référence", width: 80 },
      { title: "Pôle", width: 108 },
      { title: "Région", width: 72 },
      { title: "Territoire", width: 42 },
      { title: "Note", width: 34, right: true },
      { title: "Montant", width: 52, right: true },
      { title: "Décision", width: WIDTH - 416 },
    ],
    ranked.map((d) => [
      rank(d.meritRank),
      d.reference,
      d.pole,
      d.region,
      TERRITORY_SHORT_LABELS[d.territoryType],
      score(d.score),
      // no amount is proposed for an unfavourable opinion
      amount(
        d.outcome === "LAUREATE" ? d.amountCents : candidateAmount.get(d.applicationId) || null,
      ),
      d.outcome === "RESERVE"
        ? `${OUTCOME_LABELS.RESERVE} (rang ${rank(d.reserveRank)})`
        : `${OUTCOME_LABELS[d.outcome]}${d.adjusted ? " (ajusté)" : ""}`,
    ]),
    {
      marks:
        lastAbove >= 0
          ? new Map([
              [lastAbove, `Ligne de financement : ${formatScore(analysis.fundingLineScore!)}`],
            ])
          : undefined,
    },
  );

  // ── 4. Overrides
  w.heading("4. Dérogations, ajustements et leurs justifications");
  subheading("4.1 Notes et montants nationaux modifiés par rapport à l'avis régional");
  if (!evidence.reviewOverrides.length)
    write("Aucune : les notes et montants régionaux ont été confirmés.", italic);
  for (const o of evidence.reviewOverrides) {
    write(`${o.reference} (analyse de ${o.reviewer})`, bold, 9.5, TEXT, 4);
    if (o.nationalScore !== o.regionalScore)
      write(
        `Note : ${formatScore(o.regionalScore)} (régionale) portée à ${formatScore(o.nationalScore)} (nationale). Justification : ${o.scoreJustification ?? "—"}`,
        regular,
        9,
        TEXT,
        14,
      );
    if (o.nationalAmountCents !== o.regionalAmountCents)
      write(
        `Montant : ${formatEuros(o.regionalAmountCents)} (régional) porté à ${formatEuros(o.nationalAmountCents)} (national). Justification : ${o.amountJustification ?? "—"}`,
        regular,
        9,
        TEXT,
        14,
      );
  }
  subheading("4.2 Lignes de la liste proposée modifiées par la cellule (journal d'audit)");
  if (!evidence.lineEdits.length) write("Aucune.", italic);
  const lineText = (l: {
    outcome: keyof typeof OUTCOME_LABELS | null;
    amountCents: number | null;
    reserveRank: number | null;
  }) =>
    l.outcome === null
      ? "—"
      : `${OUTCOME_LABELS[l.outcome]}${l.outcome === "RESERVE" && l.reserveRank !== null ? ` (rang ${l.reserveRank})` : ""}${l.outcome !== "NOT_RETAINED" && l.amountCents !== null ? `, ${formatEuros(l.amountCents)}` : ""}`;
  for (const e of evidence.lineEdits)
    write(
      `${e.reference}, le ${formatDateTime(e.at)} par ${e.actor} : avant, ${lineText(e.before)} ; après, ${lineText(e.after)}.`,
      regular,
      9,
      TEXT,
      4,
    );
  const adjusted = decisions.filter((d) => d.adjusted);
  if (adjusted.length) {
    subheading("4.3 Dernier financement ajusté à l'enveloppe restante");
    for (const d of adjusted)
      write(
        `${d.reference} : ${formatEuros(candidateAmount.get(d.applicationId) ?? 0)} proposés, ${amount(d.amountCents)} attribués (confirmé par la cellule).`,
        regular,
        9,
        TEXT,
        4,
      );
  }
  // The departures as the cell saw and justified them when it finalised the list (the audit log), not recomputed.
  subheading(
    `4.${adjusted.length ? 4 : 3} Écart à la liste de la règle de l'appel (${METHOD_LABELS[evidence.method].toLowerCase()})`,
  );
  if (!evidence.departures.length)
    write("Aucun : la liste finale est celle que donne la règle de l'appel.", italic);
  else {
    for (const d of evidence.departures) write(`– ${d}`, regular, 9, TEXT, 4);
    write(
      `Justification écrite de la cellule : ${evidence.justification ?? "—"}`,
      regular,
      9.5,
      TEXT,
      4,
    );
  }

  // ── 5. Final list
  w.heading("5. Liste finale");
  subheading(`Lauréats (${laureates.length}), dans l'ordre du classement`);
  table(
    [
      { title: "Rang", width: 28, right: true },
      { title: "Référence", width: 86 },
      { title: "Pôle", width: 150 },
      { title: "Région", width: 90 },
      { title: "Note", width: 40, right: true },
      { title: "Montant attribué", width: WIDTH - 394, right: true },
    ],
    [...laureates]
      .sort((a, b) => (a.meritRank ?? Infinity) - (b.meritRank ?? Infinity))
      .map((d) => [
        rank(d.meritRank),
        d.reference,
        d.pole,
        d.region,
        score(d.score),
        `${amount(d.amountCents)}${d.adjusted ? " (ajusté)" : ""}`,
      ])
      .concat([["", "Total", "", "", "", formatEuros(granted)]]),
  );
  subheading(`Liste complémentaire (${reserve.length}), dans son ordre`);
  if (!reserve.length) write("Aucun dossier.", italic);
  else
    table(
      [
        { title: "Rang sur la liste", width: 40, right: true },
        { title: "Rang national", width: 36, right: true },
        { title: "Référence", width: 80 },
        { title: "Pôle", width: 118 },
        { title: "Note", width: 34, right: true },
        { title: "Motif du non-financement", width: WIDTH - 308 },
      ],
      reserve.map((d) => [
        rank(d.reserveRank),
        rank(d.meritRank),
        d.reference,
        d.pole,
        score(d.score),
        d.passOverReason ?? "—",
      ]),
    );

  // ── 6. Hashes
  w.heading("6. Pièces du jury : empreintes des fichiers de données (SHA-256)");
  write(
    "Ces fichiers accompagnent le présent procès-verbal dans l'archive des pièces du jury ; chacun peut vérifier leur empreinte et relancer la sélection sur candidats.json et regles.json pour retrouver resultat.json (voir LISEZMOI.txt).",
    regular,
    9,
  );
  w.space(3);
  for (const h of hashes) {
    w.ensure(24);
    write(h.name, bold, 9, TEXT, 4);
    write(h.sha256, mono, 8, TEXT, 14);
  }

  return w.finish({
    title: `Procès-verbal de la commission nationale – ${call.title}`,
    footer: "Procès-verbal de la commission nationale",
    date: call.finalizedAt,
  });
}
