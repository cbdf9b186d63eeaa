// temporary: screenshots of a built site for before/after comparison (not committed)
import { launchBrowser, serveStatic, VIEWPORTS } from './lib/harness.mjs';
import { PAGE_TYPES } from './pages.mjs';
const [dir, outDir] = process.argv.slice(2);
const server = await serveStatic(dir);
const browser = await launchBrowser();
for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  for (const pt of PAGE_TYPES) {
    await page.goto(server.origin + pt.path);
    await page.screenshot({ path: `${outDir}/${name}-${pt.type.replace(/\W+/g, '_')}.png`, fullPage: true });
  }
  await ctx.close();
}
await browser.close(); await server.close();
