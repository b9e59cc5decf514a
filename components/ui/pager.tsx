import { Pagination } from "@codegouvfr/react-dsfr/Pagination";

/** Page links of a long list; keeps the other parameters of the address. */
export function Pager({
  page,
  pageCount,
  basePath,
  params = {},
}: {
  page: number;
  pageCount: number;
  basePath: string;
  params?: Record<string, string>;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) =>
    `${basePath}?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  return (
    <Pagination
      count={pageCount}
      defaultPage={page}
      getPageLinkProps={(p) => ({ href: href(p) })}
      showFirstLast
      className="fr-mt-3w"
    />
  );
}
