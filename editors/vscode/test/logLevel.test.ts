import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { levelled, zapLevel, zapText } from '../src/logLevel';

test('zap levels', () => {
	assert.equal(zapLevel('2026-12-07T05:40:01.123Z\tINFO\tlsp/server.go:178\tserving'), 'info');
	assert.equal(zapLevel('2026-12-07T05:40:01.123Z\tDEBUG\tcheck: cached'), 'debug');
	assert.equal(zapLevel('t\tWARN\tcould not reserve stdout'), 'warn');
	assert.equal(zapLevel('t\tERROR\tpanic in check run'), 'error');
	assert.equal(zapLevel('panic: runtime error'), undefined);
});

test('zap text: the line without its time and level', () => {
	assert.equal(zapText('2026-12-07T08:54:28.844Z\tINFO\tinitialize\t{"client": "code-server"}'), 'initialize\t{"client": "code-server"}');
	assert.equal(zapText('panic: runtime error'), 'panic: runtime error');
	assert.equal(zapText('a\tb\tINFO\tc'), 'a\tb\tINFO\tc');
});

test('stderr lines are logged at zap\'s level', () => {
	const got: string[] = [];
	const fake = {
		name: 'tlals',
		info: (m: string) => got.push(`info ${m}`),
		debug: (m: string) => got.push(`debug ${m}`),
		warn: (m: string) => got.push(`warn ${m}`),
		error: (m: string | Error) => got.push(`error ${m}`),
	} as unknown as vscode.LogOutputChannel;
	const ch = levelled(fake);
	ch.error('t\tINFO\tserving');
	ch.error('t\tWARN\tslow');
	ch.error('goroutine 1 [running]:');
	ch.info('starting');
	ch.error('t\tERROR\tpanic in check run\t{"model": "M.cfg"}');
	// The channel shows its own time and level: zap's are dropped.
	assert.deepEqual(got, ['info serving', 'warn slow', 'error goroutine 1 [running]:', 'info starting', 'error panic in check run\t{"model": "M.cfg"}']);
	assert.equal(ch.name, 'tlals');
});
