// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Its component schemas
// are also what tests validate real responses against, so document and behaviour cannot drift.
const str = { type: "string" } as const;
const nullableStr = { type: ["string", "null"] } as const;
const bilingual = (name: string) => ({ [`${name}Zh`]: str, [`${name}En`]: str });

const pageOf = (ref: string) => ({
  type: "object",
  additionalProperties: false,
  required: ["data", "page", "perPage", "total", "pages"],
  properties: {
    data: { type: "array", items: { $ref: ref } },
    page: { type: "integer", minimum: 1 },
    perPage: { type: "integer", minimum: 1, maximum: 100 },
    total: { type: "integer", minimum: 0 },
    pages: { type: "integer", minimum: 1 },
  },
});

export const schemas = {
  Fair: {
    type: "object",
    additionalProperties: false,
    required: [
      "slug",
      "titleZh",
      "titleEn",
      "descriptionZh",
      "descriptionEn",
      "startsAt",
      "endsAt",
      "timeZone",
      "status",
      "bureau",
      "coOrganizers",
    ],
    properties: {
      slug: str,
      ...bilingual("title"),
      ...bilingual("description"),
      startsAt: { type: "string", format: "date-time" },
      endsAt: { type: "string", format: "date-time" },
      timeZone: str,
      status: { enum: ["PUBLISHED", "LIVE"] },
      bureau: { $ref: "#/components/schemas/BureauRef" },
      coOrganizers: { type: "array", items: { $ref: "#/components/schemas/BureauRef" } },
    },
  },
  // The organizing bureau of a fair (ADR 028); slug is null for a bureau without a public page.
  BureauRef: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "nameZh", "nameEn"],
    properties: { slug: nullableStr, ...bilingual("name") },
  },
  Bureau: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "nameZh", "nameEn", "level", "parent"],
    properties: {
      slug: str,
      ...bilingual("name"),
      level: { enum: ["PROVINCE", "CITY", "DISTRICT", null] },
      parent: nullableStr,
    },
  },
  Hall: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "nameZh", "nameEn", "sector"],
    properties: { slug: str, ...bilingual("name"), sector: str },
  },
  Booth: {
    type: "object",
    additionalProperties: false,
    required: [
      "id",
      "fair",
      "hall",
      "featured",
      "tier",
      "organization",
      "descriptionZh",
      "descriptionEn",
      "logoUrl",
      "bannerUrl",
      "videoUrl",
      "products",
    ],
    properties: {
      id: str,
      fair: str,
      hall: str,
      featured: { type: "boolean" },
      tier: {
        type: "object",
        additionalProperties: false,
        required: ["code", "nameZh", "nameEn"],
        properties: { code: str, ...bilingual("name") },
      },
      organization: {
        type: "object",
        additionalProperties: false,
        required: ["nameZh", "nameEn", "sector", "region", "website"],
        properties: { ...bilingual("name"), sector: nullableStr, region: nullableStr, website: nullableStr },
      },
      ...bilingual("description"),
      logoUrl: nullableStr,
      bannerUrl: nullableStr,
      videoUrl: nullableStr,
      products: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["nameZh", "nameEn", "descriptionZh", "descriptionEn"],
          properties: { ...bilingual("name"), ...bilingual("description") },
        },
      },
    },
  },
  Project: {
    type: "object",
    additionalProperties: false,
    required: [
      "id",
      "boothId",
      "fair",
      "titleZh",
      "titleEn",
      "descriptionZh",
      "descriptionEn",
      "sector",
      "stage",
      "region",
      "amountSought",
    ],
    properties: {
      id: str,
      boothId: str,
      fair: str,
      ...bilingual("title"),
      ...bilingual("description"),
      sector: str,
      stage: { enum: ["SEED", "ANGEL", "SERIES_A", "SERIES_B", "GROWTH", "PRE_IPO"] },
      region: str,
      amountSought: {
        type: "object",
        additionalProperties: false,
        required: ["amount", "currency"],
        properties: {
          amount: { type: "integer", description: "minor units" },
          currency: { type: "string", pattern: "^[A-Z]{3}$" },
        },
      },
    },
  },
  Error: { type: "object", required: ["error"], properties: { error: str, message: str } },
} as Record<string, unknown>;
// A fair with its halls (the detail endpoint).
schemas.FairDetail = {
  type: "object",
  additionalProperties: false,
  required: [...(schemas.Fair as { required: string[] }).required, "halls"],
  properties: {
    ...(schemas.Fair as { properties: object }).properties,
    halls: { type: "array", items: { $ref: "#/components/schemas/Hall" } },
  },
};
schemas.FairPage = pageOf("#/components/schemas/Fair");
schemas.BureauPage = pageOf("#/components/schemas/Bureau");
// A bureau with the slugs of the public fairs it organizes.
schemas.BureauDetail = {
  type: "object",
  additionalProperties: false,
  required: [...(schemas.Bureau as { required: string[] }).required, "fairs"],
  properties: {
    ...(schemas.Bureau as { properties: object }).properties,
    fairs: { type: "array", items: str },
  },
};
schemas.BoothPage = pageOf("#/components/schemas/Booth");
schemas.ProjectPage = pageOf("#/components/schemas/Project");

const pageParams = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
  { name: "perPage", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
];
const ok = (ref: string) => ({
  "200": { description: "OK", content: { "application/json": { schema: { $ref: ref } } } },
  "401": {
    description: "Invalid or revoked API key",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "429": { description: "Rate limited (see Retry-After)" },
});
const notFound = {
  "404": {
    description: "Not found (or not public)",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "CloudFair open data API",
    version: "1.0.0",
    description:
      "Commerce bureaus, published fairs (each with its organizing bureau), their halls, public booths and investment projects. Public fields only. Anonymous use: 60 requests/minute per IP; partner keys (Authorization: Bearer <key>) get higher limits.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{}, { apiKey: [] }],
  paths: {
    "/bureaus": {
      get: { operationId: "listBureaus", parameters: pageParams, responses: ok("#/components/schemas/BureauPage") },
    },
    "/bureaus/{slug}": {
      get: {
        operationId: "getBureau",
        parameters: [{ name: "slug", in: "path", required: true, schema: str }],
        responses: { ...ok("#/components/schemas/BureauDetail"), ...notFound },
      },
    },
    "/fairs": {
      get: { operationId: "listFairs", parameters: pageParams, responses: ok("#/components/schemas/FairPage") },
    },
    "/fairs/{slug}": {
      get: {
        operationId: "getFair",
        parameters: [{ name: "slug", in: "path", required: true, schema: str }],
        responses: { ...ok("#/components/schemas/FairDetail"), ...notFound },
      },
    },
    "/fairs/{slug}/booths": {
      get: {
        operationId: "listBooths",
        parameters: [
          { name: "slug", in: "path", required: true, schema: str },
          { name: "hall", in: "query", schema: str },
          ...pageParams,
        ],
        responses: ok("#/components/schemas/BoothPage"),
      },
    },
    "/booths/{id}": {
      get: {
        operationId: "getBooth",
        parameters: [{ name: "id", in: "path", required: true, schema: str }],
        responses: { ...ok("#/components/schemas/Booth"), ...notFound },
      },
    },
    "/projects": {
      get: {
        operationId: "listProjects",
        parameters: [
          { name: "fair", in: "query", schema: str },
          { name: "sector", in: "query", schema: str },
          { name: "stage", in: "query", schema: str },
          ...pageParams,
        ],
        responses: ok("#/components/schemas/ProjectPage"),
      },
    },
  },
  components: { schemas, securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
} as const;
