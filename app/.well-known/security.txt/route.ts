import { appUrl, securityEnv } from "@/lib/env";
import { defaultSecurityExpiry, securityTxt } from "@/lib/site/security-txt";

// RFC 9116: where to report a vulnerability. Rendered on each request (the contact, the expiry and the
// address come from the configuration), cached an hour by browsers and proxies.
export function GET() {
  const { contacts, expires } = securityEnv();
  const body = securityTxt({
    contacts,
    expires: expires ?? defaultSecurityExpiry(new Date()),
    canonical: `${appUrl()}/.well-known/security.txt`,
    preferredLanguages: ["fr", "en"],
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
