import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RestartPolicy } from '../src/restart';
import { findServer } from '../src/serverPath';

test('at most 5 restarts in 3 minutes', () => {
	let now = 0;
	const p = new RestartPolicy(5, 180_000, () => now);
	for (let i = 0; i < 5; i++) {
		assert.equal(p.crashed(), true, `crash ${i + 1}`);
		now += 10_000;
	}
	assert.equal(p.crashed(), false, 'the 6th crash within the window');
	now += 180_000;
	assert.equal(p.crashed(), true, 'old crashes fall out of the window');
	p.reset();
	assert.equal(p.crashed(), true);
});

test('server path: setting, then PATH, then bundled', () => {
	const exec = new Set(['/opt/tlals', '/usr/local/bin/tlals', '/ext/server/tlals', '/home/me/bin/tlals']);
	const l = (PATH: string) => ({ isExecutable: (p: string) => exec.has(p), env: { PATH, HOME: '/home/me' }, platform: 'linux' });
	assert.deepEqual(findServer('/opt/tlals', '/ext', l('/usr/local/bin')), { path: '/opt/tlals', source: 'setting' });
	assert.deepEqual(findServer('~/bin/tlals', '/ext', l('')), { path: '/home/me/bin/tlals', source: 'setting' });
	assert.match((findServer('/nope', '/ext', l('/usr/local/bin')) as { error: string }).error, /not an executable/);
	assert.deepEqual(findServer('', '/ext', l('/usr/bin:/usr/local/bin')), { path: '/usr/local/bin/tlals', source: 'PATH' });
	assert.deepEqual(findServer(undefined, '/ext', l('/usr/bin')), { path: '/ext/server/tlals', source: 'bundled' });
	assert.ok('error' in findServer(undefined, '/elsewhere', l('/usr/bin')));
});
