/** All CLI commands. Adding one = one module under commands/ plus one line here. */
import type { CliCommand } from './commands/types';
import { packBuildCommand } from './commands/packBuild';
import { etaCommand } from './commands/eta';
import { cordonCommand } from './commands/cordon';
import { auditVerifyCommand } from './commands/audit';
import { drillRecordCommand } from './commands/drillRecord';
import { accountsCommands } from './commands/accounts';
import { importCommand } from './commands/import';
import { reportCommand } from './commands/report';

export const COMMANDS: readonly CliCommand[] = [
  packBuildCommand,
  etaCommand,
  auditVerifyCommand,
  cordonCommand,
  drillRecordCommand,
  importCommand,
  reportCommand,
  ...accountsCommands(),
];
