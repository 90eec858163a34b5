import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../../shared/domain/camera';

const SIZE = 18;
const R = SIZE / 2 - 1;

/** SVG path of a wedge from the centre, `heading` ± `fov`/2 degrees clockwise from north. */
export function conePath(heading: number, fov: number): string {
  const c = SIZE / 2;
  const at = (deg: number) => {
    const rad = (deg * Math.PI) / 180;
    return `${(c + R * Math.sin(rad)).toFixed(2)} ${(c - R * Math.cos(rad)).toFixed(2)}`;
  };
  const large = fov > 180 ? 1 : 0;
  return `M ${c} ${c} L ${at(heading - fov / 2)} A ${R} ${R} 0 ${large} 1 ${at(heading + fov / 2)} Z`;
}

/**
 * The camera's view as a small compass glyph beside its name: the wedge a fixed camera sees
 * (the same cone the map draws), or a full disc for a PTZ dome that can turn anywhere.
 */
export function CameraCone({
  camera,
  covers,
}: {
  camera: Pick<Camera, 'heading' | 'fov' | 'kind'>;
  covers: boolean;
}) {
  const { t } = useTranslation();
  const fixed = camera.heading !== null && camera.fov !== null && camera.fov < 360;
  const title = fixed
    ? t('cameras.cone', { heading: Math.round(camera.heading!), fov: Math.round(camera.fov!) })
    : t('cameras.pan360');
  return (
    <svg
      className={`camera-cone${covers ? ' covers' : ''}`}
      data-testid="camera-cone"
      data-heading={fixed ? camera.heading : ''}
      data-fov={fixed ? camera.fov : 360}
      data-covers={covers}
      width={SIZE}
      height={SIZE}
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      <circle cx={SIZE / 2} cy={SIZE / 2} r={R} className="camera-cone-ring" />
      {fixed ? (
        <path d={conePath(camera.heading!, camera.fov!)} className="camera-cone-wedge" />
      ) : (
        <circle cx={SIZE / 2} cy={SIZE / 2} r={R - 2} className="camera-cone-wedge" />
      )}
    </svg>
  );
}
