import "server-only";
// The deadlines of a call's phases, for the countdowns of the pages where people work (public information: the
// call's published calendar).
import { db } from "@/lib/db";

export async function callDeadlines(callId: string) {
  return db().call.findUnique({
    where: { id: String(callId) },
    select: { deadlineAt: true, regionalDeadlineAt: true, nationalDeadlineAt: true },
  });
}
