// Takes a screenshot of the page as it first opens: `node tests/e2e/shot.js OUT.png`.
import { serve, launch, openPage } from './harness.js';
const server = await serve();
const browser = await launch();
const { page, errors } = await openPage(browser, server.url);
await page.screenshot({ path: process.argv[2] ?? 'shot.png' });
console.log(errors.length ? `errors: ${errors.join('\n')}` : 'no page errors');
await browser.close();
server.close();
