// Drives the real VS Code (code-server in headless Chromium) with the tlals
// .vsix installed, and checks what a person would see. Run by
// scripts/editors/e2e-vscode.sh, which starts code-server and passes:
//   PLAYWRIGHT (playwright-core dir), URL, WORKSPACE, OUT (screenshots), TLALS (server binary),
//   SPEC (the translated seed spec's name), SHOTS (editors/screenshots, for the README)
//
// Each check prints "TLALS-E2E PASS|FAIL|ABSENT|SKIP name: detail". ABSENT is
// for a server feature that the server does not advertise yet (it never counts
// as a pass); once the server advertises it, the check runs and must pass.
// SKIP is for a step whose tool (Java, TLC's jar: TLC_JAR) is not here.

import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT);
const URL_ = process.env.URL;
const WS = process.env.WORKSPACE;
const OUT = process.env.OUT;
const SPEC = process.env.SPEC || 'Uploader'; // the translated seed spec in WS
const SHOTS = process.env.SHOTS; // where the README's screenshots go
const results = [];

function report(status, name, detail = '') {
	results.push({ status, name });
	console.log(`TLALS-E2E ${status} ${name}${detail ? `: ${detail}` : ''}`);
}

async function check(name, f) {
	try {
		const detail = await f();
		report('PASS', name, detail);
		return true;
	} catch (e) {
		report('FAIL', name, String(e?.message ?? e).split('\n')[0]);
		return false;
	}
}

// The server's capabilities decide which feature checks run.
async function serverCapabilities(bin) {
	return new Promise((resolve) => {
		const p = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
		p.stdin.on('error', () => undefined); // the server may exit before our last write
		p.on('error', () => resolve({}));
		let buf = Buffer.alloc(0);
		const timer = setTimeout(() => {
			p.kill();
			resolve({});
		}, 15000);
		const send = (m) => {
			const s = JSON.stringify({ jsonrpc: '2.0', ...m });
			p.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
		};
		p.stdout.on('data', (d) => {
			buf = Buffer.concat([buf, d]);
			const m = /Content-Length: (\d+)\r\n\r\n/.exec(buf.toString('latin1'));
			if (!m) return;
			const start = m.index + m[0].length;
			if (buf.length < start + Number(m[1])) return;
			const msg = JSON.parse(buf.subarray(start, start + Number(m[1])).toString('utf8'));
			if (msg.id === 1) {
				clearTimeout(timer);
				send({ id: 2, method: 'shutdown' });
				setTimeout(() => {
					send({ method: 'exit' });
					setTimeout(() => p.kill(), 500);
				}, 200);
				resolve(msg.result?.capabilities ?? {});
			}
		});
		send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
	});
}

const caps = await serverCapabilities(process.env.TLALS);
const commands = caps.executeCommandProvider?.commands ?? [];
console.log(`server capabilities: ${Object.keys(caps).join(', ')}; commands: ${commands.join(', ') || 'none'}`);

// Software rendering only, at scale 1: the screenshots are of what is painted.
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-gpu-compositing', '--use-angle=swiftshader', '--force-device-scale-factor=1',
		'--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
		'--disable-dev-shm-usage'],
	timeout: 60000,
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.setDefaultTimeout(30000);
const shot = (name) => page.screenshot({ path: path.join(OUT, `vscode-${name}.png`) }).catch(() => undefined);

/**
 * tokenClass returns the mtk class of the first rendered token whose text is
 * `text` (or, with prefix, starts with it). Monaco renders one span per run of
 * equally coloured tokens; the class names the colour.
 */
async function tokenClass(text, prefix = false) {
	return page.evaluate(([t, pre]) => {
		for (const s of document.querySelectorAll('.monaco-editor .view-lines span[class^="mtk"]')) {
			const x = s.textContent.replace(/\u00a0/g, ' ').trim();
			if (pre ? x.startsWith(t) : x === t) return s.className;
		}
		return null;
	}, [text, prefix]);
}

// ACTIVE_EDITOR is the editor of the active group (another group may show
// a file with the same lines).
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

// textBox is the box of needle on the first rendered line of the editors
// under scope whose text, indentation aside, starts with line; null while
// none is on screen. Monaco renders a line as spans of tokens: the range is
// found by walking the line's text nodes.
function textBox(line, needle, scope = ACTIVE_EDITOR) {
	return page.evaluate(([sc, st, nd]) => {
		for (const el of document.querySelectorAll(`${sc} .view-line`)) {
			const text = el.textContent.replace(/\u00a0/g, ' ');
			const at = text.indexOf(nd);
			if (!text.trimStart().startsWith(st) || at < 0) continue;
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			const r = document.createRange();
			let off = 0;
			let started = false;
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const len = n.textContent.length;
				if (!started && at < off + len) {
					r.setStart(n, at - off);
					started = true;
				}
				if (started && at + nd.length <= off + len) {
					r.setEnd(n, at + nd.length - off);
					const b = r.getBoundingClientRect();
					return { x: b.left, y: b.top, w: b.width, h: b.height };
				}
				off += len;
			}
		}
		return null;
	}, [scope, line, needle]);
}

// showHover waits for a hover over needle (on the line textBox finds) that
// holds want, and returns its locator. The mouse is tried first, nudged
// within the word: a loaded machine can drop the mouse event. A hover that
// stays without want (a CI run read an empty one for 45 s while the pointer
// sat outside the word) is dismissed, and the hover is asked for with the
// keyboard instead: the cursor put on the word, "Show or Focus Hover".
async function showHover(line, needle, want, scope = ACTIVE_EDITOR, timeout = 45000) {
	let b = await textBox(line, needle, scope);
	if (!b) throw new Error(`${needle} is not on screen`);
	const at = (d) => ({ x: b.x + b.w / 2 + d, y: b.y + b.h / 2 });
	const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: want }).first();
	const anyHover = page.locator('.monaco-hover:not(.hidden)').first();
	let tries = 0;
	let shown = '';
	await waitFor('the hover', async () => {
		if ((await hover.count()) > 0) return true;
		shown = ((await anyHover.textContent({ timeout: 1000 }).catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
		tries++;
		if (tries % 4 === 0) {
			await page.mouse.move(5, 450);
			await page.keyboard.press('Escape');
			b = (await textBox(line, needle, scope)) ?? b; // the editor may have scrolled
			const p = at(0);
			await page.mouse.click(p.x, p.y);
			await page.keyboard.press('Control+K');
			await page.keyboard.press('Control+I');
		} else {
			const p = at((tries % 3) - 1);
			await page.mouse.move(p.x, p.y);
		}
		return false;
	}, timeout).catch((e) => {
		throw new Error(`${e.message}; the hover last read ${JSON.stringify(shown.slice(0, 200))}`);
	});
	return hover;
}

// waitSquiggle waits for a squiggle of a severity ('error', 'warning')
// spanning exactly needle on the line textBox finds.
async function waitSquiggle(sev, line, needle, scope = ACTIVE_EDITOR) {
	let last = '';
	await waitFor(`${sev} squiggle spanning ${needle}`, async () => {
		const want = await textBox(line, needle, scope);
		if (!want) return false;
		const got = await page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).map((e) => {
			const b = e.getBoundingClientRect();
			return { x: b.left, y: b.top, w: b.width, h: b.height };
		}), `${scope} .squiggly-${sev}`);
		last = `text at ${JSON.stringify(want)}, squiggles ${JSON.stringify(got)}`;
		return got.some((g) => Math.abs(g.x - want.x) <= 2 && Math.abs(g.w - want.w) <= 3 && g.y >= want.y - 2 && g.y + g.h <= want.y + want.h + 6);
	}, 30000).catch((e) => {
		throw new Error(`${e.message}: ${last}`);
	});
}

async function waitFor(what, f, timeout = 30000) {
	const end = Date.now() + timeout;
	let last;
	while (Date.now() < end) {
		last = await f().catch((e) => (last = e));
		if (last === true) return;
		await page.waitForTimeout(500);
	}
	throw new Error(`timed out waiting for ${what}${last && last !== true && last !== false ? ` (${last})` : ''}`);
}

// fillQuickInput sets the open quick input's text. Not typed: keys typed
// while something else takes the focus would land in the editor.
async function fillQuickInput(text, timeout = 30000) {
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ state: 'visible', timeout: 10000 });
	await input.fill(text, { timeout });
}

// gotoLine is retried, as openFile and runCommand: on a busy machine the
// quick input can close again before it is filled (a CI run timed out there).
async function gotoLine(n) {
	let err;
	for (let attempt = 1; attempt <= 3; attempt++) {
		try {
			await page.keyboard.press('Control+G');
			await fillQuickInput(`:${n}`, 10000);
			await page.keyboard.press('Enter');
			await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
			return;
		} catch (e) {
			err = e;
			console.log(`gotoLine ${n}: attempt ${attempt} failed: ${String(e.message).split('\n')[0]}`);
			await page.keyboard.press('Escape');
		}
	}
	throw err;
}

// The rendered lines of the visible editor, top to bottom (a small file fits).
async function editorLines() {
	return page.evaluate(() =>
		Array.from(document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line'))
			.map((l) => ({ top: l.getBoundingClientRect().top, text: l.textContent.replace(/\u00a0/g, ' ') }))
			.sort((a, b) => a.top - b.top)
			.map((l) => l.text),
	);
}

async function openFile(name) {
	// Quick Open: Ctrl+P, type, Enter; retried, as a busy machine can drop a key.
	let err;
	for (let attempt = 1; attempt <= 3; attempt++) {
		try {
			await page.keyboard.press('Escape');
			await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
			await page.keyboard.press('Control+P');
			// A file written just before is missing from the first search
			// (the workspace's file index lags behind the disk): ask again
			// every few seconds rather than wait the whole attempt out.
			const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first();
			let found = false;
			for (let ask = 0; ask < 5 && !found; ask++) {
				if (ask > 0) await fillQuickInput('');
				await fillQuickInput(name);
				found = await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
			}
			if (!found) await row.waitFor({ state: 'visible', timeout: 5000 });
			await page.keyboard.press('Enter');
			await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ state: 'visible', timeout: 15000 });
			return;
		} catch (e) {
			err = e;
			console.log(`openFile ${name}: attempt ${attempt} failed: ${String(e.message).split('\n')[0]}`);
		}
	}
	throw err;
}

