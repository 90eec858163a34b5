import { useTranslation } from 'react-i18next';
import type { SuspectProfile } from '../../../../shared/cordon/schema';
import { useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import type { CordonState, Ring1Mode } from './useCordon';

const PROFILES: SuspectProfile[] = ['car', 'motorbike', 'foot'];
const RING1_MODES: Ring1Mode[] = ['isochrone', 'district', 'polygon'];

/** A number field that only reports values inside [min, max] (typing "" or "-" is not an update). */
function NumberField({
  testId,
  label,
  value,
  min,
  max,
  step,
  onChange,
}: {
  testId: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(v: number): void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        data-testid={testId}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }}
      />
    </label>
  );
}

/**
 * Per-incident settings: how the suspect travels, ring 1 (road reach with a lead, the incident's
 * county, or a polygon drawn on the map), the ring-3 stretch and the checkpoint cover distance.
 */
export function CordonOptions({ cordon }: { cordon: CordonState }) {
  const { t } = useTranslation();
  const store = useConsoleStore();
  const drawing = useConsoleState((s) => s.cordonDrawRequest);
  const { settings, update } = cordon;
  const chooseRing1 = (mode: Ring1Mode) => {
    update({ ring1Mode: mode });
    // Choosing "drawn polygon" starts drawing straight away (keyboard: the select, then the map).
    if (mode === 'polygon') store.requestCordonDraw(true);
    else if (drawing) store.requestCordonDraw(false);
  };
  return (
    <div className="cordon-options">
      <label>
        {t('cordon.profile')}{' '}
        <select
          data-testid="cordon-profile"
          value={settings.profile}
          onChange={(e) => update({ profile: e.target.value as SuspectProfile })}
        >
          {PROFILES.map((p) => (
            <option key={p} value={p}>
              {t(`cordon.suspect.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cordon.ring1Mode')}{' '}
        <select
          data-testid="cordon-ring1-mode"
          value={settings.ring1Mode}
          onChange={(e) => chooseRing1(e.target.value as Ring1Mode)}
        >
          {RING1_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`cordon.ring1Modes.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {settings.ring1Mode === 'isochrone' ? (
        <NumberField
          testId="cordon-lead"
          label={t('cordon.lead')}
          value={settings.leadSeconds / 60}
          min={0}
          max={60}
          step={1}
          onChange={(m) => update({ leadSeconds: m * 60 })}
        />
      ) : null}
      {settings.ring1Mode === 'polygon' ? (
        <button
          type="button"
          data-testid="cordon-draw-ring1"
          aria-pressed={drawing}
          onClick={() => store.requestCordonDraw(!drawing)}
        >
          {drawing ? t('cordon.drawing') : t('cordon.redraw')}
        </button>
      ) : null}
      <NumberField
        testId="cordon-ring3-within"
        label={t('cordon.ring3Within')}
        value={settings.ring3WithinKm}
        min={1}
        max={500}
        step={5}
        onChange={(km) => update({ ring3WithinKm: km })}
      />
      <label>
        <input
          data-testid="cordon-ring3-shared"
          type="checkbox"
          checked={settings.ring3SharedOnly}
          onChange={(e) => update({ ring3SharedOnly: e.target.checked })}
        />{' '}
        {t('cordon.ring3Shared')}
      </label>
      <NumberField
        testId="cordon-radius"
        label={t('cordon.radius')}
        value={settings.checkpointRadiusMetres}
        min={10}
        max={5000}
        step={50}
        onChange={(m) => update({ checkpointRadiusMetres: m })}
      />
      {cordon.awaitingPolygon ? (
        <p className="panel-hint" data-testid="cordon-draw-hint">
          {t('cordon.drawHint')}
        </p>
      ) : null}
    </div>
  );
}
