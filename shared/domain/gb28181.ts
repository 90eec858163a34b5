/**
 * GB/T 28181 device ids (20 digits):
 *
 *   centre code (8) = province (2) + city (2) + district (2) + grassroots unit (2)
 *   industry (2) + type (3) + network (1) + serial (6)
 *
 * e.g. 14990102 00 132 5 000035: Shanxi (14), city 99, district 01, unit 02; industry 00
 * (public-road security access); type 132 (IP camera); network 5 (public-security network).
 * Pure code: no Node or DOM imports.
 */

export interface Gb28181Id {
  id: string;
  centre: { code: string; province: string; city: string; district: string; unit: string };
  industry: string;
  /** Three-digit type code, e.g. 131 camera, 132 IP camera, 118 NVR. */
  type: string;
  /** Human-readable name of the type code, or null for an extension code the standard leaves open. */
  typeName: string | null;
  network: number;
  networkName: string;
  serial: string;
}

/** Administrative province codes (GB/T 2260 first two digits). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Named type codes; 111–199 front-end/peripheral devices, 200–299 platform, 300–399 users, 400–499 terminals. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  '111': 'DVR',
  '112': 'video server',
  '113': 'encoder',
  '114': 'decoder',
  '115': 'video switching matrix',
  '116': 'audio switching matrix',
  '117': 'alarm controller',
  '118': 'NVR',
  '130': 'hybrid video recorder',
  '131': 'camera',
  '132': 'IP camera',
  '133': 'display',
  '134': 'alarm input',
  '135': 'alarm output',
  '136': 'voice input',
  '137': 'voice output',
  '138': 'mobile transmission device',
  '139': 'other peripheral',
  '200': 'central signalling control server',
  '201': 'web application server',
  '202': 'media distribution server',
  '203': 'proxy server',
  '204': 'security server',
  '205': 'alarm server',
  '206': 'database server',
  '207': 'GIS server',
  '208': 'management server',
  '209': 'access gateway',
  '210': 'media storage server',
  '211': 'signalling security router',
  '215': 'business group',
  '216': 'virtual organisation',
  '300': 'central user',
  '400': 'terminal user',
};

const NETWORK_NAMES = [
  'monitoring private network',
  'monitoring private network',
  'monitoring private network',
  'monitoring private network',
  'monitoring private network',
  'public-security network',
  'government network',
  'internet',
  'social resources',
];

/** Type codes that name a video source a console can play. */
export const VIDEO_SOURCE_TYPES: ReadonlySet<string> = new Set(['131', '132']);

export class Gb28181IdError extends Error {
  constructor(
    readonly id: string,
    reason: string,
  ) {
    super(`invalid GB/T 28181 device id "${id}": ${reason}`);
    this.name = 'Gb28181IdError';
  }
}

/** Parses and validates an id; throws Gb28181IdError naming the first problem found. */
export function parseGb28181Id(id: string): Gb28181Id {
  if (typeof id !== 'string') throw new Gb28181IdError(String(id), 'not a string');
  if (id.length !== 20) throw new Gb28181IdError(id, `must be 20 digits, got ${id.length} characters`);
  const bad = id.search(/\D/);
  if (bad >= 0)
    throw new Gb28181IdError(id, `must be digits only, found "${id[bad]}" at position ${bad + 1}`);
  const province = id.slice(0, 2);
  if (!PROVINCES.has(province))
    throw new Gb28181IdError(id, `centre code: ${province} is not a province code (digits 1–2)`);
  const type = id.slice(10, 13);
  const typeNumber = Number(type);
  if (typeNumber < 111 || typeNumber > 499)
    throw new Gb28181IdError(id, `type code ${type} (digits 11–13) is outside 111–499`);
  const network = Number(id[13]);
  if (network > 8) throw new Gb28181IdError(id, `network id ${network} (digit 14) is reserved; expected 0–8`);
  return {
    id,
    centre: {
      code: id.slice(0, 8),
      province,
      city: id.slice(2, 4),
      district: id.slice(4, 6),
      unit: id.slice(6, 8),
    },
    industry: id.slice(8, 10),
    type,
    typeName: TYPE_NAMES[type] ?? null,
    network,
    networkName: NETWORK_NAMES[network]!,
    serial: id.slice(14, 20),
  };
}

/** Null when valid, otherwise the reason (without throwing). */
export function gb28181IdProblem(id: string): string | null {
  try {
    parseGb28181Id(id);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** True for ids whose type code is a camera (131) or IP camera (132). */
export function isVideoSourceId(id: string): boolean {
  return gb28181IdProblem(id) === null && VIDEO_SOURCE_TYPES.has(id.slice(10, 13));
}