// runCommand runs a command from the palette; retried, as a busy machine
// can drop a key. before() puts the focus back where the command needs it.
async function runCommand(title, before = async () => undefined) {
	let err;
	for (let attempt = 1; attempt <= 3; attempt++) {
		try {
			await before();
			await page.keyboard.press('F1');
			// a palette that closed again is retried sooner than a fill's 30 s
			await fillQuickInput(`>${title}`, 10000);
			// Click the row itself: Enter runs whichever row is highlighted,
			// which on a busy machine may still be a recently used command.
			const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first();
			await row.waitFor({ state: 'visible', timeout: 10000 });
			await row.click();
			return;
		} catch (e) {
			err = e;
			console.log(`runCommand ${title}: attempt ${attempt} failed: ${String(e.message).split('\n')[0]}`);
			await page.keyboard.press('Escape');
		}
	}
	throw err;
}

// ---- ed2 block: the status bar and the trace panel follow the active
// file (#18), and the TLC engine shows its counterexample as ours (#19).

// tabIn1 is the tab of an open file in the first editor group (the spec's;
// the trace panel is in the second).
const tabIn1 = (name) => page.locator('.editor-group-container').first().locator('.tab', { hasText: name }).first();

// openIn1 opens a file not yet open in the first group: Quick Open with the
// first group focused, its row clicked. Files already open are reached by
// their tab (Quick Open's rows for open files are labelled otherwise).
async function openIn1(name, focus1) {
	await waitFor(`${name} open in the first group`, async () => {
		await page.keyboard.press('Escape');
		await focus1();
		await page.keyboard.press('Control+P');
		await fillQuickInput(name);
		const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first();
		if (!(await row.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false))) return false;
		await row.click();
		return tabIn1(name).waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
	}, 60000);
}

// editAndSave adds a line after the module's end (nothing the checker
// reads) and saves: a new text, so the server checks it again.
async function editAndSave() {
	await fmt2FocusEditor();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Control+S');
}

async function followActiveChecks(specTab, item, rows, trace) {
	await check('the status bar and the trace panel follow the active file; a spec without a model says so once, quietly', async () => {
		fs.writeFileSync(path.join(WS, 'Other.tla'), ['---- MODULE Other ----', 'EXTENDS Naturals', 'VARIABLE n', 'Init == n = 0', "Next == n < 3 /\\ n' = n + 1", 'Small == n < 2', '===='].join('\n') + '\n');
		fs.writeFileSync(path.join(WS, 'Other.cfg'), 'INIT Init\nNEXT Next\nINVARIANT Small\n');
		fs.writeFileSync(path.join(WS, 'NoModel.tla'), ['---- MODULE NoModel ----', 'EXTENDS Naturals', 'CONSTANT Limit', 'VARIABLE n', 'Init == n = 0', "Next == n < Limit /\\ n' = n + 1", '===='].join('\n') + '\n');
		const status = async () => ((await item.textContent()) ?? '').trim();
		const panelTab = page.locator('.tab', { hasText: 'tlals trace' }).first();
		const actions = async () => (await trace.locator('#trace tbody tr.row td.action').allTextContents()).map((t) => t.trim());
		// innerText: the panel's paragraphs apart, as they are drawn.
		const panelText = async () => ((await trace.locator('body').evaluate((b) => b.innerText, undefined, { timeout: 2000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
		const toasts = () => page.locator('.notifications-toasts .notification-toast', { hasText: /model/i }).count();
		// shows waits until the status bar and the panel show a file's state.
		const shows = async (file, want) => {
			let got = {};
			await waitFor(`${file}'s state`, async () => {
				got = { status: await status(), tab: ((await panelTab.textContent()) ?? '').trim(), actions: await actions(), text: await panelText() };
				return want.status.test(got.status) && got.tab.includes(`tlals trace: ${file}`) &&
					(want.actions ? JSON.stringify(got.actions) === JSON.stringify(want.actions) : got.text.includes(want.text));
			}, 60000).catch((e) => {
				throw new Error(`${e.message}: ${JSON.stringify(got)}`);
			});
			return got;
		};
		const A = { status: /^tlals error \([1-9]\d* states\)$/, actions: ['Initial predicate', 'User(u1)', 'User(u1)', 'Receive(w1)'] };
		const B = { status: /^tlals invariant Small \(3 states\)$/, actions: ['Initial predicate', 'Next', 'Next'] };
		await specTab().click();
		const a = await shows(`${SPEC}.tla`, A);
		// B, not checked yet: A's result goes from the status bar and the panel.
		await openIn1('Other.tla', () => specTab().click());
		await shows('Other.tla', { status: /^tlals$/, text: 'Other.tla: No trace: not checked yet.' });
		await editAndSave();
		const b = await shows('Other.tla', B);
		// C has no model: the status says so, and the lens; no notification.
		await openIn1('NoModel.tla', () => tabIn1('Other.tla').click());
		await shows('NoModel.tla', { status: /^tlals: no model$/, text: 'NoModel.tla: No trace: no model. No model: create NoModel.cfg' });
		const lens = page.locator('.editor-group-container').first().locator('.codelens-decoration', { hasText: 'No model: create NoModel.cfg' }).first();
		await lens.waitFor({ state: 'visible', timeout: 20000 });
		await editAndSave();
		await page.waitForTimeout(3000); // a save starts no run: nothing changes
		await shows('NoModel.tla', { status: /^tlals: no model$/, text: 'No model: create NoModel.cfg' });
		if (await toasts()) throw new Error('a notification about the model');
		await shot('follow-nomodel');
		// Back to A, then B, by their tabs.
		await specTab().click();
		await shows(`${SPEC}.tla`, A);
		await tabIn1('Other.tla').click();
		await shows('Other.tla', B);
		await specTab().click();
		await shows(`${SPEC}.tla`, A);
		// With what came after its run: the pinned expression's values.
		let pinned = [];
		await waitFor('the pinned Len(queue) column', async () => {
			const heads = (await trace.locator('#trace thead th').allTextContents()).map((t) => t.trim());
			const k = heads.indexOf('Len(queue)');
			pinned = k < 0 ? [] : (await rows.locator(`td:nth-child(${k + 1})`).allTextContents()).map((t) => t.trim());
			return JSON.stringify(pinned) === JSON.stringify(['0', '1', '2', '1']);
		}, 20000).catch((e) => {
			throw new Error(`${e.message}: ${JSON.stringify(pinned)}`);
		});
		if (await toasts()) throw new Error('a notification about the model');
		return `${SPEC}.tla "${a.status}" (${a.actions.length} rows) → Other.tla "tlals" (not checked), saved: "${b.status}" (${b.actions.length} rows) → NoModel.tla "tlals: no model" and its lens, no notification → back: ${SPEC}.tla, Other.tla, ${SPEC}.tla each their own`;
	});
}

// The java processes running TLC (tlc2.TLC) that this test's server
// started (other tests on the machine run TLC too).
function tlcProcesses() {
	const procs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => {
		try {
			const argv = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
			const ppid = fs.readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1];
			return { pid: d, ppid, argv };
		} catch {
			return null;
		}
	}).filter(Boolean);
	const servers = new Set(procs.filter((p) => p.argv[0] === process.env.SERVER_EXE).map((p) => p.pid));
	return procs.filter((p) => servers.has(p.ppid) && /java$/.test(p.argv[0]) && p.argv.includes('tlc2.TLC')).map((p) => p.pid);
}

async function tlcEngineChecks(specTab, item, rows, trace, lineOf) {
	const name = 'with checkEngine "tlc" a save shows TLC\'s counterexample exactly as the built-in engine\'s';
	const jar = process.env.TLC_JAR ?? '';
	const java = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).status === 0;
	if (!java || !jar || !fs.existsSync(jar)) return report('SKIP', name, `no java on the PATH or no jar at ${JSON.stringify(jar)}`);
	await check(name, async () => {
		// What a person sees of the spec's run: the status bar, every cell of
		// the trace panel, the Problems entries and the lenses on Init.
		const view = async () => {
			await specTab().click();
			// From the end, so that Init is revealed at the same place each time.
			await fmt2FocusEditor();
			await page.keyboard.press('Control+End');
			await gotoLine(lineOf('Init =='));
			await page.waitForTimeout(1000); // the lenses drawn
			const status = ((await item.textContent()) ?? '').trim();
			const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())));
			// Top to bottom: the DOM keeps the order the lenses were drawn in.
			const lenses = await page.locator('.editor-group-container').first().locator('.codelens-decoration').evaluateAll((ls) =>
				ls.map((l) => ({ top: l.getBoundingClientRect().top, text: l.textContent.replace(/\u00a0/g, ' ').trim() })).filter((l) => l.text)
					.sort((a, b) => a.top - b.top).map((l) => l.text));
			await page.keyboard.press('Control+Shift+M');
			const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'no element of S satisfied P' }).first();
			await problem.waitFor({ state: 'visible', timeout: 30000 });
			const problems = (await page.locator('.markers-panel .monaco-list-row').allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
			await page.keyboard.press('Control+Shift+M');
			return { status, cells, lenses, problems };
		};
		const want = await view();
		const file = path.join(WS, '.vscode', 'settings.json');
		const settings = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const setEngine = (tlc) => {
			const s = { ...settings };
			if (tlc) Object.assign(s, { 'tlals.checkEngine': 'tlc', 'tlals.tlcJar': jar });
			fs.writeFileSync(file, JSON.stringify(s, null, 2));
		};
		setEngine(true);
		let pid;
		try {
			// The server reads the settings when it pulls them: until then a
			// save still runs the built-in engine. TLC's JVM shows it ran.
			await waitFor('TLC running', async () => {
				await specTab().click();
				await editAndSave();
				const end = Date.now() + 20000;
				while (Date.now() < end && !pid) {
					pid = tlcProcesses()[0];
					await page.waitForTimeout(100);
				}
				return !!pid;
			}, 120000);
			await waitFor('TLC done', async () => tlcProcesses().length === 0, 180000);
		} finally {
			setEngine(false);
		}
		let got;
		await waitFor('the same view as the built-in engine\'s', async () => {
			got = await view();
			return JSON.stringify(got) === JSON.stringify(want);
		}, 30000).catch((e) => {
			const diff = Object.keys(want).filter((k) => JSON.stringify(got?.[k]) !== JSON.stringify(want[k])).map((k) => `${k}: ${JSON.stringify(got?.[k])}, built in: ${JSON.stringify(want[k])}`);
			throw new Error(`${e.message}: ${diff.join('; ').slice(0, 6000)}`);
		});
		if (!/^tlals error \([1-9]\d* states\)$/.test(got.status) || got.cells.length !== 4) throw new Error(`view: ${JSON.stringify(got).slice(0, 500)}`);
		await shot('tlc-engine');
		return `TLC ran (pid ${pid}); "${got.status}", ${got.cells.length} trace rows, ${got.problems.length} Problems rows, lenses ${JSON.stringify(got.lenses)}: as the built-in engine's`;
	});
}
// ---- end of the ed2 block

