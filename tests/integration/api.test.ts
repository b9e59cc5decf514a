import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as applicationsGET } from "@/app/api/v1/applications/route";
import { GET as callsGET } from "@/app/api/v1/calls/route";
import { GET as conventionsGET } from "@/app/api/v1/conventions/route";
import { GET as decisionsGET } from "@/app/api/v1/decisions/route";
import { GET as openapiGET } from "@/app/api/v1/openapi.json/route";
import { GET as paymentsGET } from "@/app/api/v1/payments/route";
import { listApiTokens } from "@/lib/api/data";
import { createApiToken, revokeApiToken } from "@/lib/api/mutations";
import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { recordPayment } from "@/lib/payments/mutations";
import { parisDate } from "@/lib/time";
import { makeCountersignedConvention } from "../fixtures/conventions";
import { makeActor, makeApplication } from "../fixtures/factories";
import { makeDecidedCall, makePublishedLaureate } from "../fixtures/laureates";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

// Validates real answers against the OpenAPI document's schemas (JSON Schema 2020-12 in OpenAPI 3.1).
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addSchema({ $id: "https://ptce.test/openapi.json", components: OPENAPI_DOCUMENT.components });
function conforms(
  path: keyof typeof OPENAPI_DOCUMENT.paths,
  status: "200" | "401" | "403" | "422" | "429",
  body: unknown,
) {
  const ref = (
    OPENAPI_DOCUMENT.paths[path].get.responses as Record<
      string,
      { content: { "application/json": { schema: { $ref: string } } } }
    >
  )[status]!.content["application/json"].schema.$ref;
  const validate = ajv.getSchema(`https://ptce.test/openapi.json${ref}`)!;
  const ok = validate(body);
  expect(validate.errors ?? [], JSON.stringify(body).slice(0, 300)).toEqual([]);
  return ok;
}

const ALL_SCOPES = [
  "calls:read",
  "applications:read",
  "decisions:read",
  "conventions:read",
  "payments:read",
] as const;
const get = (handler: (r: Request) => Promise<Response>, path: string, token?: string) =>
  handler(
    new Request(
      `https://ptce.test/api/v1${path}`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    ),
  );
const tokenFor = async (actor: Actor, scopes: readonly string[] = ALL_SCOPES, expiresInDays = 30) =>
  (await createApiToken(actor, { name: "Jeton de test", scopes, expiresInDays })).token;

async function world() {
  const { call } = await makeDecidedCall();
  const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
  const bre = await makeCountersignedConvention({ callId: call.id, cna, regionCode: "53" });
  const occ = await makeCountersignedConvention({ callId: call.id, cna, regionCode: "76" });
  const tranche = await db().paymentTranche.findFirstOrThrow({
    where: { callId: call.id, position: 0 },
  });
  const today = parisDate(new Date()); // the day in France, as the product counts days
  for (const c of [bre, occ])
    await recordPayment(cna, c.conventionId, {
      trancheId: tranche.id,
      amountCents: 35_000_00,
      paidOn: today,
      accountingReference: `EJ-${c.conventionId}`,
    });
  await makeApplication({ callId: call.id, owner: bre.owner, status: "DRAFT" });
  await makePublishedLaureate({ callId: call.id, regionCode: "53", published: false });
  const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
  return { call, cna, coordinator, bre, occ };
}

