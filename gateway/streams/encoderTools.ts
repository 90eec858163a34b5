/**
 * The host's ffmpeg and on-screen font, each looked up once on first use (not at start-up, so a
 * gateway without ffmpeg still starts and serves everything but video) and warned about once.
 */
import { findCjkFont, findExecutable, hasDrawtext } from './ffmpeg';

export class EncoderTools {
  private ffmpegPath: string | null | undefined;
  private fontFile: string | null | undefined;
  private warnedMissing = false;

  constructor(
    private readonly options: {
      /** Executable name or path. Default "ffmpeg" from PATH. */
      ffmpeg?: string;
      /** Font for the on-screen text; default fontconfig's Noto Sans CJK, otherwise no text. */
      fontFile?: string | null;
      warn: (message: string) => void;
    },
  ) {}

  /** ffmpeg's path, or null when it is not installed. */
  ffmpeg(): string | null {
    if (this.ffmpegPath === undefined) this.ffmpegPath = findExecutable(this.options.ffmpeg ?? 'ffmpeg');
    if (this.ffmpegPath === null && !this.warnedMissing) {
      this.warnedMissing = true;
      this.options.warn(
        `gateway: ffmpeg not found (${this.options.ffmpeg ?? 'ffmpeg'} on PATH); /streams/* answers 503 until it is installed`,
      );
    }
    return this.ffmpegPath;
  }

  /** The font for the on-screen text; null (plain picture) without drawtext or a CJK font. */
  font(ffmpeg: string): string | null {
    if (this.fontFile !== undefined) return this.fontFile;
    if (this.options.fontFile !== undefined) return (this.fontFile = this.options.fontFile);
    this.fontFile = hasDrawtext(ffmpeg) ? findCjkFont() : null;
    if (this.fontFile === null)
      this.options.warn(
        'gateway: no drawtext filter or CJK font; synthetic streams carry no camera name or clock',
      );
    return this.fontFile;
  }
}