// ---- fmt2 block (h-fmt2): every quick fix, the formatter, Translate leaving
// the document modified, and the trace panel's wrapping. Each check writes
// its own module under fixes/ and is independent of the others.

// FIXES are the quick fixes as a user meets them: the module, where the
// cursor goes (line, and the text on the line the diagnostic covers), the
// action's title, the diagnostic it removes (its message, and its severity:
// the editor's squiggle of that kind goes; the module has no other) and the
// exact text after the fix. Stale's expected text is what `tlals translate`
// writes.
const FIXES = [
	{ file: 'Ext.tla', text: ['---- MODULE Ext ----', 'EXTENDS Naturals', 'L == Len(<<1>>) + 1', '===='], at: [3, 'Len'],
		title: 'Add Sequences to EXTENDS', gone: 'unknown operator `Len`', sev: 'error',
		want: ['---- MODULE Ext ----', 'EXTENDS Naturals, Sequences', 'L == Len(<<1>>) + 1', '===='] },
	{ file: 'Typo.tla', text: ['---- MODULE Typo ----', 'VARIABLE counter', 'Init == counter = 0', "Next == countr' = counter", '===='], at: [4, 'countr'],
		title: 'Change to counter', gone: 'unknown operator `countr`', sev: 'error',
		want: ['---- MODULE Typo ----', 'VARIABLE counter', 'Init == counter = 0', "Next == counter' = counter", '===='] },
	{ file: 'Rec.tla', text: ['---- MODULE Rec ----', 'EXTENDS Naturals', 'Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)', '===='], at: [3, 'Fact(n -'],
		title: 'Declare Fact(_) RECURSIVE', gone: 'RECURSIVE', sev: 'error',
		want: ['---- MODULE Rec ----', 'EXTENDS Naturals', 'RECURSIVE Fact(_)', 'Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)', '===='] },
	{ file: 'Unused.tla', text: ['---- MODULE Unused ----', 'EXTENDS Naturals, TLC', 'A == 1 + 1', '===='], at: [2, 'TLC'],
		title: 'Remove TLC from EXTENDS', gone: 'nothing of it is used', sev: 'unnecessary',
		want: ['---- MODULE Unused ----', 'EXTENDS Naturals', 'A == 1 + 1', '===='] },
	{ file: 'Model.cfg', text: ['INIT Init', 'NEXT Next', ''], at: [1, 'INIT'], title: 'Assign N a model value', gone: 'the constant N is not assigned', sev: 'error',
		before: () => fs.writeFileSync(path.join(WS, 'fixes', 'Model.tla'), ['---- MODULE Model ----', 'CONSTANT N', 'VARIABLE x', 'Init == x = N', "Next == x' = x", '===='].join('\n') + '\n'),
		want: ['CONSTANT N = N', 'INIT Init', 'NEXT Next', ''] },
	{ file: 'Stale.tla', text: ['---- MODULE Stale ----', 'EXTENDS Naturals', '(* --algorithm Stale', 'variables x = 0;', 'begin', '  A: x := x + 1;', 'end algorithm *)', '===='],
		at: [3, 'Stale'], title: 'Translate PlusCal', gone: 'the PlusCal translation is missing or out of date', sev: 'warning', want: 'translate' },
	{ file: 'Labels.tla', text: ['---- MODULE Labels ----', 'EXTENDS Naturals', '(* --algorithm Labels', 'variables x = 0, y = 0;', 'begin', '  A: x := 1;',
		'  if x > 0 then', '    B: y := 1;', '  end if;', '  y := 2;', '  x := 2;', '  x := 3;', 'end algorithm *)', '===='],
		at: [10, 'y := 2'], title: 'Add missing labels: Lbl_1, Lbl_2', gone: 'Missing label', sev: 'error',
		want: ['---- MODULE Labels ----', 'EXTENDS Naturals', '(* --algorithm Labels', 'variables x = 0, y = 0;', 'begin', '  A: x := 1;',
			'  if x > 0 then', '    B: y := 1;', '  end if;', '  Lbl_1: y := 2;', '  x := 2;', '  Lbl_2: x := 3;', 'end algorithm *)', '===='] },
];

// fmt2Translated is what `tlals translate` makes of a module's lines.
function fmt2Translated(lines) {
	const tmp = fs.mkdtempSync(path.join(OUT, 'translate-'));
	const f = path.join(tmp, 'M.tla');
	fs.writeFileSync(f, lines.join('\n') + '\n');
	const r = spawnSync(process.env.TLALS, ['translate', '-stdout', f], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`tlals translate: ${r.stderr}`);
	return r.stdout;
}

// fmt2Squiggles counts the active editor's diagnostics decorations of a
// severity (an unnecessary-tagged hint is drawn faded, not squiggled).
async function fmt2Squiggles(sev) {
	const cls = sev === 'unnecessary' ? 'squiggly-inline-unnecessary' : `squiggly-${sev}`;
	return page.locator(`.editor-group-container.active .monaco-editor .${cls}`).count();
}

async function fmt2FocusEditor() {
	await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
}

async function fmt2QuickFix(fx) {
	const dir = path.join(WS, 'fixes');
	fs.mkdirSync(dir, { recursive: true });
	fx.before?.();
	const file = path.join(dir, fx.file);
	const text = fx.text.join('\n') + (fx.text.at(-1) === '' ? '' : '\n');
	fs.writeFileSync(file, text);
	const want = fx.want === 'translate' ? fmt2Translated(fx.text) : fx.want.join('\n') + (fx.want.at(-1) === '' ? '' : '\n');
	await openFile(fx.file);
	await waitFor(`the ${fx.sev} "${fx.gone}"`, async () => (await fmt2Squiggles(fx.sev)) > 0, 30000);
	const [line, needle] = fx.at;
	const col = fx.text[line - 1].indexOf(needle) + 1;
	// The lightbulb menu (Ctrl+.) at the diagnostic; retried, as a busy
	// machine may ask before the diagnostics reached the editor.
	const item = page.locator('.action-widget .monaco-list-row', { hasText: fx.title }).first();
	await waitFor(`the action "${fx.title}"`, async () => {
		await page.keyboard.press('Escape');
		await fmt2FocusEditor();
		await gotoLine(`${line}:${col}`);
		await page.keyboard.press('Control+.');
		return item.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
	}, 45000);
	await item.click();
	await waitFor('the fixed text', async () => {
		await fmt2FocusEditor();
		await page.keyboard.press('Control+S');
		await page.waitForTimeout(300);
		return fs.readFileSync(file, 'utf8') === want;
	}, 20000).catch((e) => {
		throw new Error(`${e.message}: the file holds ${JSON.stringify(fs.readFileSync(file, 'utf8'))}, want ${JSON.stringify(want)}`);
	});
	await waitFor(`the ${fx.sev} "${fx.gone}" gone`, async () => (await fmt2Squiggles(fx.sev)) === 0, 20000);
	return `${fx.file}:${line}:${col} "${fx.title}" → ${want.split('\n').length - 1} lines as expected, the ${fx.sev} "${fx.gone}" gone`;
}

