// A recursive diff of two TLA+ values, and HTML rendering of a value with
// its changed parts marked. Pure: no vscode import, unit-tested in test/.

import { Value, formatValue } from './value';

/**
 * Diff says what changed in a value relative to the previous state.
 * `changed` is true when anything below changed. `whole` marks a value that
 * is new or replaced entirely (a different kind, a new element, an atom
 * with a different text). `children` are keyed by sequence index, record
 * field, function key or set element (their printed form), and list only
 * the parts that changed. `removed` lists the printed parts that are gone.
 */
export interface Diff {
	changed: boolean;
	whole?: boolean;
	children?: Map<string, Diff>;
	removed?: string[];
	/** How children are keyed: record fields print as .f, the rest as [k]. */
	fields?: boolean;
}

export const UNCHANGED: Diff = Object.freeze({ changed: false }) as Diff;
const WHOLE: Diff = Object.freeze({ changed: true, whole: true }) as Diff;

/** diffValues diffs `cur` against `prev`; prev undefined means no previous state. */
export function diffValues(prev: Value | undefined, cur: Value): Diff {
	if (prev === undefined) return UNCHANGED;
	if (prev.kind !== cur.kind) return WHOLE;
	switch (cur.kind) {
		case 'atom':
			return (prev as typeof cur).text === cur.text ? UNCHANGED : WHOLE;
		case 'seq': {
			const p = (prev as typeof cur).items;
			return keyed(
				p.map((v, i) => [String(i + 1), v] as [string, Value]),
				cur.items.map((v, i) => [String(i + 1), v] as [string, Value]),
			);
		}
		case 'rec':
			return keyed((prev as typeof cur).fields, cur.fields, true);
		case 'fcn':
			return keyed(
				(prev as typeof cur).pairs.map(([k, v]) => [formatValue(k), v] as [string, Value]),
				cur.pairs.map(([k, v]) => [formatValue(k), v] as [string, Value]),
			);
		case 'set': {
			// Set elements have no identity beyond their value: an element is
			// either kept or added; nothing inside an element "changes".
			const before = new Set((prev as typeof cur).items.map(formatValue));
			const now = new Set(cur.items.map(formatValue));
			const children = new Map<string, Diff>();
			for (const k of now) if (!before.has(k)) children.set(k, WHOLE);
			const removed = [...before].filter((k) => !now.has(k));
			return finish(children, removed);
		}
	}
}

function keyed(prev: [string, Value][], cur: [string, Value][], fields = false): Diff {
	const before = new Map(prev);
	const children = new Map<string, Diff>();
	for (const [k, v] of cur) {
		const d = before.has(k) ? diffValues(before.get(k), v) : WHOLE;
		if (d.changed) children.set(k, d);
	}
	const now = new Set(cur.map(([k]) => k));
	const removed = prev.map(([k]) => k).filter((k) => !now.has(k));
	return finish(children, removed, fields);
}

function finish(children: Map<string, Diff>, removed: string[], fields = false): Diff {
	if (children.size === 0 && removed.length === 0) return UNCHANGED;
	const d: Diff = { changed: true, children };
	if (fields) d.fields = true;
	if (removed.length) d.removed = removed;
	return d;
}

/** changedPaths lists the changed parts as paths such as `x.a[2]`, for tests and text views. */
export function changedPaths(d: Diff, base = ''): string[] {
	if (!d.changed) return [];
	if (d.whole || !d.children) return [base];
	const out: string[] = [];
	for (const [k, c] of d.children) out.push(...changedPaths(c, d.fields ? `${base}.${k}` : `${base}[${k}]`));
	for (const k of d.removed ?? []) out.push(`${base}-${k}`);
	return out;
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** renderValueHtml prints v as HTML, wrapping changed parts in <span class="chg">. */
export function renderValueHtml(v: Value, d: Diff = UNCHANGED): string {
	if (d.whole) return `<span class="chg">${escapeHtml(formatValue(v))}</span>`;
	const child = (k: string) => d.children?.get(k) ?? UNCHANGED;
	const removed = d.removed?.length
		? ` <span class="rm" title="removed: ${escapeHtml(d.removed.join(', '))}">−${d.removed.length}</span>`
		: '';
	switch (v.kind) {
		case 'atom':
			return escapeHtml(v.text);
		case 'seq':
			return `&lt;&lt;${v.items.map((x, i) => renderValueHtml(x, child(String(i + 1)))).join(', ')}&gt;&gt;${removed}`;
		case 'set':
			return `{${v.items.map((x) => renderValueHtml(x, child(formatValue(x)))).join(', ')}}${removed}`;
		case 'rec':
			return `[${v.fields.map(([k, x]) => `${escapeHtml(k)} |-&gt; ${renderValueHtml(x, child(k))}`).join(', ')}]${removed}`;
		case 'fcn':
			return `(${v.pairs
				.map(([k, x]) => `${escapeHtml(formatValue(k))} :&gt; ${renderValueHtml(x, child(formatValue(k)))}`)
				.join(' @@ ')})${removed}`;
	}
}
