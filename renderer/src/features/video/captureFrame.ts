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
