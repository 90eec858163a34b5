import { describe, expect, it } from 'vitest';
import { bindRequestHandlers, ContractViolation, type ValidatedHandler } from './bridge';
import type { RequestHandlers } from './api';
import { requestChannel } from './channels';

describe('contract bridge: text is passed on exactly or refused', () => {
  it('refuses arguments holding a lone surrogate before the handler runs, naming where', async () => {
    const seen: unknown[] = [];
    const registered = new Map<string, ValidatedHandler>();
    const handlers = {
      'alerts.act': async (args: unknown) => (seen.push(args), null),
    } as unknown as RequestHandlers;
    bindRequestHandlers(handlers, (channel, _name, handler) => registered.set(channel, handler));
    const act = registered.get(requestChannel('alerts.act'))!;
    const refused = act([{ alertId: 'A-1', action: { type: 'resolve', result: '已处置\uDC00' } }]);
    await expect(refused).rejects.toThrow(ContractViolation);
    await expect(refused).rejects.toThrow(/\[0\]\.action\.result holds a lone UTF-16 surrogate \(U\+DC00\)/);
    expect(seen).toEqual([]);
    // The same text, well-formed (with a surrogate pair), goes through untouched.
    await act([{ alertId: 'A-1', action: { type: 'resolve', result: '已处置 𠀀' } }]);
    expect(seen).toEqual([{ alertId: 'A-1', action: { type: 'resolve', result: '已处置 𠀀' } }]);
  });
});
