// Tailwind's utilities, and the DSFR's stylesheet reduced to the classes the product uses (the plugin's
// reasons are in its file). Plugins are named by module path, as Next.js requires.
import { fileURLToPath } from "node:url";

export default {
  plugins: {
    "@tailwindcss/postcss": {},
    [fileURLToPath(new URL("./scripts/lib/dsfr-used-css.cjs", import.meta.url))]: {},
  },
};
