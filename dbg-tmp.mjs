import { chromium } from '/work/main/node_modules/playwright/index.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:4321/search/?q=docker', { waitUntil: 'networkidle' });
const r = await page.evaluate(async () => { const pf = await import('/pagefind/pagefind.js'); await pf.init(); const s = await pf.search('docker'); const f = await pf.filters(); return { keys: Object.keys(s), filters: s.filters, total: s.totalFilters, f, ex: (await s.results[0].data()).excerpt }; });
console.log(JSON.stringify(r, null, 1).slice(0, 1500));
await browser.close();
