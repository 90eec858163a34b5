/**
 * The cordon (三层查控圈) contract: options in, analysis out. The zod schemas live in
 * shared/cordon/schema.ts so that the console's host ↔ renderer contract reuses them unchanged
 * (shared/ may not import electron/); the input that is not JSON is typed in analyse.ts.
 */
export * from '../../../shared/cordon/schema';
