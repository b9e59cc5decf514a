import type { MetadataRoute } from "next";

// /robots.txt: the call and its published results are for everyone; the signed-in spaces, the pages
// reached through a personal link (activation, confirmation, new password) and the API (files included)
// are not for search engines. Not an access control: every one of these routes checks its reader.
const DISALLOW = [
  "/cra",
  "/cna",
  "/admin",
  "/mes-dossiers",
  "/mon-compte",
  "/apres-connexion",
  "/activation/",
  "/inscription/confirmer/",
  "/mot-de-passe/",
  "/api",
];

export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      // The open data of the grants is published to be found (linked from /resultats/<appel>).
      allow: ["/", "/resultats/", "/api/donnees-ouvertes/"],
      disallow: DISALLOW,
    },
  };
}
