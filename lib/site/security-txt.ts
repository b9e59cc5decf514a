// The body of /.well-known/security.txt (RFC 9116): where a security researcher reports a vulnerability
// of this State service. Pure: the route handler passes the configuration and the time.

const DAY_MS = 86_400_000;

/** Without SECURITY_TXT_EXPIRES the file expires this many days after the current day (UTC midnight). */
export const DEFAULT_EXPIRY_DAYS = 180;

/** RFC 9116 §2.5.5: an Expires less than a year ahead is recommended; a configured one further is refused. */
export const MAX_EXPIRY_DAYS = 365;

const CONTACT_SCHEMES = /^(mailto:|https:\/\/|tel:)/i;

/**
 * The contacts of SECURITY_CONTACT: one or several, separated by commas; each a `mailto:`, `https://` or
 * `tel:` URI, or a bare e-mail address (made a `mailto:`). Null when one of them is none of these.
 */
export function parseSecurityContacts(value: string): string[] | null {
  const contacts = value
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => (/^[^\s:@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(c) ? `mailto:${c}` : c));
  if (contacts.length === 0 || contacts.some((c) => !CONTACT_SCHEMES.test(c) || /\s/.test(c)))
    return null;
  return contacts;
}

/** The default contact: `securite@` the domain of the e-mails' sender (MAIL_FROM, « Nom <adresse> » or an address). */
export function defaultSecurityContact(mailFrom: string): string | null {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(mailFrom.trim())?.[1];
  return domain ? `mailto:securite@${domain}` : null;
}

/** The default expiry: DEFAULT_EXPIRY_DAYS after the current day's start (UTC), the same all day long. */
export function defaultSecurityExpiry(now: Date): Date {
  const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return new Date(dayStart + DEFAULT_EXPIRY_DAYS * DAY_MS);
}

/** Whether a configured expiry respects RFC 9116's « less than a year » at the time `now`. */
export function isWithinAYear(expires: Date, now: Date): boolean {
  return expires.getTime() - now.getTime() <= MAX_EXPIRY_DAYS * DAY_MS;
}

export type SecurityTxtFields = {
  contacts: readonly string[];
  expires: Date;
  /** the file's own address, https://…/.well-known/security.txt */
  canonical: string;
  preferredLanguages: readonly string[];
};

/** The file, one field per line (CRLF-free, UTF-8, as RFC 9116 allows), ending with a newline. */
export function securityTxt({
  contacts,
  expires,
  canonical,
  preferredLanguages,
}: SecurityTxtFields): string {
  if (contacts.length === 0)
    throw new Error("security.txt : au moins un champ Contact est obligatoire");
  return [
    "# Signaler une vulnérabilité de la plateforme AMI PTCE (RFC 9116).",
    "# Report a vulnerability of the AMI PTCE platform (RFC 9116).",
    ...contacts.map((c) => `Contact: ${c}`),
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    `Preferred-Languages: ${preferredLanguages.join(", ")}`,
    `Canonical: ${canonical}`,
    "",
  ].join("\n");
}
