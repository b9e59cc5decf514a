// What the journeys need to know of the scenarios, without importing the server code that writes them.
export const REGIONAL_SCENARIO = {
  slug: "ami-ptce-instruction-e2e",
  title: "Appel de test : instruction régionale",
} as const;
