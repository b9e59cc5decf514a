// What the e2e scenario of issue 6 creates (shared by the scenario and its spec, no server import).
export const AFTER_SCENARIO = {
  email: "porteur4@demo-ptce.fr",
  callSlug: "ami-ptce-laureats-e2e",
  reference: "AMI2023-BRE-001",
  poleName: "Pôle Rance Coopérative",
} as const;
