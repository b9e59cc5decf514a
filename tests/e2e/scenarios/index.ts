// Data of the end-to-end journeys that the demo does not hold (a call at the stage a journey starts
// from), written through the product's commands after the demo seed.
import { seedAfterScenario } from "./after";
import { seedNationalScenario } from "./national";
import { seedNotificationsScenario } from "./notifications";
import { seedRegionalScenario } from "./regional";

export async function seedScenarios() {
  await seedRegionalScenario();
  await seedAfterScenario(); // a laureate with a convention sent
  await seedNationalScenario();
  await (await import("./deliveries.ts")).seedDeliveriesScenario(); // a failed decision e-mail for the delivery log
  await seedNotificationsScenario(); // porteur3's decision notification, before the journey starts
}
