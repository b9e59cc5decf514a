// `npm run reminders`: sends the reminder e-mails of the reports due soon (or overdue). Idempotent: run it
// daily (cron, scheduled job); a reminder is never sent twice for the same report and threshold.
import { disconnect } from "@/lib/db";
import { sendReportReminders } from "@/lib/reports/reminders";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL est requis (la base de l'application).");
  process.exit(1);
}
try {
  const { sent, failed } = await sendReportReminders(new Date());
  console.log(`Rappels envoyés : ${sent}${failed ? ` ; en échec (réessayés au prochain passage) : ${failed}` : ""}.`);
  process.exitCode = failed ? 1 : 0;
} finally {
  await disconnect();
}
