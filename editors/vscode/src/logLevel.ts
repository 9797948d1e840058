import type * as vscode from 'vscode';

// vscode-languageclient writes every line of the server's stderr to its log
// channel as an error. The server logs with zap, whose console lines carry
// their level ("2026-12-07T05:40:01Z\tINFO\tserving"): the channel below
// logs each line at that level, and everything else as before.

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** The level of a zap console line, or undefined when it is not one. */
export function zapLevel(line: string): Level | undefined {
	const m = /\t(DEBUG|INFO|WARN|ERROR|DPANIC|PANIC|FATAL)\t/.exec(line);
	if (!m) return undefined;
	switch (m[1]) {
		case 'DEBUG':
			return 'debug';
		case 'INFO':
			return 'info';
		case 'WARN':
			return 'warn';
		default:
			return 'error';
	}
}

/**
 * The text of a zap console line without zap's time and level, which the
 * channel shows itself ("initialize\t{...}" of "<time>\tINFO\tinitialize\t{...}").
 */
export function zapText(line: string): string {
	return line.replace(/^[^\t]*\t(DEBUG|INFO|WARN|ERROR|DPANIC|PANIC|FATAL)\t/, '');
}

/** ch, with error() lines that are zap's logged at their own level. */
export function levelled(ch: vscode.LogOutputChannel): vscode.LogOutputChannel {
	const error = (e: string | Error, ...args: unknown[]): void => {
		const level = typeof e === 'string' ? zapLevel(e) : undefined;
		if (level && level !== 'error') ch[level](zapText(e as string), ...args);
		else if (level) ch.error(zapText(e as string), ...args);
		else ch.error(e, ...args);
	};
	return new Proxy(ch, {
		get(target, prop, receiver) {
			if (prop === 'error') return error;
			const v = Reflect.get(target, prop, receiver);
			return typeof v === 'function' ? v.bind(target) : v;
		},
	});
}
