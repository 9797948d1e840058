import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseValue, formatValue } from '../src/value';
import { changedPaths, diffValues, renderValueHtml } from '../src/diff';

const d = (a: string, b: string) => changedPaths(diffValues(parseValue(a), parseValue(b)), 'x');

test('parse round-trips TLC values', () => {
	for (const s of [
		'1',
		'-3',
		'"a \\"q\\" b"',
		'TRUE',
		'<<>>',
		'<<1, 2, <<3>>>>',
		'{}',
		'{1, 2, 3}',
		'[a |-> 1, b |-> {<<"x", 2>>}]',
		'(u1 :> "idle" @@ u2 :> [pc |-> "Receive"])',
		'{[from |-> u1, version |-> 1, id |-> 1]}',
	]) {
		assert.equal(formatValue(parseValue(s)), s, s);
	}
});

test('unknown syntax stays an atom with the raw text', () => {
	for (const s of ['1..3', '[x \\in {1, 2} |-> x]', 'Nat', '{1, 2', '']) {
		const v = parseValue(s);
		if (s === 'Nat') assert.deepEqual(v, { kind: 'atom', text: 'Nat' });
		else assert.equal(v.kind, 'atom', s);
	}
});

test('unchanged values have no diff', () => {
	assert.deepEqual(d('[a |-> 1, b |-> <<1, 2>>]', '[a |-> 1, b |-> <<1, 2>>]'), []);
	assert.deepEqual(d('{1, 2}', '{1, 2}'), []);
});

test('atoms and kind changes mark the whole value', () => {
	assert.deepEqual(d('1', '2'), ['x']);
	assert.deepEqual(d('<<1>>', '{1}'), ['x']);
});

test('records diff by field, recursively', () => {
	assert.deepEqual(d('[a |-> 1, b |-> [c |-> 2, d |-> 3]]', '[a |-> 1, b |-> [c |-> 2, d |-> 4]]'), ['x.b.d']);
	assert.deepEqual(d('[a |-> 1]', '[a |-> 1, n |-> 0]'), ['x.n']);
	assert.deepEqual(d('[a |-> 1, n |-> 0]', '[a |-> 1]'), ['x-n']);
});

test('sequences diff by index; appended items are new', () => {
	assert.deepEqual(d('<<1, 2>>', '<<1, 3>>'), ['x[2]']);
	assert.deepEqual(d('<<1>>', '<<1, [id |-> 2]>>'), ['x[2]']);
	assert.deepEqual(d('<<1, 2>>', '<<1>>'), ['x-2']);
});

test('functions diff by key', () => {
	assert.deepEqual(d('(w1 :> "a" @@ w2 :> [v |-> 1])', '(w1 :> "a" @@ w2 :> [v |-> 2])'), ['x[w2].v']);
});

test('sets: added and removed elements', () => {
	assert.deepEqual(d('{1, 2}', '{2, 3}'), ['x[3]', 'x-1']);
	assert.deepEqual(d('{[id |-> 1, v |-> 1]}', '{[id |-> 1, v |-> 2]}'), ['x[[id |-> 1, v |-> 2]]', 'x-[id |-> 1, v |-> 1]']);
});

test('no previous state: nothing is marked', () => {
	assert.equal(diffValues(undefined, parseValue('1')).changed, false);
});

test('rendering marks only the changed parts, escaped', () => {
	const prev = parseValue('[a |-> "<", b |-> <<1, 2>>]');
	const cur = parseValue('[a |-> "<", b |-> <<1, 5>>]');
	const html = renderValueHtml(cur, diffValues(prev, cur));
	assert.equal(html, '[a |-&gt; &quot;&lt;&quot;, b |-&gt; &lt;&lt;1, <span class="chg">5</span>&gt;&gt;]');
	const gone = renderValueHtml(parseValue('{1}'), diffValues(parseValue('{1, 2}'), parseValue('{1}')));
	assert.match(gone, /class="rm" title="removed: 2">−1</);
});
