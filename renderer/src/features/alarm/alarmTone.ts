/**
 * The urgent-alert alarm, synthesised with Web Audio: no audio file, nothing to download.
 * A two-tone "hi-lo" pattern like a police siren, short enough not to drown out a call.
 */
export interface AlarmTone {
  play(volume: number): Promise<boolean>;
  /** Whether the browser lets us make sound yet (autoplay policy may need one user gesture). */
  readonly ready: boolean;
  unlock(): Promise<void>;
  dispose(): void;
}

const PATTERN_HZ = [960, 770, 960, 770, 960, 770];
const NOTE_SECONDS = 0.22;

export function createAlarmTone(createContext: () => AudioContext = () => new AudioContext()): AlarmTone {
  let context: AudioContext | null = null;
  const ensure = () => (context ??= createContext());
  return {
    get ready() {
      return context?.state === 'running';
    },
    async unlock() {
      await ensure().resume();
    },
    async play(volume) {
      const ctx = ensure();
      if (ctx.state !== 'running') await ctx.resume().catch(() => undefined);
      if (ctx.state !== 'running') return false;
      const gain = ctx.createGain();
      gain.gain.value = Math.max(0, Math.min(1, volume)) * 0.4;
      gain.connect(ctx.destination);
      const start = ctx.currentTime + 0.02;
      PATTERN_HZ.forEach((hz, i) => {
        const osc = ctx.createOscillator();
        osc.type = 'square';
        osc.frequency.value = hz;
        osc.connect(gain);
        osc.start(start + i * NOTE_SECONDS);
        osc.stop(start + (i + 1) * NOTE_SECONDS - 0.02);
      });
      return true;
    },
    dispose() {
      void context?.close();
      context = null;
    },
  };
}
