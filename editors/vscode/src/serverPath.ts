// Where the server binary comes from: the tlals.server.path setting, else
// `tlals` on PATH, else the binary bundled in the .vsix under server/.
// Pure apart from the injected file checks, unit-tested.

import * as path from 'path';

export interface Lookup {
	isExecutable(p: string): boolean;
	env: Record<string, string | undefined>;
	platform: string;
}

export type Found = { path: string; source: 'setting' | 'PATH' | 'bundled' } | { error: string };

export function findServer(setting: string | undefined, extensionDir: string, l: Lookup): Found {
	const exe = l.platform === 'win32' ? 'tlals.exe' : 'tlals';
	if (setting && setting.trim() !== '') {
		let p = setting.trim();
		if (p.startsWith('~/') && l.env.HOME) p = path.join(l.env.HOME, p.slice(2));
		if (l.isExecutable(p)) return { path: p, source: 'setting' };
		return { error: `tlals.server.path is set to "${setting}", which is not an executable file` };
	}
	for (const dir of (l.env.PATH ?? '').split(l.platform === 'win32' ? ';' : ':')) {
		if (!dir) continue;
		const p = path.join(dir, exe);
		if (l.isExecutable(p)) return { path: p, source: 'PATH' };
	}
	const bundled = path.join(extensionDir, 'server', exe);
	if (l.isExecutable(bundled)) return { path: bundled, source: 'bundled' };
	return { error: `could not find ${exe}: set tlals.server.path, put ${exe} on PATH, or install a .vsix that bundles it` };
}
