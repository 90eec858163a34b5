import { useEffect } from 'react';
import type { MapController, RouteCoords } from '../../map';
import { useConsoleApi, useConsoleState, useConsoleStore } from '../../app/ConsoleContext';

/**
 * Pushes console state into the map controller. Unit positions go straight from the feed
 * event to the controller, which coalesces them into one setData per frame.
 */
export function useMapSync(
  controller: MapController | null,
  highlightCameraIds: string[],
  highlightUnitIds: string[],
  route: RouteCoords | null = null,
): void {
  const api = useConsoleApi();
  const alerts = useConsoleState((s) => s.alerts);
  const units = useConsoleState((s) => s.units);
  const selectedId = useConsoleState((s) => s.selectedAlertId);
  const locale = useConsoleState((s) => s.settings?.locale ?? 'zh-CN');
  const store = useConsoleStore();
  const drawRequest = useConsoleState((s) => s.drawRequest);
  const cameraArea = useConsoleState((s) => s.cameraArea);

  useEffect(() => {
    if (drawRequest) controller?.drawArea(drawRequest, (area) => store.setCameraArea(area));
  }, [controller, drawRequest, store]);
  useEffect(() => {
    if (!cameraArea && !drawRequest) controller?.clearArea();
  }, [controller, cameraArea, drawRequest]);
  // The cordon's ring-1 polygon: drawn with the same tool, but it goes to the cordon, not the video wall.
  const cordonDraw = useConsoleState((s) => s.cordonDrawRequest);
  useEffect(() => {
    if (!cordonDraw || !controller) return;
    let finished = false;
    controller.drawArea('polygon', (area) => {
      finished = true;
      // Ring 1 itself shows the polygon once analysed; the draft outline is not kept.
      controller.clearArea();
      store.setCordonPolygon('polygon' in area ? area.polygon.map(([lng, lat]) => [lng, lat]) : null);
    });
    // Cancelled (panel closed, another alert, another ring-1 mode): stop the tool and drop the draft.
    return () => {
      if (!finished && !store.getState().drawRequest) controller.clearArea();
    };
  }, [controller, cordonDraw, store]);

  useEffect(() => controller?.setAlerts([...alerts.values()]), [controller, alerts]);
  useEffect(() => controller?.setUnits([...units.values()]), [controller, units]);
  // Camera states go to the map as changes only (65,000 cameras on a large city): all once, then
  // what each publication changed.
  useEffect(() => {
    if (!controller) return;
    controller.setCameraStatus(store.getState().cameraOnline.entries());
    return store.onCameraChanges((changes) => controller.setCameraStatus(changes));
  }, [controller, store]);
  useEffect(() => controller?.selectAlert(selectedId), [controller, selectedId]);
  useEffect(() => controller?.setLocale(locale), [controller, locale]);
  useEffect(() => controller?.highlightCameras(highlightCameraIds), [controller, highlightCameraIds]);
  useEffect(() => controller?.highlightUnits(highlightUnitIds), [controller, highlightUnitIds]);
  useEffect(() => controller?.setRoute(route), [controller, route]);
  useEffect(() => {
    if (!controller) return;
    return api.subscribe['units.positions']((positions) => controller.updateUnitPositions(positions));
  }, [api, controller]);
}
