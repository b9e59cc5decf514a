// The texts of the e-mails. Plain text first (read everywhere), with a minimal HTML twin.
import type { Mail } from "@/lib/mail/transport";

const SIGNATURE = "\n\n—\nAMI PTCE · Financer le développement des pôles territoriaux de coopération économique\nCe message est envoyé automatiquement : merci de ne pas y répondre.";

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
function html(paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escape(p)}</p>`).join("");
  const button = link ? `<p><a href="${escape(link.href)}">${escape(link.label)}</a></p>` : "";
  return `<!doctype html><html lang="fr"><body style="font-family: Arial, sans-serif">${body}${button}<p style="color:#666">${escape(SIGNATURE).replace(/\n/g, "<br>")}</p></body></html>`;
}

export function invitationMail(input: { to: string; name: string; roles: string[]; link: string; expiresInDays: number }): Mail {
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
