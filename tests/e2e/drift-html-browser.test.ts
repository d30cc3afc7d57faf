import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, ROOT, runBin } from '../helpers/bins.js';

/**
 * The HTML report as a person sees it: rendered by headless Chromium (Debian's `chromium`, which
 * .ci/run installs when missing), driven by playwright-core. Skipped, with the reason printed, only
 * when no browser can be found.
 */
const CANDIDATES = [
  process.env.MLOPS_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((path): path is string => path !== undefined && path !== '');
const executablePath = CANDIDATES.find((path) => existsSync(path));
if (executablePath === undefined)
  console.warn(
    `drift-html-browser: SKIPPED, no Chromium found (looked for ${CANDIDATES.join(', ')}); install Debian's chromium package or set MLOPS_CHROMIUM`,
  );

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** The docs' screenshot, rewritten only when asked (MLOPS_UPDATE_SCREENSHOTS=1): a run must not change tracked files. */
const DOCS_SCREENSHOT = join(ROOT, 'docs/img/drift-report.png');
const updateScreenshot = process.env.MLOPS_UPDATE_SCREENSHOTS === '1';

interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

describe.skipIf(executablePath === undefined)('the HTML report in Chromium', () => {
  let browser: Browser;
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    temp = makeTempDir('mlops-drift-browser-');
    browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    temp?.cleanup();
  });

  /** Opens a file in a fresh page, recording console errors, page errors, requests and dialogs. */
  async function open(file: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Watched> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 }, ...options });
    const watched: Watched = { page, errors: [], requests: [], dialogs: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') watched.errors.push(message.text());
    });
    page.on('pageerror', (error) => watched.errors.push(error.message));
    page.on('request', (request) => watched.requests.push(request.url()));
    page.on('dialog', (dialog) => {
      watched.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForTimeout(200); // anything deferred would have run by now
    return watched;
  }

  function report(args: string[], name: string): string {
    const file = join(temp.dir, name);
    // A fixed time, so that the screenshot changes only when the page does.
    const result = runBin('drift-detector', [...args, '--html', file], {
      env: { SOURCE_DATE_EPOCH: '1798761600' },
    });
    expect(result.code, result.stderr).toBe(1);
    return file;
  }

  const names = (page: Page) =>
    page.$$eval('#columns tbody tr', (rows) => rows.map((row) => row.cells[0]!.textContent));

  it('shows the README example: no error, no request, one chart per column, sortable, filterable', async () => {
    const file = report(
      ['--reference', 'fixtures/drift/reference.csv', '--current', 'fixtures/drift/current.csv'],
      'report.html',
    );
    const { page, errors, requests, dialogs } = await open(file);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);

    expect(await page.locator('figure.chart').count()).toBe(6);
    expect(await page.locator('figure.chart svg.chart-svg').count()).toBe(6);
    expect(await page.locator('#columns tbody tr').count()).toBe(6);
    expect(await page.locator('#columns tbody tr.drifted').count()).toBe(2);
    expect(await page.locator('#verdict').textContent()).toContain('Drift alert');

    // The page opens in the report's order (most drifted first); clicking a header sorts by it.
    const initial = await names(page);
    expect(initial).toEqual([
      'monthly_spend',
      'plan',
      'customer_age',
      'sessions_per_week',
      'tenure_months',
      'country',
    ]);
    await page.getByRole('button', { name: 'Column' }).click();
    expect(await names(page)).toEqual([...initial].sort());
    expect(await page.locator('th[aria-sort=ascending]').textContent()).toContain('Column');
    await page.getByRole('button', { name: 'Column' }).click();
    expect(await names(page)).toEqual([...initial].sort().reverse());
    await page.getByRole('button', { name: 'Score' }).click(); // ascending numbers
    expect(await names(page)).toEqual([...initial].reverse());

    // Filtering by name, then drifted only.
    await page.locator('#filter').fill('_');
    expect(await page.locator('#columns tbody tr:visible').count()).toBe(4);
    await page.locator('#drifted-only').check();
    expect(await page.locator('#columns tbody tr:visible').count()).toBe(1);
    expect(await page.locator('#shown').textContent()).toBe('1 of 6 columns shown');
    await page.locator('#filter').fill('');
    await page.locator('#drifted-only').uncheck();
    await page.getByRole('button', { name: 'Column' }).click(); // a new column sorts ascending first
    expect(await names(page)).toEqual([...initial].sort());

    // Printable: the controls go, the charts stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    expect(await page.locator('figure.chart').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();

    // The screenshot for the docs, in the report's opening state (into the temporary folder unless asked).
    const fresh = await open(file, { colorScheme: 'light' });
    const screenshot = updateScreenshot ? DOCS_SCREENSHOT : join(temp.dir, 'drift-report.png');
    mkdirSync(dirname(screenshot), { recursive: true });
    await fresh.page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    await fresh.page.close();
  });

  it('follows the colour scheme', async () => {
    const file = report(
      ['--reference', 'fixtures/drift/reference.csv', '--current', 'fixtures/drift/current.csv'],
      'scheme.html',
    );
    const background = async (colorScheme: 'light' | 'dark') => {
      const { page, errors } = await open(file, { colorScheme });
      const color = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      expect(errors).toEqual([]);
      await page.close();
      return color;
    };
    expect(await background('light')).toBe('rgb(255, 255, 255)');
    expect(await background('dark')).toBe('rgb(18, 21, 27)');
  });

  it('runs nothing from a hostile file: names and categories show as text', async () => {
    const file = report(
      [
        '--reference',
        'tests/fixtures/hostile/reference.csv',
        '--current',
        'tests/fixtures/hostile/current.csv',
      ],
      'hostile.html',
    );
    const { page, errors, requests, dialogs } = await open(file);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('body').isVisible()).toBe(true); // the <style> category hid nothing
    expect(await names(page)).toContain('<img src=x onerror=alert(1)>');
    await expect(
      page.locator('td.name', { hasText: '<img src=x onerror=alert(1)>' }).isVisible(),
    ).resolves.toBe(true);
    expect(
      await page.locator('figcaption', { hasText: 'new: <style>body{display:none}</style>' }).count(),
    ).toBe(1);
    expect(await page.locator('figure.chart').count()).toBe(4);
    await page.close();
  });
});
