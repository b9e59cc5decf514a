// How a notification reads in the product's list: the e-mail's subject as its title, one short line of
// its text, and where « Ouvrir » may lead. Pure, shared by the list and the route that opens a notification.
import { safeCallbackPath } from "@/lib/auth/redirects";

const SUFFIX = /\s+-\s+AMI PTCE\s*$/;
const SIGNATURE = "\n\n—\n";
const SUMMARY_LENGTH = 180;

/** « Décision sur votre dossier AMI2025-BRE-001 - AMI PTCE » → « Décision sur votre dossier AMI2025-BRE-001 ». */
export function notificationTitle(subject: string): string {
  return subject.replace(SUFFIX, "").trim() || subject;
}

/** The first sentence that says something (not the greeting, not a link), cut at a word near 180 characters. */
export function notificationSummary(text: string): string {
  const body = text.split(SIGNATURE)[0] ?? "";
  const line = body
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split("\n")
        .filter((l) => !/^\s*https?:\/\//.test(l))
        .join(" ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .find((p) => p && !/^(Bonjour|Madame|Monsieur)\b/.test(p));
  if (!line) return "";
  if (line.length <= SUMMARY_LENGTH) return line;
  const cut = line.slice(0, SUMMARY_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SUMMARY_LENGTH / 2)).replace(/[\s,;:.]+$/, "")}…`;
}

/**
 * Where opening a notification leads: its link when it is a path of this site (never another site, whatever
 * the stored value), else the list.
 */
export function notificationTarget(link: string | null | undefined): string {
  const path = safeCallbackPath(link);
  // Checked after resolution too: "/..//elsewhere.example" resolves to "//elsewhere.example", another site.
  return path && !/^\/[/\\]/.test(path) ? path : "/notifications";
}
