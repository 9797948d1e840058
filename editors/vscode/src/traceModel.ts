// The trace table: rows of states, a column per pinned expression and per
// variable, each cell with its diff against the previous row.
// Pure (no vscode import); the webview renders it, the tests check it.

import { CheckResult, SourceRange } from './lsp_ext';
import { Diff, diffValues, escapeHtml, renderValueHtml, UNCHANGED } from './diff';
import { Value, parseValue } from './value';

export interface Cell {
	text: string;
	value: Value;
	diff: Diff;
}

export interface Row {
	index: number; // 0-based
	action: string;
	location?: SourceRange;
	cells: Cell[]; // one per column
	/** The row is part of the liveness cycle (lassoStart..end). */
	inCycle: boolean;
	/** The row is where the cycle loops back to. */
	cycleStart: boolean;
}

export interface Column {
	name: string;
	pinned: boolean; // a pinned expression rather than a variable
}

export interface TraceTable {
	title: string;
	/** The result's message, shown when there is no trace (what to do next). */
	message?: string;
	/** The spec's file name, when the caller knows it. */
	spec?: string;
	columns: Column[];
	rows: Row[];
	current: number; // -1: none
}

/**
 * buildTable lays out a result. pinned are the pinnedExpressions setting's
 * expressions, in its order; their values are the server's, per step.
 */
export function buildTable(result: CheckResult, pinned: string[] = [], current = -1): TraceTable {
	const trace = result.trace ?? [];
	// Every variable of any state, so a state that lacks one still lines up;
	// sorted, as a state is a JSON object whose key order the server does not keep.
	const vars = [...new Set(trace.flatMap((st) => Object.keys(st.state)))].sort();
	// Pinned first: the user chose them, and a wide state would push them out of view.
	const columns: Column[] = [...pinned.map((name) => ({ name, pinned: true })), ...vars.map((name) => ({ name, pinned: false }))];
	const lasso = typeof result.lassoStart === 'number' ? result.lassoStart : -1;
	const rows: Row[] = [];
	let prev: Cell[] | undefined;
	trace.forEach((st, i) => {
		const cells: Cell[] = columns.map((c, ci) => {
			let text: string;
			if (c.pinned) {
				// The server sends an evaluation error as "error: <message>".
				const v = st.pinned?.[c.name] ?? '';
				text = v.startsWith('error: ') ? `⚠ ${v.slice('error: '.length)}` : v;
			} else {
				text = st.state[c.name] ?? '';
			}
			const value = parseValue(text);
			const diff = prev && text !== '' && prev[ci].text !== '' ? diffValues(prev[ci].value, value) : UNCHANGED;
			return { text, value, diff };
		});
		rows.push({
			index: i,
			action: st.action || (i === 0 ? 'Initial predicate' : '?'),
			location: st.where ?? st.location ?? undefined,
			cells,
			inCycle: lasso >= 0 && i >= lasso,
			cycleStart: i === lasso,
		});
		prev = cells;
	});
	const title = result.property ? `${result.outcome}: ${result.property}` : result.outcome;
	return { title, message: result.message || undefined, columns, rows, current: Math.min(current, rows.length - 1) };
}

/** changedColumns names the columns whose value changed in a row. */
export function changedColumns(t: TraceTable, row: number): string[] {
	return t.columns.filter((_, ci) => t.rows[row]?.cells[ci].diff.changed).map((c) => c.name);
}

/** moveCursor is the keyboard navigation over rows. */
export function moveCursor(t: TraceTable, from: number, key: string): number {
	const last = t.rows.length - 1;
	if (last < 0) return -1;
	switch (key) {
		case 'ArrowDown':
		case 'j':
			return Math.min(last, from + 1);
		case 'ArrowUp':
		case 'k':
			return Math.max(0, from - 1);
		case 'Home':
		case 'g':
			return 0;
		case 'End':
		case 'G':
			return last;
		default:
			return from;
	}
}

export const LONG_VALUE = 80;

/** renderCellHtml renders one cell; long values collapse into <details>. */
export function renderCellHtml(c: Cell): string {
	const body = renderValueHtml(c.value, c.diff);
	if (c.text.length <= LONG_VALUE) return body;
	const head = escapeHtml(c.text.slice(0, LONG_VALUE - 1)) + '…';
	return `<details><summary>${c.diff.changed ? `<span class="chg">${head}</span>` : head}</summary><div class="full">${body}</div></details>`;
}

/** renderTableHtml renders the whole table (no <html> wrapper; the panel adds it). */
export function renderTableHtml(t: TraceTable): string {
	const spec = t.spec ? `${escapeHtml(t.spec)}: ` : '';
	if (t.rows.length === 0) {
		const msg = t.message ? `<p class="message">${escapeHtml(t.message)}</p>` : '';
		return `<p class="empty">${spec}No trace: ${escapeHtml(t.title || 'run Check model first')}.</p>${msg}`;
	}
	const head = ['#', 'Action', ...t.columns.map((c) => c.name)]
		.map((h, i) => `<th${i >= 2 && t.columns[i - 2].pinned ? ` class="pinned" title="pinned expression: click to unpin" data-expr="${escapeHtml(t.columns[i - 2].name)}"` : ''}>${escapeHtml(h)}</th>`)
		.join('');
	const body = t.rows
		.map((r) => {
			const cls = ['row', r.inCycle ? 'cycle' : '', r.cycleStart ? 'cycle-start' : '', r.index === t.current ? 'current' : '']
				.filter(Boolean)
				.join(' ');
			const loc = r.location ? ` title="${escapeHtml(`${r.location.file}:${r.location.startLine}:${r.location.startColumn}`)}"` : '';
			const mark = r.cycleStart ? ' <span class="loop" title="the cycle starts here">⟲</span>' : '';
			const cells = r.cells.map((c) => `<td class="val${c.diff.changed ? ' changed' : ''}"><div class="v">${renderCellHtml(c)}</div></td>`).join('');
			return `<tr class="${cls}" data-step="${r.index}" tabindex="-1"><td class="idx">${r.index + 1}${mark}</td><td class="action"${loc}>${escapeHtml(r.action)}</td>${cells}</tr>`;
		})
		.join('\n');
	return `<h3 class="title">${spec}${escapeHtml(t.title)}</h3><div class="scroll"><table id="trace"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
