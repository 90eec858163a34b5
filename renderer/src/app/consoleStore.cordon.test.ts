import { describe, expect, it } from 'vitest';
import { ConsoleStore } from './consoleStore';

describe('console store: camera list override and cordon drawing', () => {
  it('named cameras replace a drawn area on the wall, and the other way round; selecting an alert clears both', () => {
    const store = new ConsoleStore((cb) => cb());
    store.setCameraArea({ circle: { lng: 112.85, lat: 35.5, radiusM: 100 } });
    store.showCameras(['A', 'B'], { lng: 112.9, lat: 35.6 });
    expect(store.getState().cameraList).toEqual({ ids: ['A', 'B'], point: { lng: 112.9, lat: 35.6 } });
    expect(store.getState().cameraArea).toBeNull();
    store.setCameraArea({ circle: { lng: 112.85, lat: 35.5, radiusM: 100 } });
    expect(store.getState().cameraList).toBeNull();
    store.showCameras([]);
    expect(store.getState().cameraList).toBeNull();
    store.showCameras(['A']);
    store.selectAlert('X');
    expect(store.getState().cameraList).toBeNull();
  });

  it('the cordon draw request is its own: it does not fill the video wall, and a drawn polygon ends it', () => {
    const store = new ConsoleStore((cb) => cb());
    store.requestAreaDraw('circle');
    store.requestCordonDraw(true);
    expect(store.getState()).toMatchObject({ cordonDrawRequest: true, drawRequest: null, cameraArea: null });
    store.setCordonPolygon([
      [1, 1],
      [2, 1],
      [2, 2],
    ]);
    expect(store.getState()).toMatchObject({
      cordonDrawRequest: false,
      cordonPolygon: [
        [1, 1],
        [2, 1],
        [2, 2],
      ],
      cameraArea: null,
    });
    store.selectAlert('Y');
    expect(store.getState().cordonPolygon).toBeNull();
  });
});
