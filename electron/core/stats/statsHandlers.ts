import type { Db } from '../db/database';
import type { RequestHandlers } from '../../../shared/contract/api';
import type { PdfPrinter } from '../drill/pdfPrinter';
import { StatsService } from './statsService';
import { reportFileName, writeStatsReport } from './statsReport';

type StatsHandlers = Pick<RequestHandlers, 'stats.query' | 'stats.exportReport'>;

/** The statistics requests over the console database; reports go to the data folder's reports/. */
export function createStatsHandlers(options: {
  db: Db;
  dataDir: string;
  printPdf?: PdfPrinter;
  now?: () => Date;
}): StatsHandlers {
  const service = new StatsService(options.db, options.now ? { now: options.now } : {});
  return {
    'stats.query': async (request) => service.query(request),
    'stats.exportReport': async ({ format, ...request }) => {
      const result = service.query(request);
      return {
        path: await writeStatsReport(
          result,
          format,
          reportFileName(options.dataDir, result, format),
          options.printPdf,
        ),
      };
    },
  };
}
