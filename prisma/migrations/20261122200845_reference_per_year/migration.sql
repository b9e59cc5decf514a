-- Reference counters per year and region instead of per call, keeping the numbers already given:
-- the new counter of a year and region starts after the highest of that year's calls.
CREATE TABLE "ReferenceCounter_by_year" (
    "year" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_by_year_pkey" PRIMARY KEY ("year", "regionCode")
);

INSERT INTO "ReferenceCounter_by_year" ("year", "regionCode", "last")
SELECT c."year", r."regionCode", MAX(r."last")
FROM "ReferenceCounter" r JOIN "Call" c ON c."id" = r."callId"
GROUP BY c."year", r."regionCode";

DROP TABLE "ReferenceCounter";
ALTER TABLE "ReferenceCounter_by_year" RENAME TO "ReferenceCounter";
ALTER TABLE "ReferenceCounter" RENAME CONSTRAINT "ReferenceCounter_by_year_pkey" TO "ReferenceCounter_pkey";
