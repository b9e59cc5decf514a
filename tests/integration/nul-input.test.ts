// U+0000 (and the other control characters) wherever a person or a program can put text: a path, a query
// string, a search box. PostgreSQL refuses U+0000 in text; the product must answer with a clear refusal or
// ignore it, never with an error 500.
import { AsyncLocalStorage } from "node:async_hooks";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { GET as reportAttachmentGET } from "@/app/api/bilans/pieces/[attachmentId]/route";
import { GET as conventionGET } from "@/app/api/conventions/[id]/route";
import { GET as signedConventionGET } from "@/app/api/conventions/[id]/signee/route";
import { GET as regionExportGET } from "@/app/api/cra/export/route";
import { GET as receiptGET } from "@/app/api/dossiers/[id]/accuse/route";
import { GET as decisionGET } from "@/app/api/dossiers/[id]/decision/route";
import { GET as exportGET } from "@/app/api/exports/[dataset]/route";
import { GET as attachmentGET } from "@/app/api/pieces/[id]/route";
import { GET as apiApplicationsGET } from "@/app/api/v1/applications/route";
import { createApiToken } from "@/lib/api/mutations";
import { auditFilterSchema } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/policy";
import { conventionFilterSchema } from "@/lib/conventions/schema";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/errors";
import { deliveryFilterSchema } from "@/lib/notifications/log";
import { parsePage } from "@/lib/pagination";
import { listUsers } from "@/lib/users/data";
import { userFilterSchema } from "@/lib/users/schema";
import { makeActor } from "../fixtures/factories";

// The routes read the session from the Cookie header: a real next-auth token of the test's person.
const session = new AsyncLocalStorage<string>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: `next-auth.session-token=${session.getStore()}` }),
}));

const NUL = "\u0000";
const tokenOf = (actor: Actor) =>
  encode({ token: { uid: actor.id, sv: 0 }, secret: process.env.NEXTAUTH_SECRET!, maxAge: 600 });

// Each test has a database of its own (tests/integration/setup.ts): its people are made in it.
const aCna = () => makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
const anApplicant = () => makeActor([{ role: "APPLICANT", regionCode: null }]);

// Each route names its own parameters; the test gives each the ones it reads.
type Route = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
const asPerson = async (
  actor: Actor,
  route: Route,
  url: string,
  params: Record<string, string> = {},
) =>
  session.run(await tokenOf(actor), () =>
    route(new Request(`https://ptce.test${url}`), {
      params: Promise.resolve(params) as Promise<never>,
    }),
  );

describe("a NUL character in an address or a query string", () => {
  const byId: [string, Route, Record<string, string>][] = [
    ["/api/pieces/…", attachmentGET, { id: NUL }],
    ["/api/bilans/pieces/…", reportAttachmentGET, { attachmentId: `a${NUL}` }],
    ["/api/conventions/…", conventionGET, { id: NUL }],
    ["/api/conventions/…/signee", signedConventionGET, { id: NUL }],
    ["/api/dossiers/…/accuse", receiptGET, { id: NUL }],
    ["/api/dossiers/…/decision", decisionGET, { id: NUL }],
  ];
  for (const [name, route, params] of byId)
    it(`${name} is refused with the French message, not an error 500`, async () => {
      const response = await asPerson(await anApplicant(), route, "/api/x", params);
      expect(response.status).toBe(422);
      expect((await response.json()).message).toBe(CONTROL_CHARACTER_MESSAGE);
    });

  it("the exports' query strings are refused or ignored, not an error 500", async () => {
    const cna = await aCna();
    for (const [route, url, params] of [
      [regionExportGET, `/api/cra/export?appel=${encodeURIComponent(NUL)}&region=11`, {}],
      [
        exportGET,
        `/api/exports/laureats?appel=${encodeURIComponent(NUL)}`,
        { dataset: "laureats" },
      ],
    ] as [Route, string, Record<string, string>][]) {
      const response = await asPerson(cna, route, url, params);
      expect(response.status, url).toBeLessThan(500);
    }
  });

  it("the REST API answers its JSON error body, not an error 500", async () => {
    const { token } = await createApiToken(await aCna(), {
      name: "Jeton NUL",
      scopes: ["applications:read"],
      expiresInDays: 1,
    });
    const response = await apiApplicationsGET(
      new Request(`https://ptce.test/api/v1/applications?call=${encodeURIComponent(NUL)}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toHaveProperty("message");
  });
});

describe("a NUL character in a search box", () => {
  it("is dropped from the search of the lists, which then answer", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    const users = await listUsers(admin, parsePage({}), userFilterSchema.parse({ q: `a${NUL}b` }));
    expect(users.items).toBeInstanceOf(Array);
    expect(conventionFilterSchema.parse({ q: `x${NUL}` }).q).toBe("x");
    expect(deliveryFilterSchema.parse({ q: NUL }).q).toBeUndefined();
    expect(auditFilterSchema.parse({ actor: `a${NUL}` }).actor).toBe("a");
  });
});
