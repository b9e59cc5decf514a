// E-mails after the decision (issue 6): conventions, payments and reports.
import { linkedMail as mail } from "@/lib/mail/templates";
import type { Mail } from "@/lib/mail/transport";

export function conventionSentMail(input: {
  to: string;
  number: string;
  reference: string;
  dueDate: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `Votre convention ${input.number} est à signer - AMI PTCE`,
    [
      "Bonjour,",
      `La convention attributive de subvention ${input.number} de votre dossier ${input.reference} est disponible dans votre espace.`,
      `Téléchargez-la, faites-la signer par le représentant légal de la structure porteuse et déposez la copie signée (PDF) avant le ${input.dueDate}.`,
    ],
    { href: input.link, label: "Ouvrir mon dossier" },
  );
}

export function conventionSignedMail(input: {
  to: string;
  number: string;
  poleName: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `Convention ${input.number} signée par le porteur - AMI PTCE`,
    [
      "Bonjour,",
      `Le pôle ${input.poleName} a déposé la copie signée de la convention ${input.number}. Elle attend la contre-signature de la cellule nationale.`,
    ],
    { href: input.link, label: "Voir la convention" },
  );
}

export function conventionCountersignedMail(input: {
  to: string;
  number: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `Convention ${input.number} contresignée - AMI PTCE`,
    [
      "Bonjour,",
      `La convention ${input.number} a été contresignée par l'État : elle est en vigueur. Les versements suivront l'échéancier de la convention, et vos bilans sont à déposer dans votre espace.`,
    ],
    { href: input.link, label: "Ouvrir mon dossier" },
  );
}

export function paymentRecordedMail(input: {
  to: string;
  number: string;
  amount: string;
  date: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `Versement de ${input.amount} - AMI PTCE`,
    [
      "Bonjour,",
      `Un versement de ${input.amount} a été ordonné le ${input.date} au titre de la convention ${input.number}.`,
    ],
    { href: input.link, label: "Voir mes versements" },
  );
}

export function reportReviewedMail(input: {
  to: string;
  report: string;
  number: string;
  accepted: boolean;
  comment: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    input.accepted
      ? `Votre ${input.report.toLowerCase()} (convention ${input.number}) a été accepté par la cellule nationale.`
      : `La cellule nationale demande des compléments sur votre ${input.report.toLowerCase()} (convention ${input.number}).`,
  ];
  if (input.comment) lines.push(`Commentaire : ${input.comment}`);
  return mail(
    input.to,
    `${input.report} ${input.accepted ? "accepté" : "à compléter"} - AMI PTCE`,
    lines,
    { href: input.link, label: "Ouvrir mon bilan" },
  );
}

export function reportSubmittedMail(input: {
  to: string;
  report: string;
  number: string;
  poleName: string;
  link: string;
}): Mail {
  return mail(
    input.to,
    `${input.report} déposé (${input.number}) - AMI PTCE`,
    [
      "Bonjour,",
      `Le pôle ${input.poleName} a déposé son ${input.report.toLowerCase()} au titre de la convention ${input.number}. Il attend votre examen.`,
    ],
    { href: input.link, label: "Examiner le bilan" },
  );
}

export function reportReminderMail(input: {
  to: string;
  report: string;
  number: string;
  dueDate: string;
  daysLeft: number;
  link: string;
}): Mail {
  const when =
    input.daysLeft === 0
      ? `La date limite du ${input.dueDate} est dépassée.`
      : `Il est attendu au plus tard le ${input.dueDate} (dans ${input.daysLeft} jours au plus).`;
  return mail(
    input.to,
    `Rappel : ${input.report.toLowerCase()} à déposer (${input.number}) - AMI PTCE`,
    [
      "Bonjour,",
      `Votre ${input.report.toLowerCase()} au titre de la convention ${input.number} n'a pas encore été déposé. ${when}`,
    ],
    { href: input.link, label: "Déposer mon bilan" },
  );
}