async function fmt2Checks() {
	for (const fx of FIXES) {
		await check(`quick fix "${fx.title}" (${fx.file}) edits as expected and removes its diagnostic`, () => fmt2QuickFix(fx));
	}

	await check('Format Document formats the module as `tlals fmt` does', async () => {
		const messy = ['---- MODULE Fmt ----', 'VARIABLE x', 'Init==/\\x=0', '      /\\ TRUE', '===='];
		const want = ['---- MODULE Fmt ----', 'VARIABLE x', 'Init == /\\ x = 0', '        /\\ TRUE', '===='].join('\n') + '\n';
		const file = path.join(WS, 'fixes', 'Fmt.tla');
		fs.writeFileSync(file, messy.join('\n') + '\n');
		const r = spawnSync(process.env.TLALS, ['fmt', file], { encoding: 'utf8' });
		if (r.stdout !== want) throw new Error(`tlals fmt gives ${JSON.stringify(r.stdout)}`);
		await openFile('Fmt.tla');
		await runCommand('Format Document', fmt2FocusEditor);
		await waitFor('the formatted text on disk', async () => {
			await fmt2FocusEditor();
			await page.keyboard.press('Control+S');
			await page.waitForTimeout(300);
			return fs.readFileSync(file, 'utf8') === want;
		}, 20000).catch((e) => {
			throw new Error(`${e.message}: the file holds ${JSON.stringify(fs.readFileSync(file, 'utf8'))}`);
		});
		return 'Init == /\\ x = 0 / /\\ TRUE aligned, as tlals fmt';
	});

	// One behaviour in both editors: the translation is an edit of the open
	// document (undo restores the old text), saved at once when the document
	// had no unsaved change (VS Code saves a workspace edit's unmodified
	// documents; the Neovim plugin writes the buffer).
	await check('"Translate PlusCal" writes the translation to the file, the tab not dirty', async () => {
		const lines = ['---- MODULE Untranslated ----', 'EXTENDS Naturals', '(* --algorithm Untranslated', 'variables y = 0;', 'begin', '  A: y := 1;', 'end algorithm *)', '===='];
		const file = path.join(WS, 'fixes', 'Untranslated.tla');
		const text = lines.join('\n') + '\n';
		fs.writeFileSync(file, text);
		await openFile('Untranslated.tla');
		await runCommand('tlals: Translate PlusCal', fmt2FocusEditor);
		await waitFor('the translation in the editor', async () => (await editorLines()).includes('VARIABLES pc, y'), 20000);
		const want = fmt2Translated(lines);
		await waitFor('the translation saved', async () => fs.readFileSync(file, 'utf8') === want, 10000);
		await waitFor('the tab not dirty', async () => (await page.locator('.tab.dirty[aria-label*="Untranslated.tla"]').count()) === 0, 10000);
		return 'the file holds what `tlals translate` writes; the tab is not dirty';
	});

	await check('the trace panel wraps its values, nothing out of reach', async () => {
		// The spec's tab is open since the check on save: click it (Quick
		// Open's row for an open file may be labelled otherwise).
		const tab = page.locator('.editor-group-container').first().locator('.tab', { hasText: `${SPEC}.tla` }).first();
		await runCommand('tlals: Show trace', async () => {
			if (await tab.isVisible()) await tab.click();
			else await openFile(`${SPEC}.tla`);
			await fmt2FocusEditor();
		});
		const trace = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
		// The panel may render again (a result, the active file) between the
		// wait and the measure, detaching the frame: measure until one holds.
		let m;
		await waitFor('the trace panel measured', async () => {
			await trace.locator('#trace tbody tr.row').first().waitFor({ state: 'visible', timeout: 10000 });
			m = await measureTrace(trace);
			return true;
		}, 30000);
		if (m.n === 0) throw new Error('no value cells');
		if (m.cut.length) throw new Error(`cells cut: ${JSON.stringify(m.cut)}`);
		if (m.ws.join() !== 'pre-wrap') throw new Error(`value cells white-space ${m.ws}, want pre-wrap`);
		// Wider than the panel only with more columns than fit at their
		// narrowest: then the table's box scrolls, so nothing is out of reach.
		if (!m.scrolls || (m.tableW > m.bodyW + 1 && m.scrollW <= m.boxW)) throw new Error(`table ${m.tableW}px in a ${m.bodyW}px panel without a sideways scroll`);
		return `${m.n} value cells wrap, none cut; table ${Math.round(m.tableW)}px in a ${m.bodyW}px panel${m.tableW > m.bodyW + 1 ? ', its box scrolls sideways' : ''}`;
	});
}
// ---- end of the fmt2 block

// measureTrace reads the trace panel's value cells: how many, which are cut,
// their white-space, and the table's and its scroll box's widths.
function measureTrace(trace) {
	return trace.locator('body').evaluate((body) => {
		const cells = Array.from(body.querySelectorAll('#trace td.val'));
		const cut = cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent);
		const ws = cells.map((c) => getComputedStyle(c.querySelector('.v')).whiteSpace);
		const table = body.querySelector('#trace');
		const scroll = table.parentElement;
		return { n: cells.length, cut, ws: [...new Set(ws)], tableW: table.getBoundingClientRect().width, bodyW: body.clientWidth,
			scrolls: scroll.classList.contains('scroll') && getComputedStyle(scroll).overflowX === 'auto', scrollW: scroll.scrollWidth, boxW: scroll.clientWidth };
	});
}

// ---- e2e12 block (issues #17, #18): after a check, the action lenses and
// the "never enabled" warning (Lamp.tla); a save beyond the background budget
// simulates (Odometer.tla); the hover's fenced TLA+ block as rendered;
// editor.formatOnSave. The specs are editors/testdata/Lamp.tla and Odometer.tla.

const e2e12Status = async () => ((await page.locator('.statusbar-item[id$="tlals.status"]').first().textContent()) ?? '').trim();

