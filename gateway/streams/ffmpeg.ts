import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** ffmpeg command lines for the demo's live test-pattern streams (HLS and HTTP-FLV). */

/** Looks `name` up on PATH (or checks it directly when it contains a slash). */
export function findExecutable(name: string): string | null {
  const candidates = name.includes('/') ? [name] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, name));
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

/** Escapes a value for an ffmpeg filtergraph option inside single quotes. */
const filterPath = (p: string): string => p.replace(/\\/g, '/').replace(/'/g, "'\\''").replace(/:/g, '\\:');

/** The test-pattern source and H.264 encoder shared by the HLS and HTTP-FLV outputs. */
export function encoderArgs(textFile: string | null, fontFile: string | null): string[] {
  const filters = ['format=yuv420p'];
  if (fontFile && textFile) {
    const font = `fontfile='${filterPath(fontFile)}'`;
    filters.push(`drawtext=${font}:textfile='${filterPath(textFile)}':x=8:y=8:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=4`);
    filters.push(`drawtext=${font}:text='%{localtime\\:%T}':x=8:y=h-th-10:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=4`);
  }
  return [
    '-hide_banner',
    '-loglevel', 'error',
    '-nostdin',
    '-re',
    '-f', 'lavfi',
    '-i', 'testsrc2=size=320x180:rate=10',
    '-vf', filters.join(','),
    '-c:v', 'libx264',
    '-profile:v', 'baseline',
    '-preset', 'ultrafast',
    '-tune', 'zerolatency',
    '-g', '10',
    '-keyint_min', '10',
    '-sc_threshold', '0',
    '-b:v', '200k',
  ];
}

export function ffmpegArgs(dir: string, textFile: string | null, fontFile: string | null): string[] {
  return [
    ...encoderArgs(textFile, fontFile),
    '-f', 'hls',
    '-hls_time', '1',
    '-hls_list_size', '6',
    // Segments stay on disk well after they leave the playlist: a player that fell behind (busy
    // machine) still gets the segment it was promised instead of a 404.
    '-hls_delete_threshold', '20',
    '-hls_flags', 'delete_segments+temp_file+independent_segments',
    '-hls_segment_filename', path.join(dir, 'seg%05d.ts'),
    path.join(dir, 'index.m3u8'),
  ];
}

