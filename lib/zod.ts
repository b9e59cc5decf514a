// zod, in French: every message a person reads is French, those no schema words itself included (a number
// expected, a text too long). Code imports `* as z` from here, never from "zod" (a lint rule), so that the
// locale is set wherever a schema is used, on the server and in the browser. The package's own named
// exports are re-exported (not its `z` object, which holds every locale: the bundlers could not leave out
// what a page does not use, 90 kB gzipped instead of 26).
import { config } from "zod";
import fr from "zod/v4/locales/fr.js";

config(fr());
// In the browser, no compiled parsers: zod would probe `new Function`, which the Content-Security-Policy
// refuses (and reports); the server keeps them, being faster there.
if (typeof window !== "undefined") config({ jitless: true });

export * from "zod";
