import type { SnapshotImage } from '../../../../shared/contract/evidenceContract';

/** Why a frame could not be captured: no picture yet, or a cross-origin picture that taints the canvas. */
export class CaptureError extends Error {
  constructor(readonly reason: 'noFrame' | 'tainted') {
    super(reason);
  }
}

/**
 * The tile's current frame as a JPEG (canvas drawImage of the <video>), at most `maxWidth` wide.
 * hls.js and mpegts.js feed the video through Media Source Extensions from CORS-checked fetches,
 * so their frames are readable; a browser's native player fed from another origin without CORS
 * taints the canvas, which is reported as `tainted` rather than as a broken image.
 */
export function captureFrame(video: HTMLVideoElement, maxWidth = 1920): SnapshotImage {
  if (!video.videoWidth || !video.videoHeight || video.readyState < 2) throw new CaptureError('noFrame');
  const scale = Math.min(1, maxWidth / video.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new CaptureError('noFrame');
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  let url: string;
  try {
    url = canvas.toDataURL('image/jpeg', 0.85);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'SecurityError') throw new CaptureError('tainted');
    throw err;
  }
  return { mime: 'image/jpeg', dataBase64: url.slice(url.indexOf(',') + 1) };
}

/**
 * Captures as soon as the tile has a picture: now, or when the next one arrives (a live stream
 * briefly waiting for data holds none), giving up after `waitMs` with `noFrame`.
 */
export function captureNextFrame(video: HTMLVideoElement, waitMs = 5000): Promise<SnapshotImage> {
  if (video.readyState >= 2 && video.videoWidth) return Promise.resolve().then(() => captureFrame(video));
  return new Promise((resolve, reject) => {
    const events = ['loadeddata', 'canplay', 'playing', 'timeupdate'] as const;
    const done = () => {
      clearTimeout(timer);
      for (const e of events) video.removeEventListener(e, onEvent);
    };
    const onEvent = () => {
      if (video.readyState < 2 || !video.videoWidth) return;
      done();
      try {
        resolve(captureFrame(video));
      } catch (err) {
        reject(err);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new CaptureError('noFrame'));
    }, waitMs);
    for (const e of events) video.addEventListener(e, onEvent);
  });
}
