import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageAssetBytes } from '../src/index.js';

const pageDir = new URL('../src/page/', import.meta.url);
const script = readFileSync(new URL('dashboard.js', pageDir), 'utf8');

describe('the page', () => {
  it('is small: its three files together stay under 40 KiB', () => {
    const onDisk = readdirSync(pageDir).reduce((total, name) => total + readFileSync(new URL(name, pageDir)).length, 0);
    expect(pageAssetBytes).toBe(onDisk);
    expect(pageAssetBytes).toBeLessThan(40 * 1024);
    console.log(`dashboard page assets: ${pageAssetBytes} bytes`);
  });

  it('never turns data into markup', () => {
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('loads nothing from another origin', () => {
    const html = readFileSync(new URL('index.html', pageDir), 'utf8');
    expect(`${html}${script}`).not.toMatch(/(src|href)="https?:|import\s.*from\s+['"]https?:|cdn/i);
  });
});

describe('the built package', () => {
  it('serves the page from its embedded copy, with nothing read from disk', async () => {
    // dist/ is built before tests run (turbo's test task depends on build).
    const built = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');
    const dashboard = await built.startDashboard({ sources: { queueLabel: 'q', getCounts: async () => ({ visible: 0, inFlight: 0, delayed: 0 }) } });
    try {
      for (const name of ['dashboard.js', 'dashboard.css']) {
        const served = await (await fetch(new URL(name, dashboard.url))).text();
        expect(served, `${name} as built (run npx tsup after changing src/page)`).toBe(readFileSync(new URL(name, pageDir), 'utf8'));
      }
      const html = await (await fetch(dashboard.url)).text();
      expect(html).toBe(readFileSync(new URL('index.html', pageDir), 'utf8').replaceAll('{{ASSET_QUERY}}', ''));
      expect(built.pageAssetBytes).toBe(pageAssetBytes);
    } finally {
      await dashboard.close();
    }
  });
});
