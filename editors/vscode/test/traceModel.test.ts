import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildTable, changedColumns, moveCursor, renderTableHtml, LONG_VALUE } from '../src/traceModel';
import { CheckResult, summarize, TraceStep } from '../src/lsp_ext';

const loc = (line: number) => ({ file: '/s/Uploader.tla', startLine: line, startColumn: 5, endLine: line, endColumn: 20 });

const result: CheckResult = {
	outcome: 'invariant',
	property: 'NoOrphanContent',
	distinctStates: 42,
	trace: [
		{ action: 'Initial predicate', state: { uploads: '{}', queue: '<<>>', pc: '(w1 :> "Receive")' } },
		{ action: 'User', location: loc(30), state: { uploads: '{[id |-> 1, v |-> 1]}', queue: '<<[id |-> 1, action |-> "create"]>>', pc: '(w1 :> "Receive")' } },
		{ action: 'Receive', location: loc(55), state: { uploads: '{[id |-> 1, v |-> 1]}', queue: '<<>>', pc: '(w1 :> "Create")' } },
	],
	lassoStart: 1,
};

test('rows, columns and changed columns', () => {
	const t = buildTable(result);
	assert.deepEqual(t.columns.map((c) => c.name), ['pc', 'queue', 'uploads']);
	assert.equal(t.rows.length, 3);
	assert.equal(t.title, 'invariant: NoOrphanContent');
	assert.deepEqual(changedColumns(t, 0), []);
	assert.deepEqual(changedColumns(t, 1), ['queue', 'uploads']);
	assert.deepEqual(changedColumns(t, 2), ['pc', 'queue']);
	assert.equal(t.rows[2].location?.startLine, 55);
});

test('the liveness cycle is marked from lassoStart', () => {
	const t = buildTable(result);
	assert.deepEqual(t.rows.map((r) => r.inCycle), [false, true, true]);
	assert.deepEqual(t.rows.map((r) => r.cycleStart), [false, true, false]);
	assert.match(renderTableHtml(t), /class="row cycle cycle-start" data-step="1"/);
	assert.equal(buildTable({ ...result, lassoStart: null }).rows.some((r) => r.inCycle), false);
});

test('pinned expressions are the first columns, with the server\'s values, diffed like variables', () => {
	const values = ['0', '1', '0'];
	const pinned: CheckResult = {
		...result,
		trace: result.trace!.map((st, i): TraceStep => ({ ...st, pinned: i === 1 ? { 'Len(queue)': values[i] } : { 'Len(queue)': values[i], Bad: 'error: unknown operator' } })),
	};
	const t = buildTable(pinned, ['Len(queue)', 'Bad']);
	assert.deepEqual(t.columns.map((c) => `${c.name}:${c.pinned}`), ['Len(queue):true', 'Bad:true', 'pc:false', 'queue:false', 'uploads:false']);
	assert.deepEqual(changedColumns(t, 1), ['Len(queue)', 'queue', 'uploads']);
	assert.equal(t.rows[0].cells[1].text, '⚠ unknown operator');
	assert.equal(t.rows[1].cells[1].text, '');
});

test('keyboard navigation stays within the rows', () => {
	const t = buildTable(result);
	assert.equal(moveCursor(t, 0, 'ArrowUp'), 0);
	assert.equal(moveCursor(t, 0, 'j'), 1);
	assert.equal(moveCursor(t, 2, 'ArrowDown'), 2);
	assert.equal(moveCursor(t, 1, 'G'), 2);
	assert.equal(moveCursor(t, 2, 'Home'), 0);
	assert.equal(moveCursor(buildTable({ outcome: 'ok' }), 0, 'j'), -1);
});

test('long values collapse into details; changed parts stay marked', () => {
	const big = `{${Array.from({ length: 40 }, (_, i) => i).join(', ')}}`;
	const bigger = `{${Array.from({ length: 41 }, (_, i) => i).join(', ')}}`;
	assert.ok(big.length > LONG_VALUE);
	const t = buildTable({ outcome: 'deadlock', trace: [{ action: 'Init', state: { s: big } }, { action: 'Add', state: { s: bigger } }] });
	const html = renderTableHtml(t);
	assert.match(html, /<details><summary><span class="chg">\{0, 1/);
	assert.match(html, /<span class="chg">40<\/span>\}/);
});

test('an empty trace renders a message; current row is marked', () => {
	assert.match(renderTableHtml(buildTable({ outcome: 'ok' })), /No trace/);
	assert.match(renderTableHtml(buildTable(result, [], 2)), /class="row cycle current" data-step="2"/);
});

test('the table names its spec; without a trace it says why, and what to do', () => {
	const none = buildTable({ outcome: 'no model', message: 'No model: create NoModel.cfg' });
	none.spec = 'NoModel.tla';
	assert.equal(renderTableHtml(none), '<p class="empty">NoModel.tla: No trace: no model.</p><p class="message">No model: create NoModel.cfg</p>');
	const t = buildTable(result);
	t.spec = 'Uploader.tla';
	assert.match(renderTableHtml(t), /^<h3 class="title">Uploader\.tla: invariant: NoOrphanContent<\/h3>/);
});

test('summaries for the status bar', () => {
	assert.deepEqual(summarize({ outcome: 'ok', distinctStates: 7 }), { ok: true, text: '✓ 7 states' });
	assert.deepEqual(summarize(result), { ok: false, text: '✗ invariant NoOrphanContent (42 states)' });
	// found by simulation: its trace's length, not a count of stored states
	const sim = { ...result, simulation: { behaviours: 1 } };
	assert.deepEqual(summarize(sim), { ok: false, text: `✗ invariant NoOrphanContent (simulation, ${result.trace!.length} steps)` });
});

test('value cells wrap within a bounded column; the table scrolls sideways only when that does not fit', () => {
	const html = renderTableHtml(buildTable(result));
	assert.match(html, /<div class="scroll"><table id="trace">[^]*<\/table><\/div>$/);
	assert.match(html, /data-step="1"[^\n]*<td class="val"><div class="v">\(w1 :&gt; &quot;Receive&quot;\)<\/div><\/td><td class="val changed"><div class="v">/);
	const css = fs.readFileSync(path.join(__dirname, '..', '..', 'media', 'trace.css'), 'utf8');
	const rule = (sel: string) => css.match(new RegExp(`^${sel.replaceAll('.', '\\.')} \\{([^}]*)\\}`, 'm'))?.[1] ?? '';
	// break-word, not anywhere: a column never shrinks below its longest word
	assert.match(rule('td.val .v'), /max-width: 48ch; white-space: pre-wrap; overflow-wrap: break-word;/);
	assert.match(rule('.scroll'), /overflow-x: auto/);
	assert.doesNotMatch(css, /^td \{ white-space: nowrap/m);
});
