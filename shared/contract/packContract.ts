import { z } from 'zod';
import { PackProvenanceReportSchema } from '../citypack/packHealth';

/**
 * The city pack's provenance (settings panel): layer counts, where each layer came from and when,
 * and warnings for empty layers. Merged into requestContract in ./api.ts.
 */
export const packRequests = {
  'city.provenance': { args: z.tuple([]), result: PackProvenanceReportSchema },
} as const;
