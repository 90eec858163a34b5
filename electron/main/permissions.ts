import type { Session } from 'electron';

/**
 * Web permissions of the console's windows. The console needs none: the urgent-alert alarm is an
 * AudioContext (allowed by the autoplay switch, not by a permission), video tiles are muted
 * <video> elements, and nothing uses fullscreen, clipboard, notifications, capture, geolocation
 * or device APIs. So every permission *request* (a prompt) and every permission *check* (what
 * navigator.permissions and many APIs ask before prompting) is refused, as is device access
 * (HID, USB, serial); screen capture has no handler, which Electron refuses. A future need goes
 * here, with its requesting origin checked.
 */
export function denyWebPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
