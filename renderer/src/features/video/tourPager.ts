/** Tour intervals (seconds) the wall offers; the first is the default. */
export const TOUR_SECONDS = [10, 5, 15, 30, 60] as const;

export interface TourPage<T> {
  items: T[];
  /** 0-based page shown. */
  page: number;
  pages: number;
}

/**
 * Tour mode (轮巡): the camera group cut into pages of the wall's size, `step` pages on from the
 * first, wrapping round. One page (or none) means there is nothing to cycle.
 */
export function tourPage<T>(items: readonly T[], pageSize: number, step: number): TourPage<T> {
  const size = Math.max(1, Math.floor(pageSize));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = ((Math.floor(step) % pages) + pages) % pages;
  return { items: items.slice(page * size, page * size + size), page, pages };
}