// e2e12Problem is the text of the Problems panel's row of file holding
// message at pos ("[Ln l, Col c]"). The panel is filtered to the file: its
// list draws only the rows in view, and by now many files have problems.
async function e2e12Problem(file, message, pos) {
	await page.keyboard.press('Control+Shift+M');
	const filter = page.locator('.part.panel .viewpane-filter input').first();
	const filtered = await filter.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
	try {
		if (filtered) await filter.fill(`**/${file}`);
		const rows = page.locator('.markers-panel .monaco-list-row', { hasText: message });
		const row = rows.filter({ hasText: pos }).first();
		const found = await row.waitFor({ state: 'visible', timeout: 30000 }).then(() => true, () => false);
		if (!found) {
			const all = (await rows.allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
			throw new Error(`no Problems row ${JSON.stringify(message)} at ${pos}${filtered ? ` (filter **/${file})` : ''}; with the message: ${JSON.stringify(all)}`);
		}
		return (await row.textContent()).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
	} finally {
		if (filtered) await filter.fill('').catch(() => undefined);
		await page.keyboard.press('Control+Shift+M'); // closed again
	}
}

// e2e12Lenses are the active editor's code lenses, each with the text of
// the line it stands above.
function e2e12Lenses() {
	return page.evaluate(() => {
		const ed = document.querySelector('.editor-group-container.active .monaco-editor');
		const lines = Array.from(ed.querySelectorAll('.view-line')).map((l) => ({ top: l.getBoundingClientRect().top, text: l.textContent.replace(/\u00a0/g, ' ') }));
		return Array.from(ed.querySelectorAll('.codelens-decoration')).map((d) => {
			const b = d.getBoundingClientRect();
			// a lens outside the viewport is kept in the DOM with no box
			if (b.height === 0) return { lens: d.textContent.replace(/\u00a0/g, ' ').trim(), line: null };
			const below = lines.filter((l) => l.top >= b.bottom - 2).sort((x, y) => x.top - y.top)[0];
			return { lens: d.textContent.replace(/\u00a0/g, ' ').trim(), line: below?.text ?? null };
		}).filter((x) => x.lens);
	});
}

async function e2e12Checks() {
	// Figures from `tlals check -coverage Lamp.tla` and TLC's -coverage (the
	// same): Switch 4:8, Dim 3:3, Reset 0:3, Blow 0:0 (distinct:generated),
	// 8 distinct states, all expanded.
	await check('after a check, the action lenses ("Switch: 4 distinct / 8 generated") and the "never enabled" warning under Blow', async () => {
		await openFile('Lamp.tla');
		await editAndSave();
		await waitFor('Lamp\'s result in the status bar', async () => (await e2e12Status()) === 'tlals 8 states', 90000);
		const want = [['Switch ==', 'Switch: 4 distinct / 8 generated'], ['Dim ==', 'Dim: 3 distinct / 3 generated'],
			['Reset ==', 'Reset: 0 distinct / 3 generated'], ['Blow ==', 'Blow: 0 distinct / 0 generated']];
		let lenses = [];
		await waitFor('the action lenses', async () => {
			lenses = await e2e12Lenses();
			if (want.every(([line, lens]) => lenses.some((l) => l.lens === lens && l.line?.startsWith(line)))) return true;
			// The save's Ctrl+End can leave the module's top out of view (a CI
			// run read every lens over the new last line): bring it back.
			await fmt2FocusEditor();
			await page.keyboard.press('Control+Home');
			return false;
		}, 30000).catch(async (e) => {
			await shot('coverage-lenses-failed');
			throw new Error(`${e.message}: ${JSON.stringify(lenses)}`);
		});
		await waitSquiggle('warning', 'Blow ==', 'Blow');
		const msg = 'Lamp.cfg: action Blow is never enabled in 8 states: unreachable?';
		const row = await e2e12Problem('Lamp.tla', msg, '[Ln 9, Col 1]');
		await shot('coverage-lenses');
		return `lenses ${want.map(([, l]) => JSON.stringify(l)).join(', ')} above their actions; a warning squiggle spanning "Blow"; Problems: ${row.slice(0, 120)}`;
	});

	// Odometer's state space has 10^k states at depth k; the default budget
	// (1,000,000 states or 2 s) stops the search near depth 7, and the
	// simulation that follows hits Limit at km = 40: 41 states, as TLC's
	// -simulate finds it.
	await check('a save beyond the budget simulates: Limit violated in 41 steps, the diagnostic on Limit, the status "simulation"', async () => {
		await openFile('Odometer.tla');
		await editAndSave();
		const seen = [];
		await waitFor('the simulation\'s result in the status bar', async () => {
			const t = await e2e12Status();
			if (seen.at(-1) !== t) seen.push(t);
			return t === 'tlals invariant Limit (simulation, 41 steps)';
		}, 180000).catch((e) => {
			throw new Error(`${e.message}: the status bar showed ${JSON.stringify(seen)}`);
		});
		await waitSquiggle('error', 'Limit ==', 'Limit');
		const msg = 'Invariant Limit is violated after 41 steps (found by simulation: the state space is beyond the check\'s bounds)';
		const row = await e2e12Problem('Odometer.tla', msg, '[Ln 9, Col 1]');
		await shot('simulation');
		return `status ${JSON.stringify(seen)}; an error squiggle spanning "Limit"; Problems: ${row.slice(0, 140)}`;
	});

	// The server's hover is markdown with the definition in a ```tla fence
	// (no escaping, so one backslash each): VS Code renders it as a code
	// block coloured by the TLA+ grammar.
	await check('the hover renders the definition as a fenced TLA+ code block, coloured, single backslashes', async () => {
		// open since the check above: its tab (Quick Open labels the rows
		// of open files otherwise)
		const tab = page.locator('.editor-group-container .tab', { hasText: 'Odometer.tla' }).first();
		if (await tab.isVisible()) await tab.click();
		else await openFile('Odometer.tla');
		const def = 'Drive == km\' = km + 1 /\\ \\E d \\in 0..9 : code\' = (code * 10 + d) % 999983';
		const hover = await showHover('Next ==', 'Drive', 'Drive ==');
		const blocks = await hover.evaluate((h) => Array.from(h.querySelectorAll('code, .code, .monaco-tokenized-source')).map((e) => ({
			tag: `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(/\s+/).join('.')}` : ''}`,
			text: e.textContent.replace(/\u00a0/g, ' '),
			colours: [...new Set(Array.from(e.querySelectorAll('span[class^="mtk"], span[class*=" mtk"]')).map((s) => s.className))],
		})));
		const text = (await hover.textContent()).replace(/\u00a0/g, ' ');
		await page.mouse.move(5, 450);
		await page.keyboard.press('Escape');
		const block = blocks.find((x) => x.text === def && x.colours.length >= 2);
		if (!block) throw new Error(`no coloured code block holding ${JSON.stringify(def)}: ${JSON.stringify(blocks).slice(0, 800)}`);
		if (text.includes('\\\\')) throw new Error(`a doubled backslash in the hover: ${JSON.stringify(text.slice(0, 300))}`);
		return `<${block.tag}> holds ${JSON.stringify(def)} in ${block.colours.length} colours (${block.colours.join(' ')})`;
	});

	// editor.formatOnSave on (the workspace settings): the save writes what
	// `tlals fmt` writes for the text before it.
	await check('editor.formatOnSave: saving a badly laid-out module writes what `tlals fmt` writes', async () => {
		const messy = ['---- MODULE Tidy ----', 'EXTENDS Naturals', 'VARIABLE n', 'Init==n=0', 'Next==/\\n<3', "     /\\n'=n+1", '===='];
		const dir = path.join(WS, 'fmtsave');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, 'Tidy.tla');
		const text = messy.join('\n') + '\n';
		fs.writeFileSync(file, text);
		const tmp = fs.mkdtempSync(path.join(OUT, 'fmt-'));
		fs.writeFileSync(path.join(tmp, 'Tidy.tla'), text);
		const r = spawnSync(process.env.TLALS, ['fmt', path.join(tmp, 'Tidy.tla')], { encoding: 'utf8' });
		if (r.status !== 0 || !r.stdout || r.stdout === text) throw new Error(`tlals fmt: status ${r.status}, ${JSON.stringify(r.stdout)} ${r.stderr}`);
		const want = r.stdout;
		const sfile = path.join(WS, '.vscode', 'settings.json');
		const before = fs.existsSync(sfile) ? fs.readFileSync(sfile, 'utf8') : null;
		fs.mkdirSync(path.dirname(sfile), { recursive: true });
		fs.writeFileSync(sfile, JSON.stringify({ ...(before ? JSON.parse(before) : {}), 'editor.formatOnSave': true }, null, 2));
		try {
			await openFile('Tidy.tla');
			let got = '';
			// A change and its undoing by hand leave the text as it was but
			// the document dirty; saved until VS Code has read the setting.
			await waitFor('the formatted text on disk', async () => {
				await fmt2FocusEditor();
				await gotoLine(messy.length);
				await page.keyboard.press('End');
				await page.keyboard.type(' ');
				await page.keyboard.press('Backspace');
				await page.keyboard.press('Control+S');
				await page.waitForTimeout(1000);
				got = fs.readFileSync(file, 'utf8');
				if (got !== text && got !== want) throw new Error(`saved ${JSON.stringify(got)}`);
				return got === want;
			}, 60000).catch((e) => {
				throw new Error(`${e.message}: the file holds ${JSON.stringify(got)}, \`tlals fmt\` writes ${JSON.stringify(want)}`);
			});
			await waitFor('the tab not dirty', async () => (await page.locator('.tab.dirty[aria-label*="Tidy.tla"]').count()) === 0, 10000);
		} finally {
			if (before === null) fs.rmSync(sfile, { force: true });
			else fs.writeFileSync(sfile, before);
		}
		return `saved as \`tlals fmt\` writes it: ${JSON.stringify(want.split('\n').slice(3, 6))}`;
	});
}
// ---- end of the e2e12 block

