// zod, in French: every message a person reads is French, those no schema words itself included (a number
// expected, a text too long). Code imports `z` from here, never from "zod" (a lint rule), so that the locale is
// set wherever a schema is used, on the server and in the browser.
import { z } from "zod";
import fr from "zod/v4/locales/fr.js";

z.config(fr());
// In the browser, no compiled parsers: zod would probe `new Function`, which the Content-Security-Policy
// refuses (and reports); the server keeps them, being faster there.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
