import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { fromWgs84 } from '../../shared/domain/coords';
import { runCli } from '../../electron/cli/main';
import { expect, mapDebug, openConsole, test } from './fixtures';
import { ROOT } from './processes';
import { scenarioAlert } from './stack';

const NEW_CAMERAS = 12;
const UNITS = 6;

/** Runs `npm run cli -- import …` in process; fails the test with the CLI's stderr on a non-zero exit. */
async function cliImport(...argv: string[]): Promise<void> {
  const err: string[] = [];
  const code = await runCli(['import', ...argv], {
    stdout: () => undefined,
    stderr: (t) => void err.push(t),
  });
  expect(code, err.join('')).toBe(0);
}

test('a console on a pack whose inventories were imported shows its cameras and units, its provenance, and runs a cordon', async ({
  stack,
  consolePage: page,
}) => {
  // Two imports, then a gateway and a host building the copied pack's routing graph from scratch.
  test.setTimeout(100_000); // 30 s at load 9-12 on two cores
  const pack = path.join(stack.dir, 'pack');
  cpSync(path.join(ROOT, 'resources', 'city', 'demo'), pack, { recursive: true });

  // Cameras: the demo's bayonets (the checkpoints name them) plus new ones near the centre, GCJ-02.
  const demoCsv = Papa.parse<string[]>(
    readFileSync(path.join(ROOT, 'resources', 'city', 'demo-inventory', 'cameras.csv'), 'utf8'),
    { skipEmptyLines: true },
  ).data;
  const [header, ...rows] = demoCsv;
  const bayonets = rows.filter((r) => r[2] === '卡口');
  const fresh = Array.from({ length: NEW_CAMERAS }, (_, i) => {
    const g = fromWgs84({ lng: 112.845 + i * 0.001, lat: 35.5 }, 'GCJ02');
    return [
      `14990101001325${String(900 + i).padStart(6, '0')}`,
      `导入测试点位${i + 1}`,
      '枪机',
      '一类',
      g.lng.toFixed(7),
      g.lat.toFixed(7),
      '90',
      '70',
      '100',
      '',
      '在线',
    ];
  });
  const camerasCsv = path.join(stack.dir, 'cameras.csv');
  writeFileSync(camerasCsv, Papa.unparse({ fields: header!, data: [...bayonets, ...fresh] }));
  await cliImport('cameras', '--pack', pack, '--file', camerasCsv, '--crs', 'gcj02');

  // Units: a smaller roster in BD-09 (Baidu map picks), districts by name.
  const demoUnits = JSON.parse(readFileSync(path.join(pack, 'units.json'), 'utf8')) as {
    home: { lng: number; lat: number };
  }[];
  const districts = (
    JSON.parse(readFileSync(path.join(pack, 'districts.geojson'), 'utf8')) as {
      features: { properties: { name: string } }[];
    }
  ).features;
  const unitsCsv = path.join(stack.dir, 'units.csv');
  const unitRows = demoUnits.slice(0, UNITS).map((u, i) => {
    const b = fromWgs84(u.home, 'BD09');
    return [
      `N${i + 1}`,
      `导入${i + 1}车`,
      '巡逻车',
      districts[i]!.properties.name,
      b.lng.toFixed(7),
      b.lat.toFixed(7),
    ];
  });
  writeFileSync(
    unitsCsv,
    Papa.unparse({ fields: ['编号', '呼号', '类型', '所属巡区', '经度', '纬度'], data: unitRows }),
  );
  await cliImport('units', '--pack', pack, '--file', unitsCsv, '--crs', 'bd09');

  stack.packDir = pack;
  await openConsole(stack, page, [1], 3600, 10);
  const cameras = bayonets.length + NEW_CAMERAS;
  await expect
    .poll(async () => (await mapDebug(page))?.counts['cameras'] ?? 0, { timeout: 20_000 })
    .toBe(cameras);
  await expect
    .poll(async () => (await mapDebug(page))?.counts['units'] ?? 0, { timeout: 20_000 })
    .toBe(UNITS);

  await page.getByTestId('pack-provenance-toggle').click();
  const panel = page.getByTestId('pack-provenance');
  await expect(panel.getByTestId('pack-layer-cameras')).toHaveAttribute('data-count', String(cameras));
  await expect(panel.getByTestId('pack-layer-units')).toHaveAttribute('data-count', String(UNITS));
  await expect(panel.getByTestId('pack-layer-cameras')).toContainText('cameras.csv');
  await expect(panel.getByTestId('pack-layer-units')).toContainText('BD09');
  // None of the imported cameras has a stream: the panel says so.
  await expect(panel.locator('[data-testid=pack-warning][data-code=noStreams]')).toBeVisible();
  await page.getByTestId('pack-provenance-toggle').click();

  const alertId = '110-E2E-IMPORTED';
  await stack.inject(
    'alert',
    scenarioAlert(3, {
      id: alertId,
      category: 'robbery',
      priority: 1,
      reportedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      location: { lng: 112.85, lat: 35.5, crs: 'WGS84' },
    }),
  );
  await page.locator(`[data-testid=alert-item][data-alert-id="${alertId}"]`).click();
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', alertId);
  await expect(
    page.getByTestId('camera-list').getByTestId('camera-item').filter({ hasText: '导入测试点位' }).first(),
  ).toBeVisible();
  await expect(
    page.getByTestId('unit-list').getByTestId('unit-item').filter({ hasText: '导入' }).first(),
  ).toBeVisible({ timeout: 30_000 });
  expect(await page.getByTestId('unit-item').count()).toBeLessThanOrEqual(UNITS);
  await page.keyboard.press('q');
  const cordon = page.getByTestId('cordon-panel');
  await expect(cordon).toBeVisible();
  await expect(cordon.getByTestId('cordon-ring')).toHaveCount(3);
  expect(await cordon.getByTestId('cordon-gap').count()).toBeGreaterThan(0);
});
