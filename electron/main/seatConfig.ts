import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_GATEWAY_URL, DEMO_GATEWAY_TOKEN } from '../../shared/protocol/gatewayDefaults';

/** The command-centre gateway a console seat connects to, and the shared secret it presents. */
export interface GatewaySeat {
  gatewayUrl: string;
  token: string;
}

/**
 * An installed console's gateway settings, in its user-data folder: a desktop launcher passes no
 * arguments, and a token on the command line is visible to every user of the machine.
 */
export const SEAT_FILE = 'seat.json';

const SeatFileSchema = z.strictObject({
  gateway: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
});

/** Only for a development checkout: the drill gateway `npm start` runs on loopback. */
const DEVELOPMENT_SEAT: GatewaySeat = { gatewayUrl: DEFAULT_GATEWAY_URL, token: DEMO_GATEWAY_TOKEN };

export class SeatConfigError extends Error {
  override name = 'SeatConfigError';
}

/**
 * Command-line --gateway/--token first, then seat.json. A development checkout falls back to the
 * drill gateway's demo token; a packaged console never does: it refuses to start, saying how to
 * configure it, rather than present a publicly known token to a real gateway.
 */
export function resolveGatewaySeat(
  args: { gateway?: unknown; token?: unknown },
  options: { packaged: boolean; userDataDir: string },
): GatewaySeat {
  const file = path.join(options.userDataDir, SEAT_FILE);
  const fromFile = readSeatFile(file);
  const gatewayUrl =
    stringOrUndefined(args.gateway) ??
    fromFile?.gateway ??
    (options.packaged ? undefined : DEVELOPMENT_SEAT.gatewayUrl);
  const token =
    stringOrUndefined(args.token) ??
    fromFile?.token ??
    (options.packaged ? undefined : DEVELOPMENT_SEAT.token);
  if (gatewayUrl === undefined || token === undefined) {
    throw new SeatConfigError(
      [
        '未配置指挥中心网关：安装版不使用演示令牌。',
        'No command-centre gateway is configured: an installed console has no demo token.',
        '',
        `Write ${file} (readable only by this user) as`,
        '  {"gateway": "http://GATEWAY-HOST:7410", "token": "THE-GATEWAY-TOKEN"}',
        'or start the console with --gateway URL --token TOKEN.',
      ].join('\n'),
    );
  }
  if (!URL.canParse(gatewayUrl) || !/^https?:$/.test(new URL(gatewayUrl).protocol))
    throw new SeatConfigError(`--gateway must be an http(s) URL, got "${gatewayUrl}"`);
  return { gatewayUrl, token };
}

function readSeatFile(file: string): z.infer<typeof SeatFileSchema> | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SeatConfigError(`${file} cannot be read as JSON: ${(err as Error).message}`);
  }
  const parsed = SeatFileSchema.safeParse(json);
  if (!parsed.success)
    throw new SeatConfigError(
      `${file} is not a seat file ({"gateway": "http(s)://…", "token": "…"}): ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
