import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

// The icons of public/ (lib/site/identity.ts): unversioned names that browsers ask for by themselves
// (/favicon.ico), so a week rather than « immutable ».
const ICON_PATHS =
  "/:icon(favicon\\.ico|favicon\\.svg|apple-touch-icon\\.png|android-chrome-192x192\\.png|android-chrome-512x512\\.png)";
const iconHeaders = [{ key: "Cache-Control", value: "public, max-age=604800" }];

const config: NextConfig = {
  poweredByHeader: false,
  // Packages with native or WebAssembly parts stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "exceljs"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: ICON_PATHS, headers: iconHeaders },
    ];
  },
};

export default config;
