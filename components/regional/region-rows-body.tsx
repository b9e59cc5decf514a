"use client";
// The region's table body, written from the compact rows the server sent once (components/regional/region-rows.ts):
// on the server into the page, in the browser to the same HTML, which React then leaves as it found it.
import { useMemo } from "react";
import { regionRowsHtml } from "./region-rows";

export function RegionRowsBody({
  rows,
  criteria,
  showScores,
}: {
  rows: string;
  criteria: number;
  showScores: boolean;
}) {
  const html = useMemo(
    () => regionRowsHtml(rows, criteria, showScores),
    [rows, criteria, showScores],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: every value of the rows is escaped by encodeRegionRows (region-rows.ts); as elements, 500 rows made the page ten times slower
  return <tbody dangerouslySetInnerHTML={{ __html: html }} />;
}
