import { accessSync, constants, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** ffmpeg command lines for the demo's synthetic camera streams (HLS, HTTP-FLV, look-back). */

/** Looks `name` up on PATH (or checks it directly when it contains a slash). */
export function findExecutable(name: string): string | null {
  const candidates = name.includes('/')
    ? [name]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((d) => path.join(d, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

/** Picture size and rate of every synthetic stream: small and slow, so many encoders fit on one CPU. */
export interface EncoderProfile {
  width: number;
  height: number;
  fps: number;
}
export const DEFAULT_PROFILE: EncoderProfile = { width: 320, height: 180, fps: 8 };

/** Parses `--stream-size 160x120`; throws a clear error for anything else. */
export function parseSize(text: string): { width: number; height: number } {
  const m = /^(\d{2,4})x(\d{2,4})$/.exec(text);
  if (!m) throw new Error(`stream size must look like 320x180, got "${text}"`);
  const [width, height] = [Number(m[1]), Number(m[2])];
  if (width % 2 || height % 2) throw new Error(`stream size must be even (H.264 4:2:0), got ${text}`);
  return { width, height };
}

const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** The CJK font for the on-screen text: fontconfig's match for Noto Sans CJK SC, else the Debian path, else none. */
export function findCjkFont(): string | null {
  try {
    const file = execFileSync('fc-match', ['-f', '%{file}', 'Noto Sans CJK SC'], {
      encoding: 'utf8',
      timeout: 3000,
    }).trim();
    if (file && /cjk/i.test(file) && existsSync(file)) return file;
  } catch {
    // fontconfig missing: try the packaged path
  }
  return existsSync(NOTO_CJK) ? NOTO_CJK : null;
}

/** Whether this ffmpeg was built with drawtext (libfreetype); without it the picture has no text. */
export function hasDrawtext(ffmpeg: string): boolean {
  try {
    return / drawtext /.test(
      execFileSync(ffmpeg, ['-hide_banner', '-filters'], { encoding: 'utf8', timeout: 5000 }),
    );
  } catch {
    return false;
  }
}

/** Escapes a value for an ffmpeg filtergraph option inside single quotes. */
const filterPath = (p: string): string => p.replace(/\\/g, '/').replace(/'/g, "'\\''").replace(/:/g, '\\:');

/**
 * The text a synthetic camera shows: its name, its GB/T 28181 id and a running clock. Live
 * streams show the wall clock; a look-back stream starting at `fromEpochSec` shows that moment
 * plus the time played, so a tester sees which camera, that it moves, and which time it shows.
 */
export function overlayText(
  camera: { id: string; name: string; kind: string },
  fromEpochSec: number | null,
): string {
  // drawtext expands %{...} in the text file; % elsewhere must be doubled.
  const safe = (s: string) => s.replace(/%/g, '%%');
  const clock =
    fromEpochSec === null ? '%{localtime:%Y-%m-%d %T}' : `回放 %{pts:localtime:${Math.floor(fromEpochSec)}}`;
  return `${safe(camera.name)}\n${camera.id} ${safe(camera.kind)}\n${clock}`;
}

/** The synthetic source and the H.264 encoder shared by every output. */
export function encoderArgs(
  textFile: string | null,
  fontFile: string | null,
  profile: EncoderProfile = DEFAULT_PROFILE,
): string[] {
  const filters = ['format=yuv420p'];
  if (fontFile && textFile) {
    const size = Math.max(9, Math.round(profile.height / 12));
    filters.push(
      `drawtext=fontfile='${filterPath(fontFile)}':textfile='${filterPath(textFile)}':x=4:y=4:fontsize=${size}:line_spacing=2:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=3`,
    );
  }
  const gop = String(profile.fps);
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${profile.width}x${profile.height}:rate=${profile.fps}`,
    '-vf',
    filters.join(','),
    '-c:v',
    'libx264',
    '-profile:v',
    'baseline',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    // One keyframe a second: 1 s segments and a quick first picture.
    '-g',
    gop,
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    '-b:v',
    `${Math.round((profile.width * profile.height * profile.fps) / 2300)}k`,
  ];
}

/** Live HLS: a short sliding playlist with program date times. */
export function ffmpegArgs(
  dir: string,
  textFile: string | null,
  fontFile: string | null,
  profile: EncoderProfile = DEFAULT_PROFILE,
): string[] {
  return [
    ...encoderArgs(textFile, fontFile, profile),
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_list_size',
    '6',
    // Segments stay on disk well after they leave the playlist: a player that fell behind (busy
    // machine) still gets the segment it was promised instead of a 404.
    '-hls_delete_threshold',
    '20',
    '-hls_flags',
    'delete_segments+temp_file+independent_segments+program_date_time',
    '-hls_segment_filename',
    path.join(dir, 'seg%05d.ts'),
    path.join(dir, 'index.m3u8'),
  ];
}

/** Look-back HLS: an EVENT playlist that keeps every segment from the chosen start. */
export function playbackArgs(
  dir: string,
  textFile: string | null,
  fontFile: string | null,
  profile: EncoderProfile = DEFAULT_PROFILE,
): string[] {
  return [
    ...encoderArgs(textFile, fontFile, profile),
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_list_size',
    '0',
    '-hls_playlist_type',
    'event',
    '-hls_flags',
    'temp_file+independent_segments',
    '-hls_segment_filename',
    path.join(dir, 'seg%05d.ts'),
    path.join(dir, 'index.m3u8'),
  ];
}
