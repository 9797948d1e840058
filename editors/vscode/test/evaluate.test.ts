import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluationText, traceFileName } from '../src/lsp_ext';

test('an evaluation shows "expr = value", its state, or its error', () => {
	assert.equal(evaluationText({ expression: 'Len(queue)', model: 'Uploader.cfg', value: '1' }), 'Len(queue) = 1');
	assert.equal(evaluationText({ expression: '<<x,\n  y>>', model: 'M.cfg', step: 3, value: '<<1, 2>>' }), '<<x, y>> (state 4) = <<1, 2>>');
	assert.equal(evaluationText({ expression: '1 + Foo', model: 'M.cfg', error: '1:5: unknown operator `Foo`' }), '1 + Foo: error: 1:5: unknown operator `Foo`');
});

test('an exported trace is named as TLC names it', () => {
	assert.equal(traceFileName('/w/Spec.tla', 'tla'), '/w/Spec_TTrace.tla');
	assert.equal(traceFileName('/w/Spec.tla', 'json'), '/w/Spec_TTrace.json');
	assert.equal(traceFileName('/w/Spec.tla', 'itf'), '/w/Spec_TTrace.itf.json');
});
