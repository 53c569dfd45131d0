// check.js - loads pages of `podpub serve` in Debian's headless Chromium and
// prints TAP-like lines (ok - / not ok - ) for tests/e2e/browser.sh:
//   node check.js CACHE/node_modules OUT_DIR URL=SECONDS...
// Each URL's page: no console errors or failed requests, every image loaded,
// its first <audio> reaches loadedmetadata with the duration SECONDS (the
// feed's), a chapter link seeks (skipped when the page has none), no WCAG 2.1
// A/AA violation by axe-core; a screenshot goes to OUT_DIR. One browser for
// all pages: a start costs seconds.
'use strict';
const path = require('path');
const fs = require('fs');

const [modules, outDir, ...pages] = process.argv.slice(2);
const { chromium } = require(path.join(modules, 'playwright-core'));
const axeSource = fs.readFileSync(path.join(modules, 'axe-core', 'axe.min.js'), 'utf8');

let failed = false;
function check(cond, name, detail) {
	if (cond) {
		console.log(`ok - ${name}`);
	} else {
		failed = true;
		console.log(`not ok - ${name}`);
		for (const line of String(detail || '').split('\n')) console.log(`#   ${line}`);
	}
}

(async () => {
	// The flags this machine needs (docs: .library/env/machines/c.md): no
	// background connections to a network that is closed here.
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--autoplay-policy=no-user-gesture-required'],
	});
	try {
		for (const spec of pages) {
			const eq = spec.lastIndexOf('=');
			const url = spec.slice(0, eq), want = Number(spec.slice(eq + 1));
			const name = new URL(url).pathname;
			const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
			const problems = [];
			page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
			page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
			// A media element cancels its request once it has what it wants.
			page.on('requestfailed', (r) => {
				if (r.resourceType() === 'media' && r.failure().errorText === 'net::ERR_ABORTED') return;
				problems.push(`request failed: ${r.url()} ${r.failure().errorText}`);
			});
			page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
			const response = await page.goto(url, { waitUntil: 'load' });
			check(response.status() === 200, `${name}: loads`, `status ${response.status()}`);

			const images = await page.evaluate(() => [...document.images].map((i) => ({
				src: i.currentSrc, ok: i.complete && i.naturalWidth > 0 })));
			check(images.length > 0 && images.every((i) => i.ok), `${name}: every image loads`,
				JSON.stringify(images));

			const text = await page.evaluate(() => document.body.innerText);
			check(/[äöå]/.test(text) && !/Ã|�/.test(text), `${name}: Finnish letters intact`);

			const duration = await page.evaluate(() => new Promise((resolve) => {
				const a = document.querySelector('audio');
				if (!a) return resolve(-1);
				a.addEventListener('loadedmetadata', () => resolve(a.duration), { once: true });
				a.addEventListener('error', () => resolve(-2), { once: true });
				a.preload = 'metadata';
				a.load();
				setTimeout(() => resolve(-3), 10000);
			}));
			check(Math.abs(duration - want) < 0.6, `${name}: audio reaches loadedmetadata, ${want} s`,
				`duration ${duration}`);

			const chapters = await page.$$('a[href*="#t="]');
			if (chapters.length === 0) {
				console.log(`ok - ${name}: a chapter link seeks # SKIP the page has no chapters`);
			} else {
				await chapters[chapters.length - 1].click();
				const t = await page.evaluate(() => document.querySelector('audio').currentTime);
				check(t > 0, `${name}: a chapter link seeks`, `currentTime ${t}`);
			}

			await page.addScriptTag({ content: axeSource });
			const axe = await page.evaluate(() => window.axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
			check(axe.violations.length === 0, `${name}: axe-core finds no WCAG 2.1 AA violation`,
				axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`).join('\n'));

			check(problems.length === 0, `${name}: no console errors or failed requests`, problems.join('\n'));
			const shot = path.join(outDir, (name.replace(/\//g, '_').replace(/^_|_$/g, '') || 'index') + '.png');
			await page.screenshot({ path: shot, fullPage: true });
			check(fs.statSync(shot).size > 0, `${name}: screenshot kept as ${shot}`);
			await page.close();
		}
	} finally {
		await browser.close();
	}
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log(`not ok - the browser check ran\n#   ${e.stack.split('\n').join('\n#   ')}`);
	process.exit(1);
});
