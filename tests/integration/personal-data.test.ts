// RGPD, right of access: a person downloads what the product holds about them, and only that.
import { AsyncLocalStorage } from "node:async_hooks";
import { unzipSync } from "fflate";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { GET as personalDataGET } from "@/app/api/mon-compte/donnees/route";
import { addAttachment, createApplication } from "@/lib/applications/mutations";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { makeApplicantWithPole, makeOpenCall } from "../fixtures/factories";
import { PDF } from "../fixtures/files";

const session = new AsyncLocalStorage<string>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: `next-auth.session-token=${session.getStore()}` }),
}));

async function download(actor: Actor, headers: Record<string, string> = {}) {
  const token = await encode({
    token: { uid: actor.id, sv: 0 },
    secret: process.env.NEXTAUTH_SECRET!,
    maxAge: 600,
  });
  return session.run(token, () =>
    personalDataGET(new Request("https://ptce.test/api/mon-compte/donnees", { headers })),
  );
}

async function applicantWithDossier(title: string) {
  const { call } = await makeOpenCall();
  const { applicant, pole } = await makeApplicantWithPole({ name: `Pôle ${title}` });
  const { id } = await createApplication(applicant, call.id);
  await db().application.update({ where: { id }, data: { title } });
  const kind = await db().documentKind.findFirstOrThrow({ where: { callId: call.id } });
  await addAttachment(applicant, id, kind.id, { name: `statuts ${title}.pdf`, bytes: PDF });
  return { applicant, pole };
}

describe("a person's own data", () => {
  it("comes as a ZIP of their data as stored and the files they uploaded, without secrets or others' data", async () => {
    const { applicant } = await applicantWithDossier("Filière bois");
    await applicantWithDossier("Autre pôle");

    const response = await download(applicant, { "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(
      /mes-donnees-ami-ptce-\d{4}-\d{2}-\d{2}\.zip/,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const json = JSON.parse(new TextDecoder().decode(files["donnees.json"]));
    expect(json.account).toMatchObject({ email: applicant.email, roles: [{ role: "APPLICANT" }] });
    expect(json.poles.map((p: { name: string }) => p.name)).toEqual(["Pôle Filière bois"]);
    expect(json.applications.map((a: { title: string }) => a.title)).toEqual(["Filière bois"]);
    expect(json.uploads).toHaveLength(1);
    const [fileName] = Object.keys(files).filter((n) => n.startsWith("fichiers/"));
    expect(fileName).toMatch(/^fichiers\/.+-statuts Filière bois\.pdf$/);
    expect(Buffer.from(files[fileName!]!)).toEqual(PDF);

    const text = new TextDecoder().decode(files["donnees.json"]);
    for (const secret of ["passwordHash", "sessionVersion", "storageKey", "Autre pôle"])
      expect(text).not.toContain(secret);
    expect(
      await db().auditEvent.count({ where: { action: "user.exportData", actorId: applicant.id } }),
    ).toBe(1);
  });

  it("is refused to another site's request (an image pointing at the address) and counted five a day", async () => {
    const { applicant } = await applicantWithDossier("Compté");
    expect((await download(applicant, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    for (let i = 0; i < 5; i++) expect((await download(applicant)).status).toBe(200);
    const sixth = await download(applicant);
    expect(sixth.status).toBe(429);
    expect((await sixth.json()).message).toMatch(/^Trop de demandes\. Réessayez dans/);
  });
});
