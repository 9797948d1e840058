import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { restrictSettings } from '../src/trust';

test('an untrusted workspace never checks by itself', () => {
	assert.deepEqual(restrictSettings({ checkOnSave: true, checkOnIdle: 2, checkTimeout: 5 }, false), { checkOnSave: false, checkOnIdle: 0, checkTimeout: 5 });
	assert.deepEqual(restrictSettings(null, false), { checkOnSave: false, checkOnIdle: 0 });
	assert.deepEqual(restrictSettings({ checkOnSave: true }, true), { checkOnSave: true });
	assert.equal(restrictSettings(null, true), null);
});

test('package.json declares the Restricted Mode behaviour', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
	const u = pkg.capabilities.untrustedWorkspaces;
	assert.equal(u.supported, 'limited');
	assert.match(u.description, /on save/);
	const props = Object.keys(pkg.contributes.configuration.properties);
	for (const k of ['tlals.server.path', 'tlals.server.extraArgs', 'tlals.server.env', 'tlals.checkOnSave']) {
		assert.ok(u.restrictedConfigurations.includes(k), `${k} is not restricted`);
		assert.ok(props.includes(k), `${k} is not a setting`);
	}
});
