import * as z from "@/lib/zod";

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

/** ?page= and ?taille= of a list, parsed leniently: a bad value gives the first page. */
export function parsePage(
  params: { page?: string; taille?: string },
  defaultSize = DEFAULT_PAGE_SIZE,
) {
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(params.page ?? 1);
  const size = z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .catch(defaultSize)
    .parse(params.taille ?? defaultSize);
  return { page, size, skip: (page - 1) * size };
}

export type Paged<T> = { items: T[]; total: number; page: number; size: number; pageCount: number };

export function paged<T>(items: T[], total: number, page: number, size: number): Paged<T> {
  return { items, total, page, size, pageCount: Math.max(1, Math.ceil(total / size)) };
}

/** A page asked for, as parsePage reads it from the address. */
export type PageRequest = { page: number; size: number; skip: number };

/**
 * One page of a list with the count of the whole list, read together: `rows` reads the window it is
 * given (Prisma's `skip` and `take`), `count` counts with the same filter.
 */
export async function readPage<T>(
  page: PageRequest,
  rows: (window: { skip: number; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Paged<T>> {
  const [items, total] = await Promise.all([rows({ skip: page.skip, take: page.size }), count()]);
  return paged(items, total, page.page, page.size);
}
