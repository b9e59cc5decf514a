import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { CallDetails } from "@/lib/calls/data";
import { PHASE_LABELS } from "@/lib/calls/phase";
import { formatDate, formatDateTime, formatEuros, formatShare } from "@/lib/format";

/** What a call says to the public: dates, envelope, bounds, priorities, levers, grid and documents. */
export function CallPresentation({ call }: { call: CallDetails }) {
  return (
    <article aria-labelledby="appel-titre">
      <p className="fr-mb-1w">
        <Badge severity={call.phase === "OPEN" ? "success" : "info"} noIcon={false}>
          {PHASE_LABELS[call.phase]}
        </Badge>
      </p>
      <h1 id="appel-titre">{call.title}</h1>
      <p className="fr-text--lead">{call.summary}</p>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="calendrier" className="fr-p-3w fr-background-alt--grey">
          <h2 id="calendrier" className="fr-h4">
            Calendrier
          </h2>
          <dl>
            <dt className="fr-text--bold">Ouverture des candidatures</dt>
            <dd className="fr-mb-1w">{formatDate(call.opensAt)}</dd>
            <dt className="fr-text--bold">Date limite de dépôt</dt>
            <dd className="fr-mb-1w">{formatDateTime(call.deadlineAt)} (heure de Paris)</dd>
            {call.resultsAt && (
              <>
                <dt className="fr-text--bold">Publication des résultats</dt>
                <dd>{formatDate(call.resultsAt)}</dd>
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="financement" className="fr-p-3w fr-background-alt--grey">
          <h2 id="financement" className="fr-h4">
            Financement
          </h2>
          <dl>
            <dt className="fr-text--bold">Enveloppe</dt>
            <dd className="fr-mb-1w">{formatEuros(call.envelopeCents)}</dd>
            <dt className="fr-text--bold">Subvention par lauréat</dt>
            <dd className="fr-mb-1w">
              de {formatEuros(call.minGrantCents)} à {formatEuros(call.maxGrantCents)}, sur{" "}
              {call.durationMonths / 12 === Math.floor(call.durationMonths / 12)
                ? `${call.durationMonths / 12} ans`
                : `${call.durationMonths} mois`}
            </dd>
            <dt className="fr-text--bold">Versements</dt>
            <dd>
              {call.tranches
                .map((t) => `${formatShare(t.shareBps)} : ${t.label.toLowerCase()}`)
                .join(" ; ")}
            </dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="leviers" className="fr-mt-5w">
        <h2 id="leviers">Trois leviers à mobiliser</h2>
        {/* biome-ignore lint/a11y/noRedundantRoles: Safari (VoiceOver) drops the list semantics of a list styled list-style: none; role="list" restores it */}
        <ul role="list" className="grid list-none gap-4 p-0 md:grid-cols-3">
          {call.levers.map((l) => (
            <li key={l.id} className="fr-p-3w fr-card">
              <h3 className="fr-h5">{l.title}</h3>
              <p className="fr-mb-0">{l.description}</p>
            </li>
          ))}
        </ul>
      </section>

      {call.priorities.length > 0 && (
        <section aria-labelledby="priorites" className="fr-mt-5w">
          <h2 id="priorites">Priorités</h2>
          <ul>
            {call.priorities.map((p) => (
              <li key={p.id}>
                {p.label} : au moins {formatShare(p.minShareBps)} de l&apos;enveloppe.
              </li>
            ))}
          </ul>
        </section>
      )}

      {call.learningCommunities.length > 0 && (
        <section aria-labelledby="communautes" className="fr-mt-5w">
          <h2 id="communautes">Communautés apprenantes</h2>
          <p>
            Chaque candidat indique s&apos;il souhaite rejoindre l&apos;une des communautés
            thématiques :
          </p>
          <ul>
            {call.learningCommunities.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong> : {c.description}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="grille" className="fr-mt-5w">
        <h2 id="grille">Grille d&apos;évaluation</h2>
        <div className="fr-table fr-table--no-caption">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Critères et pondérations</caption>
                  <thead>
                    <tr>
                      <th scope="col">Critère</th>
                      <th scope="col">Pondération</th>
                    </tr>
                  </thead>
                  <tbody>
                    {call.criteria.map((k) => (
                      <tr key={k.id}>
                        <td>{k.label}</td>
                        <td>{formatShare(k.weightBps)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      </section>

      <section aria-labelledby="pieces" className="fr-mt-5w">
        <h2 id="pieces">Pièces à joindre</h2>
        <ul>
          {call.documentKinds.map((d) => (
            <li key={d.id}>
              {d.label}
              {d.required ? "" : " (facultatif)"}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
