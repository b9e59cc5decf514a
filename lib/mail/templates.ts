// The texts of the e-mails. Plain text first (read everywhere), with a minimal HTML twin.
import type { Mail } from "@/lib/mail/transport";

export const SIGNATURE =
  "\n\n—\nAMI PTCE · Financer le développement des pôles territoriaux de coopération économique\nCe message est envoyé automatiquement : merci de ne pas y répondre.";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
export function html(paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
  const button = link
    ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`
    : "";
  return `<!doctype html><html lang="fr"><body style="font-family: Arial, sans-serif">${body}${button}<p style="color:#666">${escapeHtml(SIGNATURE).replace(/\n/g, "<br>")}</p></body></html>`;
}

/** An e-mail of paragraphs ending with a link: the text with the address, the HTML with a button. */
export function linkedMail(
  to: string,
  subject: string,
  lines: string[],
  link: { href: string; label: string },
): Mail {
  return {
    to,
    subject,
    text: `${lines.join("\n\n")}\n${link.href}${SIGNATURE}`,
    html: html(lines, link),
  };
}

export function invitationMail(input: {
  to: string;
  name: string;
  roles: string[];
  link: string;
  expiresInDays: number;
}): Mail {
  const lines = [
    `Bonjour ${input.name},`,
    `Un compte a été créé pour vous sur la plateforme de l'AMI PTCE, avec le rôle : ${input.roles.join(", ")}.`,
    `Pour l'activer, choisissez votre mot de passe en ouvrant ce lien (valable ${input.expiresInDays} jours) :`,
  ];
  return {
    to: input.to,
    subject: "Activez votre compte sur la plateforme AMI PTCE",
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Activer mon compte" }),
  };
}

export function verificationMail(input: {
  to: string;
  name: string;
  link: string;
  expiresInHours: number;
}): Mail {
  const lines = [
    `Bonjour ${input.name},`,
    "Votre compte de porteur de projet a bien été créé sur la plateforme de l'AMI PTCE.",
    `Pour confirmer votre adresse e-mail et activer votre compte, ouvrez ce lien (valable ${input.expiresInHours} heures) :`,
  ];
  return {
    to: input.to,
    subject: "Confirmez votre adresse e-mail - AMI PTCE",
    text: `${lines.join("\n\n")}\n${input.link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.${SIGNATURE}`,
    html: html([...lines], { href: input.link, label: "Confirmer mon adresse e-mail" }),
  };
}

export function alreadyRegisteredMail(input: {
  to: string;
  name: string;
  signInLink: string;
  resetLink: string;
}): Mail {
  const lines = [
    `Bonjour ${input.name},`,
    "Quelqu'un (peut-être vous) a tenté de créer un compte avec cette adresse e-mail, qui a déjà un compte sur la plateforme de l'AMI PTCE.",
    `Pour vous connecter : ${input.signInLink}`,
    `Mot de passe oublié ? Choisissez-en un nouveau : ${input.resetLink}`,
  ];
  return {
    to: input.to,
    subject: "Vous avez déjà un compte - AMI PTCE",
    text: `${lines.join("\n\n")}${SIGNATURE}`,
    html: html(lines),
  };
}

export function passwordResetMail(input: {
  to: string;
  name: string;
  link: string;
  expiresInMinutes: number;
}): Mail {
  const lines = [
    `Bonjour ${input.name},`,
    `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable ${input.expiresInMinutes} minutes) :`,
  ];
  return {
    to: input.to,
    subject: "Réinitialisation de votre mot de passe - AMI PTCE",
    text: `${lines.join("\n\n")}\n${input.link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Choisir un nouveau mot de passe" }),
  };
}

export function receiptMail(input: {
  to: string;
  name: string;
  reference: string;
  callTitle: string;
  submittedAt: string;
  link: string;
}): Mail {
  const lines = [
    `Bonjour ${input.name},`,
    `Votre dossier de candidature à l'${input.callTitle} a bien été déposé le ${input.submittedAt} (heure de Paris).`,
    `Sa référence est ${input.reference}. L'accusé de réception est joint à ce message ; vous pouvez suivre l'instruction de votre dossier dans votre espace :`,
  ];
  return {
    to: input.to,
    subject: `Accusé de réception de votre dossier ${input.reference} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Suivre mon dossier" }),
  };
}

export function newMessageMail(input: { to: string; reference: string; link: string }): Mail {
  const lines = [
    "Bonjour,",
    `Un nouveau message a été écrit à propos du dossier ${input.reference}. Pour le lire et y répondre, connectez-vous à la plateforme :`,
  ];
  // The message itself is not copied into the e-mail: it stays behind the sign-in.
  return {
    to: input.to,
    subject: `Nouveau message sur le dossier ${input.reference} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Lire le message" }),
  };
}

