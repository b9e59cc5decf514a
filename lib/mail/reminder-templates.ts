// E-mails of the scheduled work (lib/reminders, lib/applications/mutations.ts): reminders before a
// deadline and the end of a request for missing documents. `deadline` is written with lib/format's
// formatDateTime, `left` with lib/reminders/rules' daysLeftPhrase (« dans 7 jours », « demain », « aujourd'hui »).
import { linkedMail as mail } from "@/lib/mail/templates";
import type { Mail } from "@/lib/mail/transport";

/** What every reminder carries: its recipient, the deadline, how far off it is, and where to act. */
type DeadlineReminder = { to: string; deadline: string; left: string; link: string };

export function depositReminderMail(
  input: DeadlineReminder & { title: string; callTitle: string; owner: boolean },
): Mail {
  return mail(
    input.to,
    `Rappel : votre dossier n'est pas encore déposé (date limite ${input.left}) - AMI PTCE`,
    [
      "Bonjour,",
      `Votre dossier « ${input.title} » pour l'appel « ${input.callTitle} » est encore un brouillon. La date limite de dépôt est le ${input.deadline} (heure de Paris), ${input.left}.`,
      input.owner
        ? "Pour le déposer, complétez les étapes signalées, signez la déclaration sur l'honneur puis déposez-le. Un dossier non déposé à la date limite ne pourra pas être examiné."
        : "Seul le titulaire du dossier peut le déposer, après avoir signé la déclaration sur l'honneur. Un dossier non déposé à la date limite ne pourra pas être examiné.",
    ],
    { href: input.link, label: "Ouvrir mon dossier" },
  );
}

export function evaluationReminderMail(
  input: DeadlineReminder & { count: number; callTitle: string },
): Mail {
  const dossiers =
    input.count > 1
      ? `${input.count} dossiers qui vous sont confiés attendent`
      : "Un dossier qui vous est confié attend";
  return mail(
    input.to,
    `Rappel : ${input.count > 1 ? `${input.count} évaluations` : "une évaluation"} à rendre (date limite ${input.left}) - AMI PTCE`,
    [
      "Bonjour,",
      `${dossiers} votre évaluation pour l'appel « ${input.callTitle} ». Les résultats régionaux sont attendus au plus tard le ${input.deadline} (heure de Paris), ${input.left}.`,
      "Une évaluation enregistrée en brouillon n'est pas comptée : pensez à la valider.",
    ],
    { href: input.link, label: "Voir mes évaluations" },
  );
}

export function regionalReminderMail(
  input: DeadlineReminder & { region: string; callTitle: string },
): Mail {
  return mail(
    input.to,
    `Rappel : résultats de la région ${input.region} à finaliser (date limite ${input.left}) - AMI PTCE`,
    [
      "Bonjour,",
      `Les résultats de la région ${input.region} pour l'appel « ${input.callTitle} » ne sont pas encore finalisés. Ils sont attendus par la cellule nationale au plus tard le ${input.deadline} (heure de Paris), ${input.left}.`,
      "La page de la région indique les dossiers encore à terminer (recevabilité, évaluations, avis et classement).",
    ],
    { href: input.link, label: "Ouvrir la page de la région" },
  );
}

export function signatureReminderMail(
  input: DeadlineReminder & { number: string; reference: string },
): Mail {
  return mail(
    input.to,
    `Rappel : convention ${input.number} à signer (date limite ${input.left}) - AMI PTCE`,
    [
      "Bonjour,",
      `La copie signée de la convention ${input.number} (dossier ${input.reference}) n'a pas encore été déposée. Elle est attendue au plus tard le ${input.deadline} (heure de Paris), ${input.left}.`,
      "Faites-la signer par le représentant légal de la structure porteuse et déposez-la (PDF) dans votre espace. Passé ce délai, la convention pourra être annulée.",
    ],
    { href: input.link, label: "Ouvrir mon dossier" },
  );
}

export function complementExpiredApplicantMail(input: {
  to: string;
  reference: string;
  dueAt: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `Délai dépassé pour les pièces complémentaires (${input.reference}) - AMI PTCE`,
    [
      "Bonjour,",
      `Les pièces complémentaires demandées pour votre dossier ${input.reference} n'ont pas été reçues avant le ${input.dueAt} (heure de Paris) : la demande est close et ne peut plus recevoir de réponse.`,
      "L'équipe d'instruction de votre région va statuer sur la recevabilité du dossier. Pour toute question, écrivez-lui par la messagerie du dossier.",
    ],
    { href: input.link, label: "Ouvrir mon dossier" },
  );
}

export function complementExpiredCellMail(input: {
  to: string;
  reference: string;
  dueAt: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `Pièces complémentaires non reçues (${input.reference}) - AMI PTCE`,
    [
      "Bonjour,",
      `Le porteur du dossier ${input.reference} n'a pas envoyé les pièces complémentaires demandées avant le ${input.dueAt} (heure de Paris) : la demande est close.`,
      "Le dossier revient à l'examen de sa recevabilité : vous pouvez le déclarer complet, irrecevable, ou demander à nouveau des pièces avec un nouveau délai.",
    ],
    { href: input.link, label: "Ouvrir le dossier" },
  );
}
