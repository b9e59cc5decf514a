import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";
import { API_SCOPES, apiCallListSchema, apiPageSchema } from "@/lib/api/schema";

// The document is written from the zod schemas: it must be valid JSON Schema, every reference must
// resolve, and it must accept exactly what the schemas the endpoints are typed by accept.
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addSchema({ $id: "https://ptce.test/openapi.json", components: OPENAPI_DOCUMENT.components });
const schema = (name: string) =>
  ajv.getSchema(`https://ptce.test/openapi.json#/components/schemas/${name}`)!;

const call = {
  id: "c1",
  slug: "ami-ptce-2025",
  title: "AMI PTCE 2025",
  year: 2025,
  phase: "OPEN",
  opensAt: "2025-09-01T08:00:00.000Z",
  deadlineAt: "2025-11-02T22:59:59.000Z",
  envelopeCents: 1_000_000_00,
  minGrantCents: 50_000_00,
  maxGrantCents: 150_000_00,
  durationMonths: 24,
};
const page = (data: unknown[]) => ({
  data,
  pagination: { page: 1, limit: 50, total: data.length, pageCount: 1 },
});

describe("the OpenAPI document", () => {
  it("holds valid JSON Schema whose references all resolve", () => {
    for (const [name, s] of Object.entries(OPENAPI_DOCUMENT.components.schemas)) {
      expect(ajv.validateSchema(s), name).toBe(true);
      expect(schema(name), name).toBeTypeOf("function");
      expect(JSON.stringify(s)).not.toMatch(/"\$(schema|id)"/);
    }
    for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths)) {
      expect(API_SCOPES).toContain(item.get.security[0]!.bearer[0]);
      for (const response of Object.values(item.get.responses))
        expect(
          schema(response.content["application/json"].schema.$ref.split("/").pop()!),
          path,
        ).toBeTypeOf("function");
    }
  });

  it("lists as parameters the query the endpoints parse", () => {
    const parameters = OPENAPI_DOCUMENT.paths["/calls"].get.parameters;
    expect(parameters.map((p) => p.name)).toEqual(Object.keys(apiPageSchema.shape));
    expect(parameters.every((p) => p.in === "query" && !p.required && p.description)).toBe(true);
    expect(parameters.find((p) => p.name === "limit")!.schema).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 100,
      default: 50,
    });
  });

  it("accepts what the endpoints' schemas accept, and refuses what they refuse", () => {
    const cases = [
      page([call]),
      page([]),
      page([{ ...call, phase: "DRAFT" }]), // drafts are never listed
      page([{ ...call, opensAt: null }]),
      page([{ ...call, year: 2025.5 }]),
      page([{ ...call, extra: true }]),
      { ...page([call]), pagination: { page: 1, limit: 500, total: 1, pageCount: 1 } },
    ];
    const validate = schema("CallList");
    expect(cases.map((c) => validate(c))).toEqual([true, true, false, false, false, false, false]);
    // zod strips an unknown key where the document refuses it: the endpoints write none.
    const known = cases.filter((_, i) => i !== 5);
    expect(known.map((c) => validate(c))).toEqual(
      known.map((c) => apiCallListSchema.safeParse(c).success),
    );
  });
});