export function coEditorInvitationMail(input: {
  to: string;
  inviter: string;
  title: string;
  link: string;
  signUpLink: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `${input.inviter} vous invite à compléter avec lui ou elle le dossier de candidature « ${input.title} » sur la plateforme de l'AMI PTCE.`,
    `Pour accepter, connectez-vous avec cette adresse e-mail puis ouvrez ce lien : ${input.link}`,
    `Vous n'avez pas encore de compte ? Créez-le avec cette même adresse : ${input.signUpLink}`,
  ];
  return {
    to: input.to,
    subject: "Invitation à compléter un dossier - AMI PTCE",
    text: `${lines.join("\n\n")}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Voir l'invitation" }),
  };
}

export function complementAnsweredMail(input: {
  to: string;
  reference: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `Le porteur du dossier ${input.reference} a envoyé les pièces complémentaires demandées. Le dossier revient à la cellule régionale :`,
  ];
  return {
    to: input.to,
    subject: `Pièces complémentaires reçues pour le dossier ${input.reference} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Ouvrir l'espace de la cellule régionale" }),
  };
}

// ── Regional instruction ──

export function complementRequestedMail(input: {
  to: string;
  reference: string;
  dueAt: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `La cellule régionale qui instruit le dossier ${input.reference} demande des pièces complémentaires, à envoyer avant le ${input.dueAt} (heure de Paris).`,
    "Le détail de la demande et le dépôt des pièces sont sur la plateforme :",
  ];
  return {
    to: input.to,
    subject: `Pièces complémentaires demandées pour le dossier ${input.reference} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Voir la demande" }),
  };
}

export function inadmissibleMail(input: { to: string; reference: string; link: string }): Mail {
  const lines = [
    "Bonjour,",
    `Après vérification, le dossier ${input.reference} a été déclaré irrecevable par la cellule régionale. Le motif est indiqué dans votre espace :`,
  ];
  return {
    to: input.to,
    subject: `Dossier ${input.reference} déclaré irrecevable - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Voir le dossier" }),
  };
}

export function evaluationAssignedMail(input: { to: string; count: number; link: string }): Mail {
  const what =
    input.count > 1 ? `${input.count} dossiers vous sont confiés` : "Un dossier vous est confié";
  const lines = [
    "Bonjour,",
    `${what} pour évaluation. Avant d'en lire le contenu, vous déclarerez l'absence de conflit d'intérêts :`,
  ];
  return {
    to: input.to,
    subject: `${what} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Ouvrir mes dossiers" }),
  };
}

export function conflictDeclaredMail(input: {
  to: string;
  evaluator: string;
  reference: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `${input.evaluator} a déclaré un conflit d'intérêts avec le dossier ${input.reference} et en a été retiré(e). Confiez-le à un autre évaluateur :`,
  ];
  return {
    to: input.to,
    subject: `Conflit d'intérêts déclaré sur le dossier ${input.reference} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Ouvrir le dossier" }),
  };
}

export function regionFinalizedMail(input: {
  to: string;
  region: string;
  count: number;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `La cellule régionale ${input.region} a finalisé ses résultats : ${input.count} avis régional(aux) transmis à la cellule nationale.`,
  ];
  return {
    to: input.to,
    subject: `Résultats régionaux transmis : ${input.region} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Ouvrir l'espace national" }),
  };
}

export function regionReopenedMail(input: {
  to: string;
  region: string;
  reason: string;
  link: string;
}): Mail {
  const lines = [
    "Bonjour,",
    `La cellule nationale a rouvert les résultats de la région ${input.region} pour modification.`,
    `Motif : ${input.reason}`,
  ];
  return {
    to: input.to,
    subject: `Résultats régionaux rouverts : ${input.region} - AMI PTCE`,
    text: `${lines.join("\n\n")}\n${input.link}${SIGNATURE}`,
    html: html(lines, { href: input.link, label: "Ouvrir l'espace régional" }),
  };
}
