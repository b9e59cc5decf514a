// `npm run worker`: the job queue's worker on its own (e-mails, decision letters, reminders and the other
// scheduled work). `npm start` and `npm run demo` start one beside the web server; run more of them, on other
// machines too, for a deployment with several web instances: each job is done once.
//   WORKER_CONCURRENCY (5): jobs run at once     --once: run the jobs due now, then exit
// Stops on SIGTERM/SIGINT after the jobs in flight (a job cut short is retried, never half-done).
import { exitOnProductionConfigurationProblems } from "@/lib/config-checks";
import { disconnect } from "@/lib/db";
import { runDueJobs, startWorker } from "@/lib/jobs/worker";
import { logAsJson } from "@/lib/logging";

exitOnProductionConfigurationProblems();
logAsJson("worker");
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL est requis (la base de l'application, où est la file de travaux).");
  process.exit(1);
}

try {
  if (process.argv.includes("--once")) {
    await runDueJobs();
    await disconnect();
  } else {
    const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 5);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50)
      throw new Error("WORKER_CONCURRENCY : un nombre entier de 1 à 50 est attendu.");
    const worker = await startWorker({ concurrency });
    console.info("[travaux] file de travaux démarrée.");
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      try {
        await worker.stop();
        await disconnect();
        process.exit(0);
      } catch (error) {
        // A job that could not be recorded as done or failed stays locked until releaseStaleLocks gives it back.
        console.error(
          `[travaux] arrêt incomplet : ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(1);
      }
    };
    process.on("SIGINT", () => void stop());
    process.on("SIGTERM", () => void stop());
    // graphile-worker stops its runner on a fatal error (its pool lost for good): the process must not linger idle.
    worker.runner.promise.catch((error: unknown) => {
      if (stopping) return;
      console.error(
        `[travaux] arrêt de la file sur erreur : ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    });
  }
} catch (error) {
  console.error(
    `[travaux] démarrage impossible : ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
