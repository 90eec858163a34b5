import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../shared/contract/api';
import type { WallDisplay } from '../../../shared/contract/videoContract';
import { DEFAULT_SETTINGS } from '../settingsStore';
import { createWallDisplayHandlers, wallBounds, type WallScreens } from './wallDisplays';

const DISPLAYS: WallDisplay[] = [
  { id: '1', label: 'Built-in', primary: true, bounds: { x: 0, y: 0, width: 1920, height: 1040 } },
  { id: '2', label: 'Wall', primary: false, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
];

function setup(screens?: WallScreens) {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const updateSettings = vi.fn(async (patch: Partial<Settings>) => (settings = { ...settings, ...patch }));
  return {
    handlers: createWallDisplayHandlers({
      ...(screens ? { screens } : {}),
      settings: () => settings,
      updateSettings,
    }),
    updateSettings,
    settings: () => settings,
  };
}

const fakeScreens = (open = true) => ({
  list: () => DISPLAYS,
  open: vi.fn(async () => {}),
  place: vi.fn(() => open),
});

describe('the wall on its own screen', () => {
  it('finds the chosen display, or none when it is gone', () => {
    expect(wallBounds(DISPLAYS, '2')).toEqual(DISPLAYS[1]!.bounds);
    expect(wallBounds(DISPLAYS, '3')).toBeNull();
    expect(wallBounds(DISPLAYS, null)).toBeNull();
  });

  it('remembers the chosen display, moves the open wall there and opens it there next time', async () => {
    const screens = fakeScreens();
    const { handlers, settings } = setup(screens);
    expect(await handlers['wall.displays']()).toEqual({ displays: DISPLAYS, chosen: null });
    expect(await handlers['wall.placeOn']({ displayId: '2' })).toEqual({ displayId: '2', placed: true });
    expect(screens.place).toHaveBeenCalledWith(DISPLAYS[1]!.bounds);
    expect(settings().wallDisplay).toBe('2');
    expect((await handlers['wall.displays']()).chosen).toBe('2');
    await handlers['wall.open']();
    expect(screens.open).toHaveBeenCalledWith(DISPLAYS[1]!.bounds);
  });

  it('refuses a display that does not exist; back to "wherever it opens" with null', async () => {
    const screens = fakeScreens(false);
    const { handlers, updateSettings } = setup(screens);
    await expect(handlers['wall.placeOn']({ displayId: '9' })).rejects.toThrow(/no display 9/);
    expect(updateSettings).not.toHaveBeenCalled();
    expect(await handlers['wall.placeOn']({ displayId: null })).toEqual({ displayId: null, placed: false });
    await handlers['wall.open']();
    expect(screens.open).toHaveBeenCalledWith(null);
  });

  it('in the browser host lists no displays but remembers the choice the renderer made', async () => {
    const { handlers, settings } = setup();
    expect(await handlers['wall.displays']()).toEqual({ displays: [], chosen: null });
    expect(await handlers['wall.placeOn']({ displayId: '2560,0 2560×1440' })).toEqual({
      displayId: '2560,0 2560×1440',
      placed: false,
    });
    expect(settings().wallDisplay).toBe('2560,0 2560×1440');
    await expect(handlers['wall.open']()).rejects.toThrow(/window.open/);
  });
});
