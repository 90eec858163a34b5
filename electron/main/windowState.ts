import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { z } from 'zod';

const WindowStateSchema = z.object({
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number().min(400), height: z.number().min(300) }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
type WindowState = z.infer<typeof WindowStateSchema>;

const DEFAULT_BOUNDS = { width: 1600, height: 1000 };

/** Restores size and monitor; a remembered monitor that is gone falls back to the primary. */
export function loadWindowState(
  userDataDir: string,
): Partial<Rectangle> & { maximized: boolean; fullScreen: boolean } {
  try {
    const state = WindowStateSchema.parse(
      JSON.parse(readFileSync(path.join(userDataDir, 'window-state.json'), 'utf8')),
    );
    const visible = screen.getAllDisplays().some((d) => intersects(d.workArea, state.bounds));
    return visible
      ? { ...state.bounds, maximized: state.maximized, fullScreen: state.fullScreen }
      : { ...DEFAULT_BOUNDS, maximized: state.maximized, fullScreen: false };
  } catch {
    return { ...DEFAULT_BOUNDS, maximized: false, fullScreen: false };
  }
}

export function trackWindowState(win: BrowserWindow, userDataDir: string): void {
  const save = () => {
    const state: WindowState = {
      bounds: win.getNormalBounds(),
      maximized: win.isMaximized(),
      fullScreen: win.isFullScreen(),
    };
    writeFileSync(path.join(userDataDir, 'window-state.json'), JSON.stringify(state));
  };
  win.on('close', save);
}

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
