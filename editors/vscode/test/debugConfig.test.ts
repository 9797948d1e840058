import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEBUG_TYPE, completeLaunch } from '../src/debugConfig';

test('a launch configuration gets the active spec, the chosen model and the search path', () => {
	assert.deepEqual(completeLaunch({ type: '', request: '', name: '' }, '/w/Spec.tla', '/w/MC.cfg', ['/lib']), {
		config: { type: 'tlals', request: 'launch', name: 'Debug model', spec: '/w/Spec.tla', model: '/w/MC.cfg', searchPath: ['/lib'] },
	});
	assert.deepEqual(completeLaunch({ type: 'tlals', request: 'launch', name: 'x', spec: '${file}', model: '/w/A.cfg', stopOnEntry: true }, '/w/B.tla', '/w/MC.cfg', []), {
		config: { type: 'tlals', request: 'launch', name: 'x', spec: '/w/B.tla', model: '/w/A.cfg', stopOnEntry: true },
	});
	assert.deepEqual(completeLaunch({ type: 'tlals', request: 'launch', name: 'x', spec: '/w/C.tla' }, undefined, undefined, []), {
		config: { type: 'tlals', request: 'launch', name: 'x', spec: '/w/C.tla' },
	});
	assert.ok('error' in completeLaunch({ type: 'tlals', request: 'launch', name: 'x' }, undefined, undefined, []));
});

test('the debugger is contributed: type, launch attributes, snippet, command, breakpoints', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
	const dbg = pkg.contributes.debuggers.find((d: { type: string }) => d.type === DEBUG_TYPE);
	assert.ok(dbg, 'no debugger of type tlals');
	assert.deepEqual(Object.keys(dbg.configurationAttributes.launch.properties).sort(), ['model', 'searchPath', 'spec', 'stopOnEntry']);
	assert.equal(dbg.configurationSnippets[0].body.type, DEBUG_TYPE);
	assert.deepEqual(pkg.contributes.breakpoints, [{ language: 'tlaplus' }]);
	const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'tlals.debugModel');
	assert.equal(`${cmd.category}: ${cmd.title}`, 'TLA+: Debug model');
});
