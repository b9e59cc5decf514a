// The e-mails of the national decision (issue 5), beside lib/mail/templates.ts and in its style.
import { html, SIGNATURE } from "@/lib/mail/templates";
import type { Mail } from "@/lib/mail/transport";

export const DECISION_SUBJECT = (reference: string) =>
  `Décision sur votre dossier ${reference} - AMI PTCE`;
export const PROMOTION_SUBJECT = (reference: string) =>
  `Votre dossier ${reference} est désormais lauréat - AMI PTCE`;

/** The results are published: the decision is in the applicant's space, the letter attached. */
export function decisionMail(input: {
  to: string;
  reference: string;
  callTitle: string;
  outcomeLabel: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `Les résultats de l'${input.callTitle} sont publiés. Décision pour votre dossier ${input.reference} : ${input.outcomeLabel}.`,
    "La lettre de décision, avec ses motifs, est jointe à ce message ; vous la retrouvez aussi dans votre espace :",
  ];
  return {
    to: input.to,
    subject: DECISION_SUBJECT(input.reference),
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Voir la décision" }),
  };
}

/** A reserve dossier promoted after a laureate's withdrawal. */
export function promotionMail(input: {
  to: string;
  reference: string;
  amount: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `À la suite du désistement d'un lauréat, votre dossier ${input.reference}, inscrit sur la liste complémentaire, est désormais lauréat pour une subvention de ${input.amount}.`,
    "La nouvelle lettre de décision est jointe à ce message ; vous la retrouvez aussi dans votre espace :",
  ];
  return {
    to: input.to,
    subject: PROMOTION_SUBJECT(input.reference),
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Voir la décision" }),
  };
}
