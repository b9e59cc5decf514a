// What the e2e scenario of the delivery log writes (shared by the scenario and its spec, no server import).
export const DELIVERIES_SCENARIO = {
  callSlug: "ami-ptce-2025",
  /** The error recorded on the failed decision e-mail, as a server that was down leaves it (no answer: a refused connection). */
  lastError: "ESOCKET connect ECONNREFUSED 127.0.0.1:25",
  attempts: 12,
} as const;
