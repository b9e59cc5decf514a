// `npm run worker`: the job queue's worker on its own (e-mails, decision letters, reminders and the other
// scheduled work). `npm start` and `npm run demo` start one beside the web server; run more of them, on other
// machines too, for a deployment with several web instances: each job is done once.
//   WORKER_CONCURRENCY (5): jobs run at once     --once: run the jobs due now, then exit
// Stops on SIGTERM/SIGINT after the jobs in flight (a job cut short is retried, never half-done).
import { disconnect } from "@/lib/db";
import { runDueJobs, startWorker } from "@/lib/jobs/worker";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL est requis (la base de l'application, où est la file de travaux).");
  process.exit(1);
}

try {
  if (process.argv.includes("--once")) {
    await runDueJobs();
    await disconnect();
  } else {
    const worker = await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 5) });
    console.info("[travaux] file de travaux démarrée.");
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await worker.stop();
      await disconnect();
      process.exit(0);
    };
    process.on("SIGINT", () => void stop());
    process.on("SIGTERM", () => void stop());
  }
} catch (error) {
  console.error(`[travaux] démarrage impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