describe("personal access tokens", () => {
  it("are shown once, stored hashed with a prefix, listed and revoked by their owner only", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const created = await createApiToken(cna, {
      name: "Tableau de bord",
      scopes: ["calls:read"],
      expiresInDays: 90,
    });
    expect(created.token.startsWith(`${created.prefix}_`)).toBe(true);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect((await listApiTokens(cna)).map((t) => t.prefix)).toEqual([created.prefix]);
    const other = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(revokeApiToken(other, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeApiToken(cna, created.id);
    expect((await listApiTokens(cna))[0]!.revokedAt).not.toBeNull();
  });

  it("refuses applicants, no scope, an unknown scope and more than a year", async () => {
    const applicant = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(
      createApiToken(applicant, { name: "Mon jeton", scopes: ["calls:read"], expiresInDays: 30 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(
      createApiToken(cna, { name: "Jeton", scopes: [], expiresInDays: 400 }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        scopes: ["Choisissez au moins une portée."],
        expiresInDays: ["Un jeton vaut au plus 365 jours."],
      },
    });
    await expect(
      createApiToken(cna, { name: "Jeton", scopes: ["users:write"], expiresInDays: 30 }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("authentication of the API", () => {
  it("401 with a French message for a missing, unknown, expired or revoked token, or a deactivated account", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const missing = await get(callsGET, "/calls");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect(conforms("/calls", "401", await missing.json())).toBe(true);
    const unknown = await get(callsGET, "/calls", "ptce_inconnu_abcdef");
    expect(await unknown.json()).toMatchObject({
      code: "UNAUTHORIZED",
      message: "Jeton d'accès inconnu.",
    });

    const expired = await createApiToken(cna, {
      name: "Ancien",
      scopes: ["calls:read"],
      expiresInDays: 1,
    });
    await db().apiToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expiredAnswer = await get(callsGET, "/calls", expired.token);
    expect(expiredAnswer.status).toBe(401);
    expect((await expiredAnswer.json()).message).toMatch(/^Ce jeton d'accès a expiré le /);

    const revoked = await createApiToken(cna, {
      name: "Révoqué",
      scopes: ["calls:read"],
      expiresInDays: 30,
    });
    expect((await get(callsGET, "/calls", revoked.token)).status).toBe(200);
    await revokeApiToken(cna, revoked.id);
    const revokedAnswer = await get(callsGET, "/calls", revoked.token);
    expect(revokedAnswer.status).toBe(401);
    expect((await revokedAnswer.json()).message).toMatch(/^Ce jeton d'accès a été révoqué le /);

    const live = await tokenFor(cna);
    await db().user.update({ where: { id: cna.id }, data: { active: false } });
    expect(await (await get(callsGET, "/calls", live)).json()).toMatchObject({
      code: "UNAUTHORIZED",
      message: "Le compte de ce jeton d'accès est désactivé.",
    });
  });

  it("403 for a resource beyond the token's scopes; 422 for a bad page size", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const token = await tokenFor(cna, ["calls:read"]);
    const beyond = await get(paymentsGET, "/payments", token);
    expect(beyond.status).toBe(403);
    const body = await beyond.json();
    expect(body).toEqual({
      code: "FORBIDDEN",
      message: "Ce jeton n'a pas la portée « payments:read » nécessaire à cette ressource.",
    });
    expect(conforms("/payments", "403", body)).toBe(true);
    const bad = await get(callsGET, "/calls?limit=1000", token);
    expect(bad.status).toBe(422);
    expect((await bad.json()).fieldErrors).toEqual({
      limit: ["« limit » doit être un entier de 1 à 100."],
    });
  });

  it("rate-limits each token (429 with Retry-After) and records when it was last used", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const created = await createApiToken(cna, {
      name: "Limité",
      scopes: ["calls:read"],
      expiresInDays: 30,
    });
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await get(callsGET, "/calls", created.token)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await get(callsGET, "/calls", created.token);
      expect(limited.headers.get("retry-after")).toBe("60");
      expect((await limited.json()).message).toMatch(/^Trop de demandes/);
    } finally {
      delete process.env.API_RATE_LIMIT_PER_MINUTE;
    }
    expect(
      (await db().apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt,
    ).not.toBeNull();
  });
});

describe("resources, as the token's owner may see them, conforming to the OpenAPI document", () => {
  it("the national cell reads every submitted dossier, decision, convention and payment", async () => {
    const { call, cna } = await world();
    const token = await tokenFor(cna);
    const calls = await (await get(callsGET, "/calls", token)).json();
    conforms("/calls", "200", calls);
    expect(calls.data.map((c: { slug: string }) => c.slug)).toContain(call.slug);
    const apps = await (
      await get(applicationsGET, `/applications?call=${call.slug}`, token)
    ).json();
    conforms("/applications", "200", apps);
    expect(apps.pagination).toEqual({ page: 1, limit: 50, total: 3, pageCount: 1 });
    const decisions = await (await get(decisionsGET, "/decisions", token)).json();
    conforms("/decisions", "200", decisions);
    expect(decisions.data).toHaveLength(3);
    const conventions = await (
      await get(conventionsGET, "/conventions?limit=1&page=2", token)
    ).json();
    conforms("/conventions", "200", conventions);
    expect(conventions).toMatchObject({
      data: [{ number: `PTCE-${call.year}-002`, status: "COUNTERSIGNED", paidCents: 35_000_00 }],
      pagination: { page: 2, limit: 1, total: 2, pageCount: 2 },
    });
    const payments = await (await get(paymentsGET, "/payments", token)).json();
    conforms("/payments", "200", payments);
    expect(payments.data).toHaveLength(2);
  });

  it("a regional coordinator reads only their region, and only published decisions", async () => {
    const { call, coordinator, bre } = await world();
    const token = await tokenFor(coordinator);
    const apps = await (await get(applicationsGET, "/applications", token)).json();
    conforms("/applications", "200", apps);
    expect(apps.data.map((a: { regionCode: string }) => a.regionCode)).toEqual(["53", "53"]);
    const decisions = await (await get(decisionsGET, "/decisions", token)).json();
    expect(decisions.data.map((d: { reference: string }) => d.reference)).toEqual([
      bre.application.reference,
    ]);
    const conventions = await (
      await get(conventionsGET, `/conventions?call=${call.slug}`, token)
    ).json();
    expect(conventions.data.map((c: { applicationId: string }) => c.applicationId)).toEqual([
      bre.application.id,
    ]);
    const payments = await (await get(paymentsGET, "/payments", token)).json();
    conforms("/payments", "200", payments);
    expect(payments.data).toHaveLength(1);
  });

  it("an evaluator's token lists only the dossiers assigned to them, and no convention", async () => {
    const { bre } = await world();
    const evaluator = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
    const token = await tokenFor(evaluator);
    expect((await (await get(applicationsGET, "/applications", token)).json()).data).toEqual([]);
    await db().evaluatorAssignment.create({
      data: {
        applicationId: bre.application.id,
        evaluatorId: evaluator.id,
        assignedById: evaluator.id,
      },
    });
    expect(
      (await (await get(applicationsGET, "/applications", token)).json()).data.map(
        (a: { id: string }) => a.id,
      ),
    ).toEqual([bre.application.id]);
    expect((await (await get(conventionsGET, "/conventions", token)).json()).data).toEqual([]);
  });

  it("serves its OpenAPI 3.1 document publicly", async () => {
    const res = openapiGET();
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/calls",
      "/applications",
      "/decisions",
      "/conventions",
      "/payments",
    ]);
    expect(ajv.validateSchema(doc.components.schemas.ApplicationList)).toBe(true);
  });
});
