import { describe, expect, it } from 'vitest';
import { denyWebPermissions } from './permissions';

/** A stand-in session that records the handlers it is given (no Electron binary needed). */
function recordingSession() {
  const handlers: {
    request?: (...args: any[]) => void;
    check?: (...args: any[]) => boolean;
    device?: (...args: any[]) => boolean;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: any) => void (handlers.request = h),
    setPermissionCheckHandler: (h: any) => void (handlers.check = h),
    setDevicePermissionHandler: (h: any) => void (handlers.device = h),
  };
  return { session, handlers };
}

describe('denyWebPermissions', () => {
  const { session, handlers } = recordingSession();
  denyWebPermissions(session);

  it('refuses every permission request, from our own origin too', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'fullscreen',
      'clipboard-read',
      'display-capture',
      'openExternal',
    ]) {
      const answers: boolean[] = [];
      handlers.request!(null, permission, (granted: boolean) => answers.push(granted), {
        requestingUrl: 'app://console/index.html',
      });
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check with false (not only requests)', () => {
    for (const permission of [
      'media',
      'clipboard-sanitized-write',
      'hid',
      'usb',
      'serial',
      'storage-access',
      'fileSystem',
    ]) {
      expect(handlers.check!(null, permission, 'app://console', { isMainFrame: true }), permission).toBe(
        false,
      );
    }
  });

  it('grants no device access', () => {
    expect(handlers.device!({ deviceType: 'usb', origin: 'app://console', device: {} })).toBe(false);
  });
});
