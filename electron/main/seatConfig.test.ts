import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveGatewaySeat, SEAT_FILE, SeatConfigError } from './seatConfig';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function userDataDir(seat?: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seat-'));
  dirs.push(dir);
  if (seat !== undefined)
    writeFileSync(path.join(dir, SEAT_FILE), typeof seat === 'string' ? seat : JSON.stringify(seat));
  return dir;
}

describe('resolveGatewaySeat', () => {
  it('refuses to start a packaged console without a configured token, naming the file to write', () => {
    const dir = userDataDir();
    const attempt = () => resolveGatewaySeat({}, { packaged: true, userDataDir: dir });
    expect(attempt).toThrow(SeatConfigError);
    expect(attempt).toThrow(path.join(dir, SEAT_FILE));
    expect(attempt).toThrow(/no demo token/);
  });

  it('refuses a packaged console given a gateway but no token (no demo-token fallback)', () => {
    expect(() =>
      resolveGatewaySeat({ gateway: 'http://10.0.0.5:7410' }, { packaged: true, userDataDir: userDataDir() }),
    ).toThrow(SeatConfigError);
  });

  it("reads a packaged seat's gateway and token from seat.json", () => {
    const dir = userDataDir({ gateway: 'https://gw.city.example:7410', token: 's3cret-token' });
    expect(resolveGatewaySeat({}, { packaged: true, userDataDir: dir })).toEqual({
      gatewayUrl: 'https://gw.city.example:7410',
      token: 's3cret-token',
    });
  });

  it('lets command-line options override seat.json', () => {
    const dir = userDataDir({ gateway: 'https://gw.city.example:7410', token: 's3cret-token' });
    expect(
      resolveGatewaySeat(
        { gateway: 'http://127.0.0.1:9000', token: 'other' },
        { packaged: true, userDataDir: dir },
      ),
    ).toEqual({ gatewayUrl: 'http://127.0.0.1:9000', token: 'other' });
  });

  it('keeps the drill gateway defaults for a development checkout only', () => {
    expect(resolveGatewaySeat({}, { packaged: false, userDataDir: userDataDir() })).toEqual({
      gatewayUrl: 'http://127.0.0.1:7410',
      token: 'demo-token',
    });
  });

  it('rejects a seat file that is not JSON, has unknown or missing fields, or a non-http gateway', () => {
    const bad = [
      '{"gateway": ',
      { gateway: 'http://gw:7410' },
      { gateway: 'http://gw:7410', token: 't', tokn: 'x' },
      { gateway: 'file:///etc/passwd', token: 't' },
    ];
    for (const seat of bad) {
      expect(
        () => resolveGatewaySeat({}, { packaged: true, userDataDir: userDataDir(seat) }),
        JSON.stringify(seat),
      ).toThrow(SeatConfigError);
    }
  });

  it('rejects a --gateway that is not an http(s) URL', () => {
    expect(() =>
      resolveGatewaySeat({ gateway: 'gw:7410', token: 't' }, { packaged: false, userDataDir: userDataDir() }),
    ).toThrow(/http\(s\) URL/);
  });
});
