const BASE = "http://ce-site.invalid";

/**
 * Only paths of this site are followed after sign-in. The value is resolved as the browser would
 * (which ignores tabs and newlines, and reads "\" as "/"), then kept only if it stays on this site.
 */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value?.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // "/..//x" resolves to the path "//x", which a browser reads as another site: refused.
  if (/^\/[/\\]/.test(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
