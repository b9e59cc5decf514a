"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import { fileReport, reviewReport } from "@/lib/reports/mutations";
import type { ReportInput, ReviewInput } from "@/lib/reports/schema";

export async function fileReportAction(reportId: string, input: ReportInput) {
  return runAsActor(async (actor) => {
    const result = await fileReport(actor, String(reportId), input);
    revalidatePath("/mes-dossiers", "layout");
    return result;
  });
}

export async function reviewReportAction(reportId: string, input: ReviewInput) {
  return runAsActor(async (actor) => {
    await reviewReport(actor, String(reportId), input);
    revalidatePath("/cna/conventions", "layout");
  });
}
