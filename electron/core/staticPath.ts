import path from 'node:path';

/**
 * URL path → file under the renderer folder, for both hosts (the browser host's static server
 * and Electron's app:// handler). Pure: it never touches the disk and never throws, whatever
 * the path, so one bad request cannot take a host down; the caller answers `status` itself.
 */
export type StaticPathResult =
  | { ok: true; file: string; /** The decoded URL path, e.g. "/assets/app.js". */ decoded: string }
  | { ok: false; status: 400 | 403; reason: string };

export interface StaticPathOptions {
  /**
   * Paths without a file extension are client-side views (the wall page): serve index.html
   * for them. Without it, only "…/" maps to index.html and the caller decides on fallbacks.
   */
  extensionlessToIndex?: boolean;
}

/** The path part of an HTTP request target ("/a/b?x#y" → "/a/b"); null when it is not origin-form. */
export function requestTargetPath(target: string | undefined): string | null {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) return null;
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** `pathname` is still percent-encoded, as it appears in the URL. */
export function resolveStaticPath(
  root: string,
  pathname: string,
  options: StaticPathOptions = {},
): StaticPathResult {
  if (!pathname.startsWith('/')) return { ok: false, status: 400, reason: 'path must start with /' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding in the path' };
  }
  // NUL ends a path for the OS and makes fs throw; no file of ours has one in its name.
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL in the path' };
  let rel = decoded;
  if (options.extensionlessToIndex && path.extname(rel) === '') rel = '/index.html';
  else if (rel.endsWith('/')) rel += 'index.html';
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, '.' + rel);
  // Decoding comes first, so %2e%2e and %2f cannot slip past this check.
  if (!file.startsWith(resolvedRoot + path.sep))
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  return { ok: true, file, decoded };
}