const onlyDone = new Error('TLALS_E2E_ONLY: done');
let failedEarly = false;
try {
	await page.goto(URL_, { waitUntil: 'domcontentloaded', timeout: 60000 });
	failedEarly = !(await check('workbench loads', async () => {
		await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90000 });
		await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60000 });
		return 'code-server workbench is up';
	}));

	if (!failedEarly) {
		await check('language mode tlaplus for .tla', async () => {
			await openFile('Broken.tla');
			await page.locator('.monaco-editor .view-lines:has-text("MODULE Broken")').waitFor({ state: 'visible' });
			const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
			await waitFor('language mode TLA+', async () => /TLA\+/.test((await mode.textContent()) ?? ''));
			return (await mode.textContent()).trim();
		});

		await check('TextMate highlighting', async () => {
			await waitFor('tokens coloured by the grammar', async () => {
				const kw = await tokenClass('EXTENDS');
				const id = await tokenClass('Naturals');
				return kw !== null && id !== null && kw !== id;
			});
			const kw = await tokenClass('EXTENDS');
			const comment = await tokenClass('\\* a comment', true);
			const ident = await tokenClass('Naturals');
			const str = await tokenClass('"hello"');
			const classes = new Set([kw, comment, ident, str]);
			if (classes.has(null) || classes.size < 4) throw new Error(`token classes not distinct: keyword=${kw} comment=${comment} ident=${ident} string=${str}`);
			return `keyword=${kw} comment=${comment} identifier=${ident} string=${str}`;
		});

		await check('extension activates (status bar item, server running)', async () => {
			const item = page.locator('.statusbar-item[id$="tlals.status"]');
			await item.first().waitFor({ state: 'attached', timeout: 60000 });
			// "tlals" alone means the client reached State.Running with the bundled server.
			await waitFor('status "tlals" (server running)', async () => ((await item.first().textContent()) ?? '').trim() === 'tlals', 60000);
			// Still running a moment later: a client that fails its initialization
			// shows "tlals" briefly, then "tlals: stopped".
			await page.waitForTimeout(2000);
			const now = (await item.first().textContent()).trim();
			if (now !== 'tlals') throw new Error(`status bar shows "${now}", want "tlals"`);
			return `status bar shows "${now}"`;
		});
		// For working on the e2e12 block alone: TLALS_E2E_ONLY=e2e12 runs it
		// and ends (never set by the tests).
		if (process.env.TLALS_E2E_ONLY === 'e2e12') {
			await e2e12Checks();
			throw onlyDone;
		}

		// Before the crash check below, whose restart is logged as an error.
		await check('the output channel: the start-up lines at [info], none at [error]', async () => {
			await runCommand('tlals: Show server log');
			const lines = page.locator('.part.panel .monaco-editor .view-line');
			let text = [];
			await waitFor('the start-up lines', async () => {
				text = (await lines.allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
				return text.some((l) => / lsp \(from bundled\)$/.test(l)) && text.some((l) => / initialize /.test(l));
			}, 30000).catch((e) => {
				throw new Error(`${e.message}: ${JSON.stringify(text)}`);
			});
			const start = text.find((l) => / lsp \(from bundled\)$/.test(l));
			const init = text.find((l) => / initialize /.test(l));
			for (const l of [start, init]) if (!/^\S+ \S+ \[info\] /.test(l)) throw new Error(`not an [info] line: ${JSON.stringify(l)}`);
			// The server's own time and level are not repeated after the channel's.
			if (/\bINFO\b/.test(init)) throw new Error(`zap's level left in ${JSON.stringify(init)}`);
			const errors = text.filter((l) => /\[error\]/.test(l));
			if (errors.length) throw new Error(`[error] lines: ${JSON.stringify(errors)}`);
			await page.keyboard.press('Control+J'); // the panel closed again
			return `${JSON.stringify(start.replace(/ \/\S+\/tlals lsp/, ' …/tlals lsp'))}, ${JSON.stringify(init.slice(0, 60))}…; ${text.length} lines, none [error]`;
		});

		await check('diagnostics: squiggle and Problems entry for an unknown identifier', async () => {
			await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 60000 });
			await shot('broken');
			await page.keyboard.press('Control+Shift+M');
			const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'undefinedThing' });
			await row.first().waitFor({ state: 'visible' });
			await shot('problems');
			const msg = row.first().locator('.marker-message-details, .marker-message, .monaco-highlighted-label').first();
			return ((await msg.textContent().catch(() => null)) ?? (await row.first().textContent())).trim().slice(0, 120);
		});

		await check('the server is restarted after a crash, diagnostics come back', async () => {
			const exe = process.env.SERVER_EXE;
			if (!exe) throw new Error('SERVER_EXE not set');
			// Only the server this test's code-server started: matched by its exact path.
			const pids = () =>
				fs.readdirSync('/proc').filter((d) => {
					if (!/^\d+$/.test(d)) return false;
					try {
						return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0')[0] === exe;
					} catch {
						return false;
					}
				});
			const before = pids();
			if (before.length !== 1) throw new Error(`${before.length} server processes, want 1`);
			process.kill(Number(before[0]), 'SIGKILL');
			await waitFor('a new server process', async () => {
				const now = pids();
				return now.length === 1 && now[0] !== before[0];
			}, 30000);
			const item = page.locator('.statusbar-item[id$="tlals.status"]').first();
			await waitFor('status "tlals" again', async () => ((await item.textContent()) ?? '').trim() === 'tlals', 30000);
			await page.locator('.markers-panel .monaco-list-row', { hasText: 'undefinedThing' }).first().waitFor({ state: 'visible', timeout: 30000 });
			return `killed pid ${before[0]}, restarted as pid ${pids()[0]}`;
		});

		await check('Enter continues a /\\ list (onEnter rules)', async () => {
			await page.locator('.monaco-editor .view-lines').first().click();
			await gotoLine(9);
			await page.keyboard.press('End');
			await page.waitForTimeout(300);
			await page.keyboard.press('Enter');
			await page.waitForTimeout(300);
			await page.keyboard.type('QQQ', { delay: 20 });
			const line = page.locator('.monaco-editor .view-line', { hasText: 'QQQ' }).first();
			await line.waitFor({ state: 'visible', timeout: 10000 });
			const text = (await line.textContent()).replace(/\u00a0/g, ' ');
			if (text !== '    /\\ QQQ') throw new Error(`new line is ${JSON.stringify(text)}, want "    /\\ QQQ"`);
			await page.keyboard.press('Control+Z');
			await page.keyboard.press('Control+Z');
			return JSON.stringify(text);
		});

		// Completion, rename and translation on Counter.tla, whose PlusCal is
		// not translated yet; each leaves the file as it was, but translated.
		const counter = fs.readFileSync(path.join(WS, 'Counter.tla'), 'utf8').split('\n');
		const counterLine = (needle) => counter.findIndex((l) => l.startsWith(needle)) + 1;
		await check('completion offers a definition of the module', async () => {
			await openFile('Counter.tla');
			await page.locator('.monaco-editor .view-lines:has-text("MODULE Counter")').waitFor({ state: 'visible' });
			await gotoLine(counterLine('AtMost =='));
			await page.keyboard.press('End');
			await page.keyboard.press('Enter');
			await page.keyboard.type('Foo == Bel', { delay: 20 });
			await page.keyboard.press('Control+Space');
			const labels = page.locator('.suggest-widget .monaco-list-row .label-name');
			await labels.first().waitFor({ state: 'visible', timeout: 15000 });
			const got = (await labels.allTextContents()).map((t) => t.trim());
			if (got[0] !== 'Below') throw new Error(`suggestions ${JSON.stringify(got)}, want "Below" first`);
			await page.keyboard.press('Enter');
			await waitFor('the accepted suggestion', async () => (await editorLines()).includes('Foo == Below'), 10000);
			await page.keyboard.press('Control+Shift+K'); // deletes the line again
			await waitFor('the line removed', async () => !(await editorLines()).some((l) => l.startsWith('Foo')), 10000);
			return `"Bel" + Ctrl+Space lists ${JSON.stringify(got)}; Enter inserts "Foo == Below"`;
		});

		await check('rename (F2) renames every occurrence, in the PlusCal too', async () => {
			await gotoLine(counterLine('Below(n) =='));
			await page.keyboard.press('F2');
			const input = page.locator('.rename-box .rename-input');
			await input.waitFor({ state: 'visible', timeout: 15000 });
			await input.fill('Under');
			await page.keyboard.press('Enter');
			const want = ['Under(n) == n < Limit', '    while Under(x) do', 'AtMost == Under(x) \\/ x = Limit'];
			let lines = [];
			await waitFor('the renamed lines', async () => {
				lines = await editorLines();
				return JSON.stringify(lines.filter((l) => /Under|Below/.test(l))) === JSON.stringify(want);
			}, 15000).catch((e) => {
				throw new Error(`${e.message}; lines with Under/Below: ${JSON.stringify(lines.filter((l) => /Under|Below/.test(l)))}`);
			});
			await page.keyboard.press('Control+Z');
			await waitFor('the rename undone', async () => (await editorLines()).includes('Below(n) == n < Limit'), 10000);
			return want.map((l) => JSON.stringify(l.trim())).join(', ');
		});

		await check('"Translate PlusCal" fills the translation block', async () => {
			await runCommand('tlals: Translate PlusCal', () => page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click());
			await waitFor('the translation in the editor', async () => (await editorLines()).includes('VARIABLES pc, x'), 20000);
			await page.keyboard.press('Control+S');
			const file = path.join(WS, 'Counter.tla');
			let text = '';
			await waitFor('Counter.tla saved', async () => (text = fs.readFileSync(file, 'utf8')).includes('VARIABLES pc, x'), 10000);
			const lines = text.split('\n');
			const begin = lines.findIndex((l) => l.startsWith('\\* BEGIN TRANSLATION'));
			const end = lines.indexOf('\\* END TRANSLATION');
			// As pcal.trans: a BEGIN line written without checksums keeps none.
			if (lines[begin] !== '\\* BEGIN TRANSLATION') {
				throw new Error(`BEGIN line is ${JSON.stringify(lines[begin])}`);
			}
			const block = lines.slice(begin + 1, end);
			if (block[0] !== 'VARIABLES pc, x') throw new Error(`the block starts with ${JSON.stringify(block[0])}, want "VARIABLES pc, x"`);
			for (const want of ['vars == << pc, x >>', 'Init == (* Global variables *)', 'Count == /\\ pc = "Count"', 'Next == Count', 'Spec == Init /\\ [][Next]_vars']) {
				if (!block.includes(want)) throw new Error(`the block lacks ${JSON.stringify(want)}: ${JSON.stringify(block)}`);
			}
			if (lines[end + 2] !== 'AtMost == Below(x) \\/ x = Limit') throw new Error(`after the block: ${JSON.stringify(lines.slice(end, end + 3))}`);
			return `${lines[begin]} … ${block.length} lines incl. "VARIABLES pc, x", "Spec == Init /\\ [][Next]_vars" … \\* END TRANSLATION`;
		});

		await check('PlusCal keywords highlighted inside the algorithm comment', async () => {
			await openFile(`${SPEC}.tla`);
			await page.locator('.monaco-editor .view-lines:has-text("--algorithm")').waitFor({ state: 'visible' });
			await waitFor('PlusCal tokens', async () => {
				const kw = await tokenClass('variables');
				const id = await tokenClass('uploads');
				return kw !== null && id !== null && kw !== id;
			});
			return `variables=${await tokenClass('variables')} uploads=${await tokenClass('uploads')}`;
		});

		// Model checking with the real server: a save checks the model (the
		// server's checkOnSave); the seed's bug is a CHOOSE with no candidate in
		// UploadWith(msg.id) after 4 states.
		const spec = fs.readFileSync(path.join(WS, `${SPEC}.tla`), 'utf8').split('\n');
		const lineOf = (needle) => {
			const i = spec.findIndex((l) => l.includes(needle));
			if (i < 0) throw new Error(`${needle} is not in ${SPEC}.tla`);
			return i + 1;
		};
		const bugLine = lineOf('with upload = UploadWith(msg.id) do');
		const bugCol = spec[bugLine - 1].indexOf('UploadWith(msg.id)') + 1;
		const item = page.locator('.statusbar-item[id$="tlals.status"]').first();
		const cursorLine = async () => {
			const t = (await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent({ timeout: 2000 }).catch(() => '')) ?? '';
			return Number(/Ln (\d+)/.exec(t)?.[1] ?? -1);
		};
		const saved = await check('save runs the check: the status bar shows the CHOOSE error', async () => {
			// Running: "tlals", or a result of an earlier check (the server also checks Broken.tla).
			await waitFor('the server running', async () => !/starting|stopped|failed|no server/.test(((await item.textContent()) ?? '').trim()), 60000);
			await page.locator('.monaco-editor .view-lines').first().click();
			await page.keyboard.press('Control+End');
			await page.keyboard.press('Enter'); // after the module's end: changes nothing the checker reads
			await page.keyboard.press('Control+S');
			// status.ts shows "✗" as the error icon: "(x) tlals error (42 states)"; Broken.tla's
			// result, which may come first, has 0 states.
			await waitFor('the result in the status bar', async () => /^tlals error \([1-9]\d* states\)$/.test(((await item.textContent()) ?? '').trim()), 60000);
			if ((await item.locator('.codicon-error').count()) !== 1) throw new Error('no error icon in the status bar item');
			return `(error icon) ${(await item.textContent()).trim()}`;
		});
		if (saved) {
			await check(`squiggle under UploadWith(msg.id) (line ${bugLine})`, async () => {
				await gotoLine(bugLine);
				await page.keyboard.press('Escape');
				await waitSquiggle('error', 'with upload = UploadWith(msg.id) do', 'UploadWith(msg.id)', '.monaco-editor');
				return `Ln ${bugLine}, Col ${bugCol}: the squiggle spans exactly "UploadWith(msg.id)"`;
			});

			await check('hover over UploadWith shows its definition and the error', async () => {
				const hover = await showHover('with upload = UploadWith(msg.id) do', 'UploadWith', 'UploadWith(id) == CHOOSE', '.monaco-editor');
				const text = (await hover.textContent()).replace(/\u00a0/g, ' ');
				for (const want of ['UploadWith(id) == CHOOSE u \\in uploads : u.id = id', `operator of module ${SPEC}`, 'no element of S satisfied P']) {
					if (!text.includes(want)) throw new Error(`hover lacks ${JSON.stringify(want)}: ${JSON.stringify(text.slice(0, 300))}`);
				}
				await shot('hover');
				await page.mouse.move(5, 450);
				await page.keyboard.press('Escape');
				return 'definition "UploadWith(id) == CHOOSE u \\in uploads : u.id = id" and "…no element of S satisfied P."';
			});

			await check('Problems lists the error at UploadWith(msg.id)', async () => {
				await page.keyboard.press('Control+Shift+M');
				const row = page.locator('.markers-panel .monaco-list-row', { hasText: `[Ln ${bugLine}, Col ${bugCol}]` }).first();
				await row.waitFor({ state: 'visible', timeout: 30000 });
				const text = (await row.textContent()).replace(/\u00a0/g, ' ');
				for (const want of ['no element of S satisfied P', '(in this call)', 'tlals']) {
					if (!text.includes(want)) throw new Error(`row lacks ${JSON.stringify(want)}: ${text}`);
				}
				await shot('problems-uploader');
				await page.keyboard.press('Control+Shift+M'); // closes the panel again
				return text.trim().slice(0, 160);
			});

			await check('code lenses show the result and the trace steps', async () => {
				await page.locator('.monaco-editor .view-lines').first().click();
				await gotoLine(lineOf('Init =='));
				const lenses = page.locator('.monaco-editor .codelens-decoration');
				let texts = [];
				await waitFor('the result lens', async () => {
					texts = (await lenses.allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').trim());
					return texts.some((t) => t.includes('✗ error in 4 steps')) && texts.some((t) => t.includes('step 2 · step 3 of 4'));
				}, 30000).catch((e) => {
					throw new Error(`${e.message}; lenses: ${JSON.stringify(texts)}`);
				});
				const init = texts.find((t) => t.includes('✗ error in 4 steps'));
				if (!init.includes('▶ Check')) throw new Error(`Init's lens is ${JSON.stringify(init)}, want "▶ Check | ✗ error in 4 steps"`);
				return texts.filter((t) => t).join(' ; ');
			});
		}

		const specTab = () => page.locator('.editor-group-container').first().locator('.tab', { hasText: `${SPEC}.tla` }).first();
		const trace = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
		const rows = trace.locator('#trace tbody tr.row');
		const panel = saved && (await check('the trace panel shows the 4 states, changed variables marked', async () => {
			await rows.nth(3).waitFor({ state: 'visible', timeout: 30000 });
			const n = await rows.count();
			const actions = (await trace.locator('#trace tbody tr.row td.action').allTextContents()).map((t) => t.trim());
			const want = ['Initial predicate', 'User(u1)', 'User(u1)', 'Receive(w1)'];
			if (JSON.stringify(actions) !== JSON.stringify(want)) throw new Error(`${n} rows with actions ${JSON.stringify(actions)}, want ${JSON.stringify(want)}`);
			const heads = (await trace.locator('#trace thead th').allTextContents()).map((t) => t.trim());
			const changedIn = async (i) => {
				const cls = await rows.nth(i).locator('td').evaluateAll((tds) => tds.map((td) => td.className));
				return cls.map((c, k) => (c.includes('changed') ? heads[k] : null)).filter(Boolean).sort();
			};
			const c2 = await changedIn(1);
			if (JSON.stringify(c2) !== JSON.stringify(['next_id', 'queue', 'uploads'])) throw new Error(`row 2 marks ${JSON.stringify(c2)}, want next_id, queue, uploads`);
			const c4 = await changedIn(3);
			if (JSON.stringify(c4) !== JSON.stringify(['msg', 'pc', 'queue'])) throw new Error(`row 4 marks ${JSON.stringify(c4)}, want msg, pc, queue`);
			return `${actions.join(' → ')}; row 2 changes ${c2.join(', ')}; row 4 changes ${c4.join(', ')}`;
		}));

		if (panel) {
			await check('"Trace: first/next state" move the cursor to Init, then to the User: label', async () => {
				// The spec's tab in the first group: the server's showDocument opens
				// the spec in the active group, which must not be the panel's.
				await specTab().click();
				await runCommand('tlals: Trace: first state', () => specTab().click());
				const init = lineOf('Init ==');
				await waitFor(`the cursor on line ${init}`, async () => (await cursorLine()) === init, 20000);
				await runCommand('tlals: Trace: next state', () => specTab().click());
				const user = lineOf('User:'); // the PlusCal label, not the translation
				// As after a row click: when the status bar shows no editor
				// position, refocus the spec's editor (its tab keeps the
				// selection the server set) to read the cursor.
				await waitFor(`the cursor on line ${user}`, async () => {
					const line = await cursorLine();
					if (line === -1) await specTab().click();
					return line === user;
				}, 20000).catch(async (e) => {
					const row = (await trace.locator('#trace tbody tr.row.current td.action').allTextContents().catch(() => [])).join();
					throw new Error(`${e.message}; the cursor is on line ${await cursorLine()}, the panel's current row is ${JSON.stringify(row)}`);
				});
				await waitFor('row 2 current in the panel', async () => (await rows.nth(1).getAttribute('class'))?.includes('current'), 10000);
				return `Ln ${init} (Init ==), then Ln ${user} (User:); row 2 current`;
			});
			await check('clicking a row jumps to its PlusCal label (tlals.trace.goto)', async () => {
				await rows.nth(3).locator('td.action').click();
				const want = lineOf('Receive:');
				// The server's showDocument keeps the focus in the panel: refocus the
				// editor (its tab keeps the selection) to read the cursor.
				await page.waitForTimeout(1000);
				await specTab().click();
				await waitFor(`the cursor on line ${want}`, async () => (await cursorLine()) === want, 15000);
				return `Ln ${want} (Receive:)`;
			});

			await check('"Pin expression…" adds a column with the server\'s value at every step', async () => {
				const expr = 'Len(queue)';
				await trace.locator('#pin').click();
				await fillQuickInput(expr);
				await page.keyboard.press('Enter');
				const want = ['0', '1', '2', '1'];
				let got = [];
				await waitFor(`the ${expr} column`, async () => {
					const heads = (await trace.locator('#trace thead th').allTextContents()).map((t) => t.trim());
					const k = heads.indexOf(expr);
					if (k < 0 || (await trace.locator('#trace thead th.pinned').count()) !== 1) return false;
					got = (await rows.locator(`td:nth-child(${k + 1})`).allTextContents()).map((t) => t.trim());
					return JSON.stringify(got) === JSON.stringify(want);
				}, 20000).catch((e) => {
					throw new Error(`${e.message}; column values ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
				});
				// The panel's pinned expressions are the setting the server evaluates.
				const settings = JSON.parse(fs.readFileSync(path.join(WS, '.vscode', 'settings.json'), 'utf8'));
				if (JSON.stringify(settings['tlals.pinnedExpressions']) !== JSON.stringify([expr])) {
					throw new Error(`workspace settings: ${JSON.stringify(settings)}`);
				}
				return `${expr} per row: ${got.join(', ')}; tlals.pinnedExpressions = ${JSON.stringify([expr])}`;
			});

			await check('screenshot: the failing line and its lens beside the trace panel', async () => {
				await specTab().click();
				// Both side bars closed: the width goes to the editor and the panel.
				if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
				await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
				if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
				await page.locator('.part.auxiliarybar').waitFor({ state: 'hidden' });
				await page.keyboard.press('Escape'); // the step's selection
				await gotoLine(bugLine);
				await page.mouse.move(800, 990); // no hover
				// Scroll (the cursor stays) until Init, with its lens, is in view too.
				const editor = page.locator('.editor-group-container').first().locator('.monaco-editor').first();
				const inView = async (loc, margin = 0) => {
					const e = await editor.boundingBox();
					const b = await loc.boundingBox({ timeout: 1000 }).catch(() => null);
					return !!(e && b && b.y >= e.y && b.y + b.height + margin <= e.y + e.height);
				};
				const lens = editor.locator('.codelens-decoration', { hasText: '✗ error in 4 steps' }).first();
				const init = editor.locator('.view-line', { hasText: 'Init == (* Global variables *)' }).first();
				const failing = editor.locator('.view-line', { hasText: 'with upload = UploadWith(msg.id) do' }).first();
				for (let i = 0; i < 40 && !(await inView(init, 20)); i++) await page.keyboard.press('Control+ArrowDown');
				if (!(await inView(lens)) || !(await inView(failing))) throw new Error(`line ${bugLine} and Init's lens do not fit together`);
				await editor.locator('.squiggly-error').first().waitFor({ state: 'visible' });
				// A settled frame: fonts loaded, two animation frames, then a pause for the webview.
				await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
				await page.waitForTimeout(1500); // the scroll bars fade out
				const sel = ((await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent()) ?? '').trim();
				if (/selected/.test(sel)) throw new Error(`a selection is left: ${sel}`);
				await shot('trace');
				fs.mkdirSync(SHOTS, { recursive: true });
				await page.screenshot({ path: path.join(SHOTS, 'vscode-trace.png') });
				return `${sel}; line ${bugLine} and "✗ error in 4 steps" in view`;
			});

			// ==== eval2 (issue #17): Evaluate, Export trace, heat map — one function per feature ====
			// The trace panel is on State 4 (Receive(w1)) after the row click above.
			const toast = (text) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
			const closeToasts = async () => {
				for (const b of await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').all()) await b.click().catch(() => undefined);
			};
			const e2eEvaluate = async () => {
				await check('"Evaluate expression…" shows the value in the trace\'s current state', async () => {
					await runCommand('tlals: Evaluate expression…', () => specTab().click());
					await fillQuickInput('Len(queue)');
					await page.keyboard.press('Enter');
					const want = 'tlals: Len(queue) (state 4) = 1';
					await toast(want).waitFor({ state: 'visible', timeout: 20000 });
					await closeToasts();
					return want;
				});
				// TLC passes an operator's argument unevaluated (LazyValue): the
				// CHOOSE over the empty uploads fails before msg.id is used
				await check('"Evaluate selection" on UploadWith(msg.id): the CHOOSE\'s error at the CHOOSE, the cursor there', async () => {
					await specTab().click();
					await page.keyboard.press('Control+G');
					await fillQuickInput(`:${bugLine}:${bugCol}`);
					await page.keyboard.press('Enter');
					await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
					for (let i = 0; i < 'UploadWith(msg.id)'.length; i++) await page.keyboard.press('Shift+ArrowRight');
					const sel = page.locator('.statusbar-item[id="status.editor.selection"]').first();
					await waitFor('18 characters selected', async () => /\(18 selected\)/.test((await sel.textContent()) ?? ''), 10000);
					// F1 straight away: a click would drop the selection
					await page.keyboard.press('F1');
					await fillQuickInput('>tlals: Evaluate selection');
					await page.locator('.quick-input-list .monaco-list-row[aria-label*="tlals: Evaluate selection"]').first().click();
					const shown = toast('no element of S satisfied P');
					await shown.waitFor({ state: 'visible', timeout: 20000 });
					const text = ((await shown.textContent()) ?? '').replace(/\u00a0/g, ' ');
					const m = new RegExp(`${SPEC}\\.tla:(\\d+):(\\d+): Attempted to compute the value of an expression of form`).exec(text);
					if (!m) throw new Error(`the toast reads ${JSON.stringify(text.slice(0, 300))}`);
					const [line, col] = [Number(m[1]), Number(m[2])];
					if (!(spec[line - 1] ?? '').slice(col - 1).startsWith('CHOOSE u \\in uploads')) throw new Error(`the error is at ${line}:${col}, not at UploadWith's CHOOSE: ${JSON.stringify(spec[line - 1])}`);
					await waitFor(`the cursor on Ln ${line}, Col ${col}`, async () => ((await sel.textContent()) ?? '').includes(`Ln ${line}, Col ${col}`), 10000);
					await closeToasts();
					return `UploadWith(msg.id) (state 4): error at ${line}:${col} (UploadWith's CHOOSE), the cursor there`;
				});
			};
			const e2eExportTrace = async () => {
				await check('"Export trace…" writes the 4 states to the file picked in the save dialog', async () => {
					const file = path.join(WS, `${SPEC}_TTrace.json`);
					fs.rmSync(file, { force: true });
					await runCommand('tlals: Export trace…', () => specTab().click());
					await fillQuickInput('json');
					await page.locator('.quick-input-list .monaco-list-row[aria-label*="json"]').first().waitFor({ state: 'visible', timeout: 10000 });
					await page.keyboard.press('Enter');
					// the save dialog (code-server's simple one) proposes Spec_TTrace.json beside the spec
					const input = page.locator('.quick-input-widget input');
					await waitFor('the save dialog', async () => ((await input.inputValue().catch(() => '')) ?? '').endsWith(`${SPEC}_TTrace.json`), 15000);
					await page.keyboard.press('Enter');
					let text = '';
					await waitFor(`${file} written`, async () => {
						text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
						return text.length > 0;
					}, 20000);
					const t = JSON.parse(text);
					if (t.counterexample?.state?.length !== 4) throw new Error(`${t.counterexample?.state?.length} states in ${file}`);
					await toast('tlals: trace written to').waitFor({ state: 'visible', timeout: 10000 });
					await closeToasts();
					return `${path.basename(file)}: ${t.counterexample.state.length} states, vars ${t.vars.join(', ')}`;
				});
			};
			const e2eHeatMap = async () => {
				await check('"Toggle heat map" shades the evaluated conjuncts, graded; toggled off, none', async () => {
					const shades = () =>
						page.evaluate(() => {
							const out = [];
							for (const e of document.querySelectorAll('.editor-group-container .monaco-editor .view-overlays div > div')) {
								const bg = getComputedStyle(e).backgroundColor;
								if (/^rgba\(255, (160|130|100|60|0), 0, /.test(bg)) out.push(bg);
							}
							return out;
						});
					await specTab().click();
					await gotoLine(lineOf('Receive(self) =='));
					await runCommand('tlals: Toggle heat map', () => specTab().click());
					let got = [];
					await waitFor('shaded conjuncts', async () => (got = await shades()).length > 0, 20000);
					const settings = JSON.parse(fs.readFileSync(path.join(WS, '.vscode', 'settings.json'), 'utf8'));
					if (settings['tlals.heatMap.enable'] !== true) throw new Error(`workspace settings: ${JSON.stringify(settings)}`);
					await shot('heatmap');
					if (SHOTS) {
						fs.mkdirSync(SHOTS, { recursive: true });
						await page.screenshot({ path: path.join(SHOTS, 'vscode-heatmap.png') });
					}
					await runCommand('tlals: Toggle heat map', () => specTab().click());
					await waitFor('no shade left', async () => (await shades()).length === 0, 20000);
					return `${got.length} shaded on screen near Receive(self) ==, ${new Set(got).size} grades: ${[...new Set(got)].join(' ')}`;
				});
			};
			await e2eEvaluate();
			await e2eExportTrace();
			await e2eHeatMap();
			// ==== end eval2 ====
		}

		// The debugger (tlals dap): a breakpoint on the PlusCal label Create:
		// of the seed demo stops at the first step of the action translated
		// from it; the call stack is the behaviour, the variables the state.
		await check('debugger: a breakpoint on the Create: step stops there, with the variables', async () => {
			const createLine = lineOf('Create:');
			await specTab().click();
			await gotoLine(createLine);
			await page.keyboard.press('F9');
			await page.locator('.monaco-editor .codicon-debug-breakpoint').first().waitFor({ state: 'visible', timeout: 10000 });
			await runCommand('TLA+: Debug model', () => specTab().click());
			try {
				return await debugStop(createLine);
			} finally {
				// a session left running (a failed wait) would take the focus
				// from every check after this one
				if (await page.locator('.debug-toolbar').isVisible().catch(() => false)) {
					await page.keyboard.press('Shift+F5');
					await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 15000 }).catch(() => undefined);
				}
			}
		});
		async function debugStop(createLine) {
			const stack = page.locator('.debug-call-stack .monaco-list-row');
			// the model is checked up to the breakpoint first: minutes on a loaded machine
			await waitFor('the stop in the call stack', async () => ((await stack.allTextContents()).join(' | ')).includes('Create(w1) → state #16'), 150000);
			const frames = (await stack.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
			for (const want of ['State #5: Receive(w1)', 'State #1: User(u1)', 'State #0: Initial predicate']) {
				if (!frames.some((f) => f.includes(want))) throw new Error(`no frame ${want}: ${frames.join(' | ')}`);
			}
			const vars = page.locator('.debug-variables .monaco-list-row');
			// the State scope, expanded unless VS Code did it
			const scope = vars.filter({ hasText: /^\s*State\s*$/ }).first();
			await scope.waitFor({ state: 'visible', timeout: 30000 });
			if ((await scope.getAttribute('aria-expanded')) !== 'true') await scope.click();
			const want = ['pc = (u1 :> "User" @@ w1 :> "Create")', 'content = {}', 'next_id = 2', 'queue = <<>>'];
			// the row's text: name and value (the separator may be drawn by CSS)
			const norm = (t) => t.replace(/[\s=:]+/g, '');
			let got = [];
			await waitFor('the state in the variables view', async () => {
				got = (await vars.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
				return want.every((w) => got.some((g) => norm(g) === norm(w)));
			}, 30000).catch((e) => {
				throw new Error(`${e.message}: rows ${JSON.stringify(got)}`);
			});
			await shot('debug');
			if (SHOTS) {
				fs.mkdirSync(SHOTS, { recursive: true });
				await page.screenshot({ path: path.join(SHOTS, 'vscode-debug.png') });
			}
			return `stopped at line ${createLine}'s action: ${frames[0]}; ${want.join(', ')}`;
		}
		if (panel) {
			await followActiveChecks(specTab, item, rows, trace);
			await tlcEngineChecks(specTab, item, rows, trace, lineOf);
		}
		await fmt2Checks(); // the fmt2 block
		await e2e12Checks(); // the e2e12 block
		await shot('final');
	}

} catch (e) {
	if (e !== onlyDone) {
		report('FAIL', 'driver', String(e?.message ?? e).split('\n')[0]);
		await shot('error');
	}
} finally {
	await browser.close().catch(() => undefined);
}

const failed = results.filter((r) => r.status === 'FAIL');
const passed = results.filter((r) => r.status === 'PASS');
console.log(`TLALS-E2E VERDICT ${failed.length === 0 && passed.length > 0 ? 'PASS' : 'FAIL'} (${passed.length} passed, ${failed.length} failed, ${results.length - passed.length - failed.length} absent or skipped)`);
process.exit(failed.length === 0 ? 0 : 1);
